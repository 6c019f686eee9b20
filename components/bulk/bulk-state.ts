import { signal } from '@preact/signals';
import type { ExecutionResult, Progress } from '../../utils/bulk/executor';
import {
  abandon,
  type FreshPlan,
  jobOf,
  type OperationPorts,
  planFromConsole,
  planUndoOf,
  prepareResume,
  remainingOf,
  requestSummary,
  runAssignment,
  runResume,
  runUndo,
  type UndoPlan,
} from '../../utils/bulk/operation';
import { isResumable } from '../../utils/gar/assignment-job';
import {
  type AssignmentPlan,
  type PlanChange,
  planAssignment,
  planChanges,
} from '../../utils/gar/assignment-plan';
import type { ExpiryThresholds } from '../../utils/gar/expiry';
import type { Cible, ConsoleSubscription } from '../../utils/gar/school';
import { indexPopulation, type PopulationIndex } from '../../utils/gar/targets';
import { describeError } from '../../utils/messaging';
import type { JournalEntry } from '../../utils/store/records';

/**
 * The « Affectation groupée » panel's state: which step the RA is at and what it shows. The
 * operations themselves live in utils/bulk; this only sequences them and keeps what to display.
 */

export type Step =
  | { kind: 'ferme' }
  | { kind: 'chargement'; message: string }
  | { kind: 'choix' }
  | {
      kind: 'apercu';
      fresh: FreshPlan;
      jusquAEpuisement: boolean;
      /** Set when going on with an interrupted operation rather than starting one. */
      reprise?: JournalEntry;
      /** What moved since the RA last confirmed (another RA's change, counters that moved). */
      changements?: PlanChange[];
    }
  | { kind: 'execution'; titre: string; progress: Progress | null; stop: AbortController }
  | { kind: 'resultat'; entry: JournalEntry; result: ExecutionResult; annulation: boolean }
  | { kind: 'annulation'; entry: JournalEntry; undo: UndoPlan }
  | { kind: 'erreur'; message: string };

export interface School {
  uai: string;
  index: PopulationIndex;
  subscriptions: ConsoleSubscription[];
}

export interface BulkDependencies {
  ports: OperationPorts;
  /** The school as the console shows it now (subscriptions are shared with the other features). */
  loadSchool(): Promise<{ uai: string; subscriptions: ConsoleSubscription[] }>;
  listJournal(uai: string): Promise<JournalEntry[]>;
  /** The RA's end-date thresholds, for the badges next to each subscription. */
  thresholds: ExpiryThresholds;
}

export function createBulkState(
  deps: BulkDependencies,
  preselection: { ids?: string[]; cibles?: Cible[] } = {},
) {
  const step = signal<Step>({ kind: 'ferme' });
  const school = signal<School | null>(null);
  const selectedIds = signal<ReadonlySet<string>>(new Set(preselection.ids ?? []));
  const cibles = signal<readonly Cible[]>(preselection.cibles ?? []);
  /** Operations of this school that can be resumed, or undone, newest first. */
  const journal = signal<JournalEntry[]>([]);

  const fail = (error: unknown): void => {
    step.value = { kind: 'erreur', message: describeError(error) };
  };

  async function refreshJournal(uai: string): Promise<void> {
    journal.value = await deps.listJournal(uai);
  }

  async function ensureSchool(): Promise<School> {
    if (school.value) return school.value;
    const { uai, subscriptions } = await deps.loadSchool();
    const population = await deps.ports.client.population(uai);
    const loaded = { uai, subscriptions, index: indexPopulation(population) };
    school.value = loaded;
    return loaded;
  }

  async function open(): Promise<void> {
    step.value = { kind: 'chargement', message: 'Lecture de la population et des abonnements…' };
    try {
      const loaded = await ensureSchool();
      await refreshJournal(loaded.uai);
      step.value = { kind: 'choix' };
    } catch (error) {
      fail(error);
    }
  }

  async function preview(): Promise<void> {
    step.value = { kind: 'chargement', message: 'Lecture des affectations actuelles…' };
    try {
      const { uai, index } = await ensureSchool();
      const fresh = await planFromConsole(deps.ports, {
        uai,
        ids: [...selectedIds.value],
        cibles: cibles.value,
        jusquAEpuisement: false,
        index,
      });
      step.value = { kind: 'apercu', fresh, jusquAEpuisement: false };
    } catch (error) {
      fail(error);
    }
  }

  /** « Affecter dans l'ordre affiché jusqu'à épuisement »: the same reading, planned again. */
  function setJusquAEpuisement(value: boolean): void {
    const current = step.value;
    const loaded = school.value;
    if (current.kind !== 'apercu' || !loaded) return;
    const { subscriptions, holdings } = current.fresh;
    const plan = planAssignment({
      subscriptions,
      holders: holdings.holders,
      index: loaded.index,
      cibles: current.reprise?.job?.cibles.map(({ type, code }) => ({ type, code })) ?? cibles.value,
      now: deps.ports.now(),
      jusquAEpuisement: value,
    });
    step.value = { ...current, fresh: { ...current.fresh, plan }, jusquAEpuisement: value };
  }

  /** Shows the progress step; what it returns is what the run needs: the RA's « Arrêter » and the progress. */
  function execution(titre: string): { signal: AbortSignal; onProgress(progress: Progress): void } {
    const stop = new AbortController();
    step.value = { kind: 'execution', titre, progress: null, stop };
    return {
      signal: stop.signal,
      onProgress: (progress) => {
        const current = step.value;
        if (current.kind === 'execution') step.value = { ...current, progress };
      },
    };
  }

  /** After a conflict, the rest is planned again and the difference shown before anything else is written. */
  async function afterRun(
    entry: JournalEntry,
    result: ExecutionResult,
    confirmed: AssignmentPlan,
  ): Promise<void> {
    const loaded = await ensureSchool();
    await refreshJournal(loaded.uai);
    const latest = journal.value.find((candidate) => candidate.id === entry.id) ?? entry;
    if (result.reason === 'conflit') {
      const fresh = await prepareResume(deps.ports, latest, loaded.index);
      step.value = {
        kind: 'apercu',
        fresh,
        jusquAEpuisement: latest.job?.jusquAEpuisement ?? false,
        reprise: latest,
        changements: planChanges(confirmed, fresh.plan),
      };
      return;
    }
    step.value = { kind: 'resultat', entry: latest, result, annulation: false };
  }

  async function confirm(): Promise<void> {
    const current = step.value;
    const loaded = school.value;
    if (current.kind !== 'apercu' || !loaded) return;
    const { plan, subscriptions } = current.fresh;
    const run = execution(
      current.reprise ? 'Reprise de l’affectation groupée' : 'Affectation groupée en cours',
    );
    try {
      if (current.reprise) {
        const result = await runResume(deps.ports, current.reprise, plan, run);
        await afterRun(current.reprise, result, plan);
        return;
      }
      const job = jobOf(subscriptions, cibles.value, current.jusquAEpuisement, loaded.index);
      const { entry, result } = await runAssignment(deps.ports, { uai: loaded.uai, plan, job }, run);
      await afterRun(entry, result, plan);
    } catch (error) {
      fail(error);
    }
  }

  async function resume(entry: JournalEntry): Promise<void> {
    if (entry.kind === 'annulation') return resumeUndo(entry);
    step.value = { kind: 'chargement', message: 'Vérification de ce qui a déjà été fait…' };
    try {
      const { index } = await ensureSchool();
      const fresh = await prepareResume(deps.ports, entry, index);
      step.value = {
        kind: 'apercu',
        fresh,
        jusquAEpuisement: entry.job?.jusquAEpuisement ?? false,
        reprise: entry,
      };
    } catch (error) {
      fail(error);
    }
  }

  /**
   * An interrupted undo is taken up as a fresh undo of the same operation: what that operation
   * added and is still there is read again, so whatever the interrupted one removed is not sought.
   */
  async function resumeUndo(entry: JournalEntry): Promise<void> {
    const original = journal.value.find((candidate) => candidate.id === entry.job?.annule);
    if (!original) {
      fail(new Error('L’opération que cette annulation devait défaire n’est plus dans le journal.'));
      return;
    }
    await giveUp(entry);
    await prepareUndo(original);
  }

  async function giveUp(entry: JournalEntry): Promise<void> {
    try {
      await abandon(deps.ports, entry);
      await refreshJournal(entry.uai);
    } catch (error) {
      fail(error);
    }
  }

  async function prepareUndo(entry: JournalEntry): Promise<void> {
    step.value = { kind: 'chargement', message: 'Lecture des affectations à retirer…' };
    try {
      step.value = { kind: 'annulation', entry, undo: await planUndoOf(deps.ports, entry) };
    } catch (error) {
      fail(error);
    }
  }

  async function confirmUndo(): Promise<void> {
    const current = step.value;
    if (current.kind !== 'annulation') return;
    const run = execution('Annulation en cours');
    try {
      const { entry, result } = await runUndo(deps.ports, current.entry, current.undo, run);
      await refreshJournal(entry.uai);
      const latest = journal.value.find((candidate) => candidate.id === entry.id) ?? entry;
      step.value = { kind: 'resultat', entry: latest, result, annulation: true };
    } catch (error) {
      fail(error);
    }
  }

  return {
    step,
    school,
    selectedIds,
    cibles,
    journal,
    open,
    close: () => {
      step.value = { kind: 'ferme' };
    },
    backToChoice: () => {
      step.value = { kind: 'choix' };
    },
    preview,
    setJusquAEpuisement,
    confirm,
    resume,
    giveUp,
    prepareUndo,
    confirmUndo,
    refreshJournal,
    /** Interrupted operations to offer for resumption on this visit. */
    resumable: () => journal.value.filter(isResumable),
    remainingOf,
    /** What an operation asked for, in a few words (its journal summary also says how it ended). */
    asked: (entry: JournalEntry): string => (entry.job ? requestSummary(entry.job) : entry.summary),
    thresholds: deps.thresholds,
  };
}

export type BulkState = ReturnType<typeof createBulkState>;
