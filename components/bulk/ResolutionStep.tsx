import type { Unresolved } from '../../utils/gar/templates';
import { t } from '../../utils/i18n';
import { type BulkState, type Step, unresolvedKey } from './bulk-state';

/** One part a template could not resolve today, with the way to decide about it. */
function UnresolvedItem({
  state,
  step,
  item,
}: {
  state: BulkState;
  step: Extract<Step, { kind: 'resolution' }>;
  item: Unresolved;
}) {
  const key = unresolvedKey(item);
  const accepted = step.acceptes.has(key);
  return (
    <li class="cg-carte" data-cg-non-resolu={item.kind}>
      <p>{item.message}</p>
      {item.kind === 'plusieursAbonnements' && (
        <label class="cg-champ">
          <span>{t('bulkTemplateWhich')}</span>
          <select
            onChange={(e) => {
              const value = e.currentTarget.value;
              state.decide(key, value === 'ignorer' ? 'ignorer' : value ? { idAbonnement: value } : null);
            }}
          >
            <option value="">{t('bulkTemplateChoose')}</option>
            {item.candidates.map((candidate) => (
              <option key={candidate.idAbonnement} value={candidate.idAbonnement}>
                {candidate.libelle} ({candidate.idAbonnement})
              </option>
            ))}
            <option value="ignorer">{t('bulkTemplateSkipRule')}</option>
          </select>
        </label>
      )}
      {item.kind !== 'plusieursAbonnements' && (
        <label class="cg-option">
          <input
            type="checkbox"
            data-cg-accepter={key}
            checked={accepted}
            onChange={(e) => state.accept(key, e.currentTarget.checked)}
          />
          <span>{t('bulkTemplateAccept')}</span>
        </label>
      )}
    </li>
  );
}

/** What the templates resolve to today, and what they cannot — listed, never skipped silently. */
export function ResolutionStep({
  state,
  step,
}: {
  state: BulkState;
  step: Extract<Step, { kind: 'resolution' }>;
}) {
  const { lignes, nonResolus } = step.resolution;
  const subscriptions = new Set(lignes.map((line) => line.idAbonnement)).size;
  const complete = state.resolutionComplete(step);
  return (
    <div class="cg-etape">
      <p class="cg-resume" data-cg-lignes={lignes.length}>
        {t('bulkTemplateResolved', String(lignes.length), String(subscriptions))}
      </p>
      {nonResolus.length > 0 && (
        <div data-cg-non-resolus>
          <p>
            <strong>{t('bulkTemplateUnresolvedTitle', String(nonResolus.length))}</strong>{' '}
            {t('bulkTemplateUnresolvedExplain')}
          </p>
          <ul class="cg-cartes cg-liste-simple">
            {nonResolus.map((item) => (
              <UnresolvedItem
                key={`${unresolvedKey(item)}-${item.kind}`}
                state={state}
                step={step}
                item={item}
              />
            ))}
          </ul>
        </div>
      )}
      <div class="cg-pied">
        <button
          type="button"
          class="cg-bouton cg-bouton--secondaire"
          onClick={() => void state.openTemplates()}
        >
          {t('bulkBack')}
        </button>
        <button
          type="button"
          class="cg-bouton"
          disabled={!complete || lignes.length === 0}
          onClick={() => void state.previewTemplates()}
        >
          {t('bulkPreview')}
        </button>
        {!complete && <span class="cg-detail">{t('bulkTemplateDecideFirst')}</span>}
      </div>
    </div>
  );
}
