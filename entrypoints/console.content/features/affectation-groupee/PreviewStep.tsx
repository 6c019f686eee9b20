import type { PlanChange, SubscriptionPlan } from '../../../../utils/gar/assignment-plan';
import { BUCKET_LABELS } from '../../../../utils/gar/bucket-labels';
import { formatParisDateTime } from '../../../../utils/gar/paris-time';
import type { ConsoleSubscription } from '../../../../utils/gar/school';
import { type PopulationIndex, targetLabel } from '../../../../utils/gar/targets';
import { t, tn } from '../../../../utils/i18n';
import { bucketCount, exclusionLabel, refusLabel } from './labels';
import { SaveTemplateForm } from './SaveTemplateForm';
import type { BulkState, School, Step } from './state';

/** Names are only listed on demand, and not by the thousand. */
const NAMES_SHOWN = 200;

function Names({ ids, index }: { ids: readonly string[]; index: PopulationIndex }) {
  if (ids.length === 0) return null;
  const shown = ids.slice(0, NAMES_SHOWN).map((id) => {
    const person = index.personById.get(id);
    return person ? `${person.nom} ${person.prenom}` : id;
  });
  return (
    <details class="cg-noms">
      <summary>{tn(ids.length, 'bulkShowNames')}</summary>
      <p>
        {shown.join(', ')}
        {ids.length > NAMES_SHOWN && ` ${tn(ids.length - NAMES_SHOWN, 'bulkAndOthers')}`}
      </p>
    </details>
  );
}

function count(value: number | 'ILLIMITE'): string {
  return value === 'ILLIMITE' ? t('bulkUnlimited') : String(value);
}

function SubscriptionCard({
  plan,
  title,
  index,
  jusquAEpuisement,
}: {
  plan: SubscriptionPlan;
  title: string;
  index: PopulationIndex;
  /** Served in order until exhausted: the missing ones are left without, the rest is assigned. */
  jusquAEpuisement: boolean;
}) {
  const added = plan.parCible.reduce((sum, target) => sum + target.nouveaux, 0);
  const short = Object.entries(plan.manquantes);
  return (
    <article class="cg-carte" data-cg-apercu={plan.idAbonnement}>
      {/* h4: the step's own heading is the h3 « Aperçu ». */}
      <h4>
        {title} <span class="cg-compte">{tn(added, 'bulkAddsCount')}</span>
      </h4>
      {plan.refus && <p class="cg-alerte">{refusLabel(plan.refus)}</p>}
      {short.length > 0 && (
        <p class="cg-alerte cg-alerte--manque" role="alert" data-cg-manque>
          <span aria-hidden="true">⚠ </span>
          {t(
            jusquAEpuisement ? 'bulkMissingUntilExhausted' : 'bulkMissing',
            short.map(([bucket, missing]) => bucketCount(bucket, missing ?? 0)).join(', '),
          )}
        </p>
      )}
      {plan.buckets.length > 0 && (
        <table class="cg-tableau">
          <caption class="cg-invisible">{t('bulkLicencesCaption', title)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bulkColPublic')}</th>
              <th scope="col">{t('bulkColNew')}</th>
              <th scope="col">{t('bulkColAlready')}</th>
              <th scope="col">{t('bulkColAvailable')}</th>
              <th scope="col">{t('bulkColMissing')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.buckets.map((bucket) => (
              <tr key={bucket.bucket}>
                <th scope="row">{BUCKET_LABELS[bucket.bucket] ?? bucket.bucket}</th>
                <td>{bucket.nouveaux.length}</td>
                <td>{bucket.deja.length}</td>
                <td>{count(bucket.disponibles)}</td>
                <td>{bucket.manquantes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ul class="cg-cibles">
        {plan.parCible.map((target) => (
          <li key={`${target.cible.type}:${target.cible.code}`}>
            <strong>{targetLabel(index, target.cible)}</strong> :{' '}
            {[
              tn(target.nouveaux, 'bulkToAssign'),
              tn(target.deja, 'bulkAlreadyHeld'),
              tn(target.exclus, 'bulkExcluded'),
            ].join(', ')}
            <Names ids={target.nouveauxIds} index={index} />
          </li>
        ))}
        {plan.problemes.map((problem) => (
          <li key={`${problem.cible.type}:${problem.cible.code}`} class="cg-alerte">
            {targetLabel(index, problem.cible)} :{' '}
            {problem.kind === 'inconnue'
              ? t('bulkUnknownTarget')
              : t('bulkTargetOutsidePublic', BUCKET_LABELS[problem.profil] ?? problem.profil)}
          </li>
        ))}
      </ul>
      {plan.exclus.length > 0 && (
        <details class="cg-noms">
          <summary>{tn(plan.exclus.length, 'bulkExcludedCount')}</summary>
          <ul>
            {[...new Set(plan.exclus.map((e) => e.raison))].map((raison) => (
              <li key={raison}>
                {exclusionLabel(raison)} : {plan.exclus.filter((e) => e.raison === raison).length}
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}

/**
 * What moved in the console: since the RA's confirmation (a conflict met while writing), or since
 * the preview (found by « Confirmer », which reads the console again before writing anything).
 */
function Changes({
  changes,
  titles,
  sincePreview,
}: {
  changes: readonly PlanChange[];
  titles: ReadonlyMap<string, string>;
  sincePreview: boolean;
}) {
  return (
    <div class="cg-alerte" role="alert" data-cg-changements>
      <p>
        <strong>{t(sincePreview ? 'bulkChangedSincePreviewTitle' : 'bulkChangedTitle')}</strong>{' '}
        {t(sincePreview ? 'bulkChangedSincePreviewExplain' : 'bulkChangedExplain')}
      </p>
      {changes.length === 0 ? (
        <p>{t(sincePreview ? 'bulkChangedSamePersonsCount' : 'bulkChangedNothing')}</p>
      ) : (
        <ul>
          {changes.map((change) => (
            <li key={change.idAbonnement}>
              <strong>{titles.get(change.idAbonnement) ?? change.idAbonnement}</strong> :{' '}
              {t(
                'bulkChangeLine',
                String(change.nouveaux[0]),
                String(change.nouveaux[1]),
                String(change.deja[0]),
                String(change.deja[1]),
              )}
              {change.manquantes[1] > 0 && ` ${tn(change.manquantes[1], 'bulkChangeMissing')}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function titlesOf(subscriptions: readonly ConsoleSubscription[]): Map<string, string> {
  return new Map(
    subscriptions.map(({ abonnement }) => [abonnement.idAbonnement, abonnement.libelleRessource]),
  );
}

/** Step 2: a readable diff per subscription × target, then confirm. */
export function PreviewStep({
  state,
  school,
  step,
}: {
  state: BulkState;
  school: School;
  step: Extract<Step, { kind: 'apercu' }>;
}) {
  const { plan, subscriptions } = step.fresh;
  const titles = titlesOf(subscriptions);
  const total = plan.totalNouveaux;
  const served = plan.abonnements.filter((p) => p.parCible.some((c) => c.nouveaux > 0)).length;
  const caps = state.capsExceeded(step);
  return (
    <div class="cg-etape">
      {step.reprise && <p class="cg-info">{t('bulkResumeIntro', state.asked(step.reprise))}</p>}
      {step.changements && (
        <Changes changes={step.changements} titles={titles} sincePreview={step.aJour === true} />
      )}
      {step.modeles && (
        <p class="cg-info" data-cg-modeles>
          {t('bulkTemplatesApplied', step.modeles.map((template) => template.name).join(', '))}
        </p>
      )}
      {caps.length > 0 && (
        <div class="cg-alerte cg-alerte--manque" role="alert" data-cg-plafonds>
          <p>{t('bulkCapsTitle')}</p>
          <ul>
            {caps.map((cap) => (
              <li key={`${cap.templateId}-${cap.ruleIndex}-${cap.profil}`}>
                {tn(
                  cap.prevus,
                  'bulkCapLine',
                  titles.get(cap.idAbonnement) ?? cap.idAbonnement,
                  String(cap.cap),
                  BUCKET_LABELS[cap.profil] ?? cap.profil,
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p class="cg-resume" data-cg-total={total}>
        {`${tn(total, 'bulkPlanLicences')} ${tn(served, 'bulkOnSubscriptions')}.`}
      </p>
      {plan.defauts.length > 0 && (
        <div class="cg-alerte" data-cg-defauts>
          <p>
            <strong>{t('bulkSyncTitle')}</strong> {t('bulkSyncExplain')}
          </p>
          <ul>
            {plan.defauts.map((defect) => (
              <li key={defect.message}>{defect.message}</li>
            ))}
          </ul>
        </div>
      )}
      {(plan.manquantes || step.jusquAEpuisement) && (
        <div class="cg-alerte cg-alerte--manque">
          <p>{t('bulkShortExplain')}</p>
          <label class="cg-option">
            <input
              type="checkbox"
              data-cg-epuisement
              checked={step.jusquAEpuisement}
              onChange={(e) => state.setJusquAEpuisement(e.currentTarget.checked)}
            />
            <span>{t('bulkUntilExhausted')}</span>
          </label>
        </div>
      )}
      <div class="cg-cartes">
        {plan.abonnements.map((subscriptionPlan) => (
          <SubscriptionCard
            key={subscriptionPlan.idAbonnement}
            plan={subscriptionPlan}
            title={titles.get(subscriptionPlan.idAbonnement) ?? subscriptionPlan.idAbonnement}
            index={school.index}
            jusquAEpuisement={step.jusquAEpuisement}
          />
        ))}
      </div>
      <div class="cg-pied">
        {!step.reprise && (
          <button
            type="button"
            class="cg-bouton cg-bouton--secondaire"
            onClick={() => (step.modeles ? void state.openTemplates() : state.backToChoice())}
          >
            {step.modeles ? t('bulkTemplatesBack') : t('bulkBack')}
          </button>
        )}
        <button
          type="button"
          class="cg-bouton"
          disabled={total === 0 || caps.length > 0}
          onClick={() => void state.confirm()}
        >
          {tn(total, step.reprise ? 'bulkConfirmResume' : 'bulkConfirm')}
        </button>
        {total === 0 && <span class="cg-detail">{t('bulkNothingToDo')}</span>}
      </div>
      {!step.reprise && !step.modeles && <SaveTemplateForm state={state} />}
    </div>
  );
}

/** The undo's own preview: exactly what the operation added and is still there. */
export function UndoStep({ state, step }: { state: BulkState; step: Extract<Step, { kind: 'annulation' }> }) {
  const titles = new Map((step.entry.job?.abonnements ?? []).map((a) => [a.idAbonnement, a.libelle]));
  const total = [...step.undo.removals.values()].reduce((sum, ids) => sum + ids.length, 0);
  return (
    <div class="cg-etape">
      <p class="cg-info">
        {step.reprise
          ? t('bulkResumeIntro', state.asked(step.reprise))
          : t('bulkUndoIntro', formatParisDateTime(step.entry.startedAt), state.asked(step.entry))}
      </p>
      <p class="cg-resume" data-cg-total={total}>
        {`${tn(total, 'bulkToRemove')} ${tn(step.undo.removals.size, 'bulkOnSubscriptions')}.`}
      </p>
      {step.undo.dejaRetires > 0 && (
        <p class="cg-detail">{tn(step.undo.dejaRetires, 'bulkUndoAlreadyGone')}</p>
      )}
      <ul class="cg-cibles">
        {[...step.undo.removals].map(([id, persons]) => (
          <li key={id}>
            <strong>{titles.get(id) ?? id}</strong> : {tn(persons.length, 'bulkToRemove')}
          </li>
        ))}
      </ul>
      <div class="cg-pied">
        <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={state.close}>
          {t('bulkCancel')}
        </button>
        <button
          type="button"
          class="cg-bouton cg-bouton--danger"
          disabled={total === 0}
          onClick={() => void state.confirmUndo()}
        >
          {tn(total, 'bulkConfirmUndo')}
        </button>
      </div>
    </div>
  );
}
