import { requestSummary } from '../../../utils/gar/assignment-job';
import type { JournalEntry, JournalJob, JournalStep } from '../../../utils/gar/journal-record';
import { journalSubscriptions, personCount } from '../../../utils/gar/journal-view';
import { formatParisDateTime, formatParisDateTimeSeconds } from '../../../utils/gar/paris-time';
import { t } from '../../../utils/i18n';
import { actionWord } from './journal-words';

interface Props {
  entry: JournalEntry;
  byId: ReadonlyMap<string, JournalEntry>;
}

function stepResult(step: JournalStep): string {
  if (step.ok) return t('journalStepOk');
  return step.error ? t('journalStepFailed', step.error) : t('journalStepFailedNoReason');
}

/**
 * The operation an undo reversed, in the words of the undo's summary: its date while it is still
 * in the journal, and what it asked (an undo's job is a copy of that request).
 */
function reversedText(job: JournalJob, byId: ReadonlyMap<string, JournalEntry>): string {
  const reversed = job.annule === undefined ? undefined : byId.get(job.annule);
  const asked = requestSummary(job);
  return reversed
    ? t('journalDetailsReversed', formatParisDateTime(reversed.startedAt), asked)
    : t('journalDetailsReversesGone', asked);
}

/**
 * What an operation asked and did. Person ids are opaque and personal: only their number shows.
 * Subscriptions keep their id next to the title, as the console and the portail show both.
 */
export function JournalDetails({ entry, byId }: Props) {
  const subscriptions = journalSubscriptions(entry);
  const titles = new Map(
    subscriptions.map((subscription) => [subscription.idAbonnement, subscription.libelle]),
  );
  const job = entry.job;
  return (
    <div class="cg-journal__detail">
      <dl>
        <dt>{t('journalDetailsStarted')}</dt>
        <dd>{formatParisDateTime(entry.startedAt)}</dd>
        {entry.endedAt && (
          <>
            <dt>{t('journalDetailsEnded')}</dt>
            <dd>{formatParisDateTime(entry.endedAt)}</dd>
          </>
        )}
        {job?.annule && (
          <>
            <dt>{t('journalDetailsReversesTitle')}</dt>
            <dd>{reversedText(job, byId)}</dd>
          </>
        )}
        <dt>{t('journalDetailsSubscriptions')}</dt>
        <dd>
          <ul>
            {subscriptions.map((subscription) => (
              <li key={subscription.idAbonnement}>
                {subscription.libelle || subscription.idAbonnement}{' '}
                <small>({subscription.idAbonnement})</small>
              </li>
            ))}
          </ul>
        </dd>
        {job && (
          <>
            <dt>{t('journalDetailsTargets')}</dt>
            <dd>
              <ul>
                {job.cibles.map((cible) => (
                  <li key={`${cible.type}:${cible.code}`}>{cible.libelle || cible.code}</li>
                ))}
              </ul>
            </dd>
            <dt>{t('journalDetailsUntilExhausted')}</dt>
            <dd>{job.jusquAEpuisement ? t('journalYes') : t('journalNo')}</dd>
          </>
        )}
      </dl>
      {entry.steps.length === 0 ? (
        <p class="cg-aide">{t('journalDetailsNoSteps')}</p>
      ) : (
        <table class="cg-journal__etapes">
          <caption>{t('journalDetailsSteps')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('journalStepTime')}</th>
              <th scope="col">{t('journalStepAction')}</th>
              <th scope="col">{t('journalStepSubscription')}</th>
              <th scope="col" class="cg-nombre">
                {t('journalStepPersons')}
              </th>
              <th scope="col">{t('journalStepResult')}</th>
            </tr>
          </thead>
          <tbody>
            {entry.steps.map((step, index) => (
              // Steps are only ever appended: their position is a stable key.
              <tr key={index} class={step.ok ? undefined : 'cg-journal__etape--echec'}>
                <td>{formatParisDateTimeSeconds(step.at)}</td>
                <td>{actionWord(step.action)}</td>
                <td>{step.idAbonnement ? titles.get(step.idAbonnement) || step.idAbonnement : '—'}</td>
                <td class="cg-nombre">{personCount(step)}</td>
                <td>
                  <span aria-hidden="true">{step.ok ? '✓' : '✕'}</span> {stepResult(step)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
