import type { ReadonlySignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { ExecutionResult, Progress } from '../../utils/bulk/executor';
import { t } from '../../utils/i18n';
import type { JournalEntry } from '../../utils/store/records';
import type { BulkState, Step } from './bulk-state';
import { ChoiceStep } from './ChoiceStep';
import { ConformityStep } from './ConformityStep';
import { PreviewStep, UndoStep } from './PreviewStep';
import { ResolutionStep } from './ResolutionStep';
import { TemplatesStep } from './TemplatesStep';

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

function seconds(ms: number): string {
  return String(Math.max(1, Math.round(ms / 1000)));
}

function ProgressView({ step }: { step: Extract<Step, { kind: 'execution' }> }) {
  const progress: Progress | null = step.progress;
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  return (
    <div class="cg-etape" data-cg-execution>
      <div
        class="cg-progression"
        role="progressbar"
        aria-label={step.titre}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
      >
        <div class="cg-progression__barre" style={{ width: total ? `${(100 * done) / total}%` : '0%' }} />
      </div>
      <p aria-live="polite">
        {t('bulkProgress', String(done), String(total), String(progress?.personnes ?? 0))}
        {progress?.restantMs != null && ` — ${t('bulkTimeLeft', seconds(progress.restantMs))}`}
      </p>
      <div class="cg-pied">
        <button
          type="button"
          class="cg-bouton cg-bouton--secondaire"
          disabled={step.stop.signal.aborted}
          onClick={() => step.stop.abort()}
        >
          {step.stop.signal.aborted ? t('bulkStopping') : t('bulkStop')}
        </button>
      </div>
    </div>
  );
}

function stopMessage(result: ExecutionResult): string {
  switch (result.reason) {
    case 'session':
      return t('bulkStoppedSession');
    case 'annule':
      return t('bulkStoppedByUser');
    case 'conflit':
      return t('bulkStoppedConflict');
    default:
      return result.message ?? t('bulkStoppedError');
  }
}

function ResultView({ state, step }: { state: BulkState; step: Extract<Step, { kind: 'resultat' }> }) {
  const { result, entry, annulation } = step;
  const persons = [...result.faits.values()].reduce((sum, ids) => sum + ids.length, 0);
  const finished = result.status === 'termine';
  return (
    <div class="cg-etape" data-cg-resultat={result.status}>
      <p class={finished ? 'cg-succes' : 'cg-alerte'} role="status">
        <span aria-hidden="true">{finished ? '✔ ' : '⚠ '}</span>
        {annulation
          ? t('bulkUndoDone', String(persons), String(result.faits.size))
          : t('bulkDone', String(persons), String(result.faits.size))}
      </p>
      {!finished && (
        <p class="cg-alerte" role="alert" data-cg-arret={result.reason}>
          {stopMessage(result)}
        </p>
      )}
      {result.echecs.length > 0 && (
        <ul class="cg-alerte">
          {result.echecs.map((failure) => (
            <li key={failure.idAbonnement}>
              {entry.job?.abonnements.find((a) => a.idAbonnement === failure.idAbonnement)?.libelle ??
                failure.idAbonnement}{' '}
              : {failure.message}
            </li>
          ))}
        </ul>
      )}
      <div class="cg-pied">
        {!finished && (
          <button type="button" class="cg-bouton" onClick={() => void state.resume(entry)}>
            {t('bulkResume')}
          </button>
        )}
        {!annulation && persons > 0 && (
          <button
            type="button"
            class="cg-bouton cg-bouton--secondaire"
            onClick={() => void state.prepareUndo(entry)}
          >
            {t('bulkUndo')}
          </button>
        )}
        <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={state.close}>
          {t('bulkClose')}
        </button>
      </div>
    </div>
  );
}

function StepView({ state }: { state: BulkState }) {
  const step = state.step.value;
  const school = state.school.value;
  switch (step.kind) {
    case 'ferme':
      return null;
    case 'chargement':
      return (
        <p class="cg-chargement" role="status">
          {step.message}
        </p>
      );
    case 'erreur':
      return (
        <div class="cg-etape">
          <p class="cg-alerte" role="alert" data-cg-erreur>
            {step.message}
          </p>
          <div class="cg-pied">
            <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={() => void state.open()}>
              {t('bulkBackToStart')}
            </button>
          </div>
        </div>
      );
    case 'choix':
      return school && <ChoiceStep state={state} school={school} />;
    case 'apercu':
      return school && <PreviewStep state={state} school={school} step={step} />;
    case 'execution':
      return <ProgressView step={step} />;
    case 'resultat':
      return <ResultView state={state} step={step} />;
    case 'annulation':
      return <UndoStep state={state} step={step} />;
    case 'modeles':
      return <TemplatesStep state={state} step={step} />;
    case 'resolution':
      return <ResolutionStep state={state} step={step} />;
    case 'conformite':
      return <ConformityStep state={state} step={step} />;
  }
}

/** Operations of this school interrupted earlier (a closed tab, an expired session): resume or give up. */
function Interrupted({
  state,
  entries,
  onShow,
}: {
  state: BulkState;
  entries: JournalEntry[];
  onShow(): void;
}) {
  return (
    <div class="cg-reprise" role="region" aria-label={t('bulkInterruptedTitle')} data-cg-reprise>
      {entries.map((entry) => (
        <p key={entry.id}>
          <span aria-hidden="true">⚠ </span>
          {t(
            'bulkInterrupted',
            dateTime.format(new Date(entry.startedAt)),
            state.asked(entry),
            String(state.remainingOf(entry).length),
          )}{' '}
          <button
            type="button"
            class="cg-bouton"
            onClick={() => {
              onShow();
              void state.resume(entry);
            }}
          >
            {t('bulkResume')}
          </button>{' '}
          <button
            type="button"
            class="cg-bouton cg-bouton--secondaire"
            onClick={() => void state.giveUp(entry)}
          >
            {t('bulkGiveUp')}
          </button>
        </p>
      ))}
    </div>
  );
}

/** Recent operations that can still be undone. */
function Recent({ state }: { state: BulkState }) {
  const undoable = state.journal.value
    .filter((entry) => entry.kind === 'affectation' && !entry.annulePar && entry.status !== 'enCours')
    .slice(0, 5);
  if (undoable.length === 0) return null;
  return (
    <details class="cg-recentes">
      <summary>{t('bulkRecentTitle')}</summary>
      <ul>
        {undoable.map((entry) => (
          <li key={entry.id}>
            {dateTime.format(new Date(entry.startedAt))} — {entry.summary}{' '}
            <button
              type="button"
              class="cg-bouton cg-bouton--secondaire"
              onClick={() => void state.prepareUndo(entry)}
            >
              {t('bulkUndo')}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The dialog: modal, labelled, Escape closes it unless writes are running. */
export function BulkDialog({ state }: { state: BulkState }) {
  const ref = useRef<HTMLDivElement>(null);
  const step = state.step.value;
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const busy = step.kind === 'execution';
  return (
    <div class="cg-voile">
      <div
        ref={ref}
        class="cg-dialogue"
        role="dialog"
        aria-modal="true"
        aria-labelledby="cg-titre-affectation"
        tabIndex={-1}
        data-cg-panneau
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !busy) state.close();
        }}
      >
        <header class="cg-dialogue__entete">
          <h2 id="cg-titre-affectation">{t('bulkTitle')}</h2>
          <button
            type="button"
            class="cg-fermer"
            aria-label={t('bulkClose')}
            disabled={busy}
            onClick={state.close}
          >
            ×
          </button>
        </header>
        {(step.kind === 'choix' || step.kind === 'erreur') && <Recent state={state} />}
        <StepView state={state} />
      </div>
    </div>
  );
}

export interface LauncherProps {
  state: BulkState;
  /** Shows this state's dialog, which lives outside the view so a job's progress survives navigation. */
  onShow(): void;
  /** Operations this tab is running right now: not « interrupted », whatever the journal says yet. */
  runningHere: ReadonlySignal<ReadonlySet<string>>;
}

/** The launcher above the console's view, and the operations interrupted earlier. */
export function BulkLauncher({ state, onShow, runningHere }: LauncherProps) {
  const interrupted = state.resumable().filter((entry) => !runningHere.value.has(entry.id));
  return (
    <div class="cg-groupee">
      <div class="cg-tri">
        <span class="cg-tri__logo" aria-hidden="true">
          ◆
        </span>
        <button
          type="button"
          class="cg-bouton"
          data-cg-ouvrir
          onClick={() => {
            onShow();
            void state.open();
          }}
        >
          {t('bulkOpen')}
        </button>
        <span class="cg-detail">{t('bulkOpenHint')}</span>
      </div>
      {interrupted.length > 0 && state.step.value.kind === 'ferme' && (
        <Interrupted state={state} entries={interrupted} onShow={onShow} />
      )}
    </div>
  );
}
