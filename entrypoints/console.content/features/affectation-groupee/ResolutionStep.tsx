import { askBackground } from '../../../../utils/client';
import { decisionKey, ruleName, type Unresolved } from '../../../../utils/gar/templates';
import { t, tn } from '../../../../utils/i18n';
import { type BulkState, type Step, unresolvedKey } from './state';

type ResolutionView = Extract<Step, { kind: 'resolution' }>;
type AbsentResource = Extract<Unresolved, { kind: 'ressourceAbsente' }>;

/** « J’ai compris : laisser cette partie de côté cette année »: read and accepted, never skipped silently. */
function LeaveAside({ state, step, itemKey }: { state: BulkState; step: ResolutionView; itemKey: string }) {
  return (
    <label class="cg-option">
      <input
        type="checkbox"
        data-cg-accepter={itemKey}
        checked={step.acceptes.has(itemKey)}
        onChange={(e) => state.accept(itemKey, e.currentTarget.checked)}
      />
      <span>{t('bulkTemplateAccept')}</span>
    </label>
  );
}

/**
 * A rule whose resource was not delivered this year: what the RA can really do — take another of
 * this year's subscriptions, leave the rule aside this year, or check the order (and ask for it).
 */
function AbsentResourceChoices({
  state,
  step,
  item,
}: {
  state: BulkState;
  step: ResolutionView;
  item: AbsentResource;
}) {
  const key = unresolvedKey(item);
  return (
    <>
      {item.alternatives.length > 0 && (
        <label class="cg-champ">
          <span>{t('bulkTemplateReplace')}</span>
          <select
            data-cg-remplacer={key}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (!value) return;
              // A subscription chosen resolves the rule: it is no longer left aside.
              state.accept(key, false);
              state.decide(key, { idAbonnement: value });
            }}
          >
            <option value="">{t('bulkTemplateChoose')}</option>
            {item.alternatives.map((candidate) => (
              <option key={candidate.idAbonnement} value={candidate.idAbonnement}>
                {candidate.libelle} ({candidate.idAbonnement})
              </option>
            ))}
          </select>
        </label>
      )}
      <LeaveAside state={state} step={step} itemKey={key} />
      <p class="cg-detail">
        {t('bulkTemplateOrdered')}{' '}
        <button
          type="button"
          class="cg-bouton cg-bouton--secondaire cg-bouton--petit"
          data-cg-commandes
          onClick={() => void askBackground('options.open', { section: 'commandes' })}
        >
          {t('bulkTemplateCheckOrder')}
        </button>
      </p>
    </>
  );
}

/** One part a template could not resolve today, with the way to decide about it. */
function UnresolvedItem({ state, step, item }: { state: BulkState; step: ResolutionView; item: Unresolved }) {
  const key = unresolvedKey(item);
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
      {item.kind === 'ressourceAbsente' && <AbsentResourceChoices state={state} step={step} item={item} />}
      {item.kind === 'cible' && <LeaveAside state={state} step={step} itemKey={key} />}
    </li>
  );
}

/** What the RA decided for rules that did not resolve alone, each open to change. */
function Decisions({ state, step }: { state: BulkState; step: ResolutionView }) {
  const decided = step.templates.flatMap((template) =>
    template.rules.flatMap((rule, ruleIndex) => {
      const key = decisionKey(template.id, ruleIndex);
      const decision = step.decisions.get(key);
      return decision ? [{ key, name: ruleName(template, ruleIndex, rule), decision }] : [];
    }),
  );
  if (decided.length === 0) return null;
  return (
    <div data-cg-decisions>
      <p>
        <strong>{t('bulkTemplateDecidedTitle')}</strong>
      </p>
      <ul class="cg-liste-simple">
        {decided.map(({ key, name, decision }) => (
          <li key={key} data-cg-decision={key}>
            {decision === 'ignorer'
              ? t('bulkTemplateDecidedSkip', name)
              : t(
                  'bulkTemplateDecidedUse',
                  name,
                  step.titres.get(decision.idAbonnement) ?? decision.idAbonnement,
                )}{' '}
            <button
              type="button"
              class="cg-bouton cg-bouton--secondaire cg-bouton--petit"
              onClick={() => state.decide(key, null)}
            >
              {t('bulkTemplateChange')}
            </button>
          </li>
        ))}
      </ul>
    </div>
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
        {`${tn(lignes.length, 'bulkTemplateResolved')} ${tn(subscriptions, 'bulkOnSubscriptionsThisYear')}.`}
      </p>
      <Decisions state={state} step={step} />
      {nonResolus.length > 0 && (
        <div data-cg-non-resolus>
          <p>
            <strong>{tn(nonResolus.length, 'bulkTemplateUnresolvedTitle')}</strong>{' '}
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
