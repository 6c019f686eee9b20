import type { ReadonlySignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { deepActiveElement, useFocusTrap } from '../../../../components/focus-trap';
import type { ExecutionResult, Progress } from '../../../../utils/bulk/executor';
import { type OperationCounts, operationCounts } from '../../../../utils/gar/assignment-job';
import type { JournalEntry } from '../../../../utils/gar/journal-record';
import { formatParisDateTime } from '../../../../utils/gar/paris-time';
import { type MessageKey, t, tn } from '../../../../utils/i18n';
import { ChoiceStep } from './ChoiceStep';
import { ConformityStep } from './ConformityStep';
import { PreviewStep, UndoStep } from './PreviewStep';
import { ResolutionStep } from './ResolutionStep';
import type { BulkState, Step } from './state';
import { TemplatesStep } from './TemplatesStep';

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
        {tn(done, 'bulkProgressSubscriptions', String(total))} —{' '}
        {tn(progress?.personnes ?? 0, 'bulkProgressLicences')}
        {progress?.restantMs != null && ` — ${t('bulkTimeLeft', seconds(progress.restantMs))}`}
      </p>
      <div class="cg-pied">
        <button
          type="button"
          class="cg-bouton cg-bouton--secondaire"
          // aria-disabled rather than disabled: a disabled button would drop the focus it holds.
          aria-disabled={step.stop.signal.aborted}
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

/** « 36 licences affectées sur 4 abonnements, dont 17 après reprise. »: the whole operation. */
function resultSentence(counts: OperationCounts, annulation: boolean): string {
  const licences = tn(counts.personnes, annulation ? 'bulkLicencesRemoved' : 'bulkLicencesAssigned');
  const resumed =
    counts.apresReprise === undefined ? '' : `, ${t('bulkAfterResume', String(counts.apresReprise))}`;
  return `${licences} ${tn(counts.abonnements, 'bulkOnSubscriptions')}${resumed}.`;
}

function ResultView({ state, step }: { state: BulkState; step: Extract<Step, { kind: 'resultat' }> }) {
  const { result, entry, annulation } = step;
  // The journal's entry knows what earlier runs did: a resume reports the whole operation.
  const counts = operationCounts(entry, result.faits);
  const finished = result.status === 'termine';
  return (
    <div class="cg-etape" data-cg-resultat={result.status}>
      <p class={finished ? 'cg-succes' : 'cg-alerte'} role="status">
        <span aria-hidden="true">{finished ? '✔ ' : '⚠ '}</span>
        {resultSentence(counts, annulation)}
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
        {!annulation && counts.personnes > 0 && (
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

/** Each step's heading, under the dialog's h2; the progress says which run it is (assignment, resume, undo). */
const STEP_TITLES: Record<Exclude<Step['kind'], 'ferme' | 'chargement' | 'execution'>, MessageKey> = {
  choix: 'bulkStepChoice',
  apercu: 'bulkStepPreview',
  resultat: 'bulkStepResult',
  annulation: 'bulkStepUndo',
  modeles: 'bulkStepTemplates',
  resolution: 'bulkStepResolution',
  conformite: 'bulkStepConformity',
  erreur: 'bulkStepError',
};

/** Where focus goes when a step begins: its heading, or a loading step's message. */
const STEP_START = '[data-cg-debut-etape]';

function StepHeading({ step }: { step: Step }) {
  if (step.kind === 'ferme' || step.kind === 'chargement') return null;
  return (
    <h3 class="cg-etape__titre" tabIndex={-1} data-cg-debut-etape>
      {step.kind === 'execution' ? step.titre : t(STEP_TITLES[step.kind])}
    </h3>
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
        <p class="cg-chargement" role="status" tabIndex={-1} data-cg-debut-etape>
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
            {step.retry && (
              <button type="button" class="cg-bouton" onClick={() => void step.retry?.()}>
                {t('bulkRetry')}
              </button>
            )}
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

/** What is left of an interrupted operation, as read in the console on return (or as journaled). */
function leftToDo(state: BulkState, entry: JournalEntry): string {
  const review = state.reviewOf(entry);
  if (review?.kind === 'reprendre' && review.licences > 0) {
    return tn(review.licences, 'bulkLeftToDo', tn(review.abonnements, 'bulkOnSubscriptions'));
  }
  return tn(state.remainingOf(entry).length, 'bulkRemainingSubscriptions');
}

/**
 * Operations of this school interrupted earlier (a closed tab, an expired session), read against
 * the console on return: resume, undo what was done, or give up (what was done stays undoable).
 */
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
          {t('bulkInterrupted', formatParisDateTime(entry.startedAt), state.asked(entry))} —{' '}
          {leftToDo(state, entry)}.{' '}
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
          {entry.kind === 'affectation' && (
            <>
              <button
                type="button"
                class="cg-bouton cg-bouton--secondaire"
                onClick={() => {
                  onShow();
                  void state.prepareUndo(entry);
                }}
              >
                {t('bulkUndoInterrupted')}
              </button>{' '}
            </>
          )}
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
  const undoable = state.undoable();
  if (undoable.length === 0) return null;
  return (
    <details class="cg-recentes">
      <summary>{t('bulkRecentTitle')}</summary>
      <ul>
        {undoable.map((entry) => (
          <li key={entry.id}>
            {formatParisDateTime(entry.startedAt)} — {entry.summary}{' '}
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

/**
 * The launcher's button on screen now. A navigation renders the view, and the launcher with it,
 * again while the dialog stays: focus goes there when the button that opened the dialog is gone.
 */
let launcherButton: HTMLButtonElement | null = null;

/** On close, focus goes back to the button that opened the dialog, or else to the launcher. */
function useFocusBack(): void {
  useEffect(() => {
    // Read before the dialog takes focus: the opener is still focused, in its own shadow root.
    const opener = deepActiveElement();
    return () => {
      const back = [opener, launcherButton].find(
        (element): element is HTMLElement =>
          element instanceof HTMLElement && element.isConnected && element !== document.body,
      );
      back?.focus();
    };
  }, []);
}

/** A new step's start takes focus: the control that had it has gone with the previous step. */
function focusStepStart(dialog: HTMLElement | null): void {
  (dialog?.querySelector<HTMLElement>(STEP_START) ?? dialog)?.focus();
}

/**
 * The dialog: modal and labelled; Tab stays inside, Escape closes it unless writes are running,
 * each step starts with focus on its heading, and focus goes back to the opener on close.
 */
export function BulkDialog({ state }: { state: BulkState }) {
  const ref = useRef<HTMLDivElement>(null);
  const step = state.step.value;
  const busy = step.kind === 'execution';
  useFocusBack();
  const onKeyDown = useFocusTrap(ref, {
    // While writes run, closing is not offered: Escape does nothing.
    onEscape: () => {
      if (!busy) state.close();
    },
    onFocusLost: () => focusStepStart(ref.current),
  });
  // A new kind of step is a new step; updates within one (progress, decisions) keep focus where it is.
  useEffect(() => focusStepStart(ref.current), [step.kind]);
  return (
    <div
      class="cg-voile"
      // A click on the backdrop leaves focus in the dialog rather than on <body>.
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) event.preventDefault();
      }}
    >
      <div
        ref={ref}
        class="cg-dialogue"
        role="dialog"
        aria-modal="true"
        aria-labelledby="cg-titre-affectation"
        tabIndex={-1}
        data-cg-panneau
        onKeyDown={onKeyDown}
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
        <StepHeading step={step} />
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
          ref={(button) => {
            // The newest launcher wins; one taken away with its view is no longer connected.
            if (button) launcherButton = button;
          }}
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
