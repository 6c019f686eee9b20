import { useSignal } from '@preact/signals';
import { t, tn } from '../../../../utils/i18n';
import type { BulkState, Step } from './state';

/** « Appliquer des modèles »: pick one template, or several as one rentrée plan. */
export function TemplatesStep({
  state,
  step,
}: {
  state: BulkState;
  step: Extract<Step, { kind: 'modeles' }>;
}) {
  const chosen = useSignal<ReadonlySet<string>>(new Set());
  const toggle = (id: string, on: boolean): void => {
    const next = new Set(chosen.value);
    if (on) next.add(id);
    else next.delete(id);
    chosen.value = next;
  };
  const picked = () => step.templates.filter((template) => chosen.value.has(template.id));
  if (step.templates.length === 0) {
    return (
      <div class="cg-etape">
        <p class="cg-info">{t('bulkTemplatesNone')}</p>
        <div class="cg-pied">
          <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={state.backToChoice}>
            {t('bulkBack')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div class="cg-etape">
      <p>{t('bulkTemplatesIntro')}</p>
      <ul class="cg-liste-choix" data-cg-liste="modeles">
        {step.templates.map((template) => (
          <li key={template.id}>
            <label class="cg-option">
              <input
                type="checkbox"
                data-cg-modele={template.name}
                checked={chosen.value.has(template.id)}
                onChange={(e) => toggle(template.id, e.currentTarget.checked)}
              />
              <span>
                <strong>{template.name}</strong>
                <span class="cg-detail">
                  {tn(template.rules.length, 'bulkTemplateRules')}
                  {template.description && ` — ${template.description}`}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <div class="cg-pied">
        <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={state.backToChoice}>
          {t('bulkBack')}
        </button>
        <button
          type="button"
          class="cg-bouton cg-bouton--secondaire"
          disabled={chosen.value.size === 0}
          onClick={() => void state.checkConformity(picked())}
        >
          {t('bulkConformityCheck')}
        </button>
        <button
          type="button"
          class="cg-bouton"
          disabled={chosen.value.size === 0}
          onClick={() => void state.resolveChosen(picked())}
        >
          {t('bulkTemplatesResolve')}
        </button>
      </div>
    </div>
  );
}
