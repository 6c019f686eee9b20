import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { describeError } from '../../../utils/describe-error';
import type { Template } from '../../../utils/gar/template-record';
import { t } from '../../../utils/i18n';
import { EDITOR_ERROR_ID, fieldAttributes, fieldId, fieldPath, focusLater } from '../shared/form-fields';
import { TemplateRuleEditor } from './TemplateRuleEditor';
import {
  draftOf,
  emptyDraft,
  emptyRule,
  type RuleDraft,
  type TemplateDraft,
  templateFromDraft,
} from './template-draft';

interface Props {
  /** The template to change; a new one when absent. */
  template?: Template;
  /** Stores the template; throws when the store refuses it. */
  onSave(template: Template): Promise<void>;
  onCancel(): void;
}

interface Refusal {
  /** Where the schema found the problem; empty when the store itself failed. */
  path: string;
  message: string;
}

const ADD_RULE_ID = 'cg-tpl-ajouter-regle';

/**
 * The template form. Nothing is stored until the whole template passes the store's schema; a
 * refusal names the field at fault in the RA's words and puts the focus on it.
 */
export function TemplateEditor({ template, onSave, onCancel }: Props) {
  const draft = useSignal<TemplateDraft>(template ? draftOf(template) : emptyDraft());
  const refusal = useSignal<Refusal | null>(null);
  const invalidPath = refusal.value?.path || null;
  const headingId = 'cg-tpl-editeur-titre';
  const nameInput = useRef<HTMLInputElement>(null);
  // The form opens on demand: its first field is where the RA starts.
  useEffect(() => nameInput.current?.focus(), []);

  const set = (patch: Partial<TemplateDraft>): void => {
    draft.value = { ...draft.value, ...patch };
  };
  const setRules = (rules: RuleDraft[]): void => set({ rules });
  const addRule = (): void => {
    const added = draft.value.rules.length;
    setRules([...draft.value.rules, emptyRule()]);
    focusLater(fieldId(fieldPath('rules', added, 'resource', 'title')));
  };
  const removeRule = (removed: number): void => {
    setRules(draft.value.rules.filter((_, i) => i !== removed));
    focusLater(ADD_RULE_ID);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const checked = templateFromDraft(draft.value, template, new Date());
    if (!checked.ok) {
      refusal.value = checked;
      focusLater(fieldId(checked.path), EDITOR_ERROR_ID);
      return;
    }
    try {
      await onSave(checked.template);
    } catch (cause) {
      refusal.value = { path: '', message: t('tplStoreError', describeError(cause)) };
      focusLater(EDITOR_ERROR_ID);
    }
  };

  return (
    // The schema judges, not the browser: its messages name the field, the browser's bubbles vanish.
    <form
      class="cg-tpl__editeur"
      noValidate
      aria-labelledby={headingId}
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={headingId}>{template ? t('tplEditorEdit', template.name) : t('tplEditorNew')}</h3>
      <div class="cg-tpl__ligne">
        <label class="cg-tpl__champ cg-tpl__champ--large">
          <span>{t('tplName')}</span>
          <input
            {...fieldAttributes('name', invalidPath)}
            type="text"
            required
            maxLength={120}
            ref={nameInput}
            value={draft.value.name}
            onInput={(event) => set({ name: event.currentTarget.value })}
          />
        </label>
      </div>
      <label class="cg-tpl__champ">
        <span>{t('tplDescriptionOptional')}</span>
        <textarea
          {...fieldAttributes('description', invalidPath)}
          rows={2}
          maxLength={2000}
          value={draft.value.description}
          onInput={(event) => set({ description: event.currentTarget.value })}
        />
      </label>
      {draft.value.rules.length === 0 && <p class="cg-vide">{t('tplNoRule')}</p>}
      {draft.value.rules.map((rule, i) => (
        <TemplateRuleEditor
          // Rules have no identity of their own; their fields are controlled by the draft.
          key={i}
          index={i}
          rule={rule}
          invalidPath={invalidPath}
          onChange={(changed) => setRules(draft.value.rules.map((old, j) => (j === i ? changed : old)))}
          onRemove={() => removeRule(i)}
        />
      ))}
      <div class="cg-actions">
        <button id={ADD_RULE_ID} type="button" class="cg-bouton cg-bouton--secondaire" onClick={addRule}>
          {t('tplAddRule')}
        </button>
      </div>
      {refusal.value && (
        <p id={EDITOR_ERROR_ID} class="cg-erreur" role="alert" tabIndex={-1}>
          {refusal.value.message}
        </p>
      )}
      <div class="cg-actions cg-tpl__pied">
        <button type="submit" class="cg-bouton">
          {t('tplSave')}
        </button>
        <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={onCancel}>
          {t('tplCancel')}
        </button>
      </div>
    </form>
  );
}
