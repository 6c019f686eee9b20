// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { saveSelectionAsTemplate } from '../../../utils/bulk/template-save';
import type { Cible } from '../../../utils/gar/school';
import { type Template, templateSchema } from '../../../utils/gar/template-record';
import { COLLEGE_UAI, simulator } from './sim-console';

const NOW = new Date('2026-11-28T09:05:00.000Z');
const CHOSEN: Cible[] = [
  { type: 'division', code: '6A' },
  { type: 'personne', code: 'eleve-1' },
  { type: 'personne', code: 'eleve-2' },
];

async function twoSubscriptions() {
  const sim = await simulator();
  const client = await sim.login();
  return (await client.subscriptions(COLLEGE_UAI)).slice(0, 2);
}

describe('« Enregistrer comme modèle »', () => {
  it('keeps one rule per subscription, with the targets that survive a year, and says how many persons it left out', async () => {
    const subscriptions = await twoSubscriptions();
    const saved: Template[] = [];
    const save = async (template: Template): Promise<Template> => {
      saved.push(template);
      return { ...template, name: `${template.name} (enregistré)` };
    };

    const { template, personnesIgnorees } = await saveSelectionAsTemplate(save, {
      name: 'Rentrée 6A',
      description: 'Manuels de 6e',
      subscriptions,
      cibles: CHOSEN,
      now: NOW,
    });

    expect(personnesIgnorees).toBe(2);
    // What the store answers is what the panel shows.
    expect(template.name).toBe('Rentrée 6A (enregistré)');
    const [kept] = saved;
    expect(templateSchema.parse(kept)).toEqual(kept);
    expect(kept).toMatchObject({
      name: 'Rentrée 6A',
      description: 'Manuels de 6e',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect(kept?.rules.map((rule) => [rule.resource.title, rule.targets])).toEqual(
      subscriptions.map(({ abonnement }) => [
        abonnement.libelleRessource,
        [{ kind: 'division', code: '6A' }],
      ]),
    );
  });

  it('fails as the store does', async () => {
    const subscriptions = await twoSubscriptions();
    const save = (): Promise<Template> => Promise.reject(new Error('modèle refusé'));
    const selection = { name: 'Rentrée', description: '', subscriptions, cibles: CHOSEN, now: NOW };
    await expect(saveSelectionAsTemplate(save, selection)).rejects.toThrow('modèle refusé');
  });
});
