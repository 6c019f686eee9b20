import { newRecordId } from '../gar/record-fields';
import type { Cible, ConsoleSubscription } from '../gar/school';
import { rulesFromSelection } from '../gar/template-from-selection';
import { TEMPLATE_VERSION, type Template } from '../gar/template-record';

/**
 * « Enregistrer comme modèle »: a previewed choice kept as rules that survive a school year.
 * Answers the template as kept, and how many person targets were left out (templates keep rules,
 * not names), for the panel to say so.
 */
export async function saveSelectionAsTemplate(
  save: (template: Template) => Promise<Template>,
  selection: {
    name: string;
    description: string;
    subscriptions: readonly ConsoleSubscription[];
    cibles: readonly Cible[];
    now: Date;
  },
): Promise<{ template: Template; personnesIgnorees: number }> {
  const { rules, personnesIgnorees } = rulesFromSelection(selection.subscriptions, selection.cibles);
  const now = selection.now.toISOString();
  const template = await save({
    id: newRecordId(),
    name: selection.name,
    description: selection.description,
    version: TEMPLATE_VERSION,
    rules,
    createdAt: now,
    updatedAt: now,
  });
  return { template, personnesIgnorees };
}
