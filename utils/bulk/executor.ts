import { REFUSED_STEP } from '../gar/assignment-job';
import type { JournalStep } from '../gar/journal-record';
import type { Cible } from '../gar/school';
import type { ConsoleClient } from '../hosts/console/api';
import { HostError, type HostErrorKind } from '../hosts/errors';
import { t, tn } from '../i18n';

/**
 * The only code that performs bulk writes in the console (ARCHITECTURE.md §3, « writes are
 * safe »): one request per subscription, a few at a time, each journaled before and after, retried
 * when the console hiccups and checked against the console before any retry that could repeat a
 * write. No DOM and no browser API — every I/O comes in as a parameter — so the same code runs in
 * the content script, in unit tests and in node for the benchmark. See README.md in this folder.
 */

export interface WriteClient extends Pick<ConsoleClient, 'assign' | 'remove' | 'affectations'> {}

export interface JournalPort {
  step(step: JournalStep): Promise<void>;
}

export type WriteTask =
  | {
      kind: 'affecter';
      idAbonnement: string;
      version: number;
      /** The targets the RA chose, for the journal; the request itself names `attendus`. */
      cibles: Cible[];
      jusquAEpuisement: boolean;
      /** The plan's `nouveaux` for this subscription: who the write adds, and all it may add. */
      attendus: string[];
    }
  | { kind: 'retirer'; idAbonnement: string; version: number; idPersonnes: string[] };

export interface Progress {
  total: number;
  done: number;
  /** Persons added or removed so far. */
  personnes: number;
  enCours: number;
  elapsedMs: number;
  /** Estimate; null until a first task has ended. */
  restantMs: number | null;
}

export type StopReason = 'session' | 'conflit' | 'annule' | 'echec';

export interface ExecutionResult {
  status: 'termine' | 'interrompu';
  reason?: StopReason;
  /** For the RA, in the browser's language. */
  message?: string;
  /** Per subscription: persons this run added (affecter) or removed (retirer), « constatés » included. */
  faits: Map<string, string[]>;
  /** Subscriptions that met another RA's change (or a licence count that moved). */
  conflits: string[];
  echecs: { idAbonnement: string; message: string }[];
  /** Subscriptions not done, in task order: what a resume has left to do. */
  restants: string[];
}

export interface ExecuteOptions {
  client: WriteClient;
  journal: JournalPort;
  /** Aborted when the RA clicks « Arrêter »: no new write starts, those sent finish. */
  signal?: AbortSignal;
  /** Writes in flight at most (default 3): enough to hide latency, few enough to spare the console. */
  concurrency?: number;
  /** Retries after a transient failure (default 3). */
  retries?: number;
  /** First pause before a retry (default 400 ms), doubled at each retry. */
  backoffMs?: number;
  onProgress?(progress: Progress): void;
  /** May resolve early (or reject) once `signal` is aborted. */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
  now?(): Date;
}

/** What the RA reads when a run stops short, in the browser's language (functions: read when needed). */
export const MESSAGES = {
  session: (): string => t('executorSessionExpired'),
  journal: (): string => t('executorJournalFailed'),
  conflit: (count: number): string => tn(count, 'executorConflict'),
  annule: (count: number): string => tn(count, 'executorStopped'),
  echec: (count: number): string => tn(count, 'executorFailed'),
  tentatives: (message: string, attempts: number): string => t('executorAttempts', message, String(attempts)),
  inattendue: (): string => t('executorUnexpected'),
} as const;

const DEFAULTS = { concurrency: 3, retries: 3, backoffMs: 400 };

/** How one task ended. */
type Outcome =
  | { kind: 'fait'; personIds: string[] }
  | { kind: 'conflit' }
  | { kind: 'session' }
  | { kind: 'echec'; message: string }
  /** Stopped while waiting to retry: not done, to resume. */
  | { kind: 'abandon' };

/** The journal refused a step: nothing more may be written. Carries what the write did, if it did. */
class JournalFailure extends Error {
  constructor(readonly fait?: string[]) {
    super(MESSAGES.journal());
  }
}

interface TaskContext {
  uai: string;
  client: WriteClient;
  retries: number;
  backoffMs: number;
  /** Journals a step; rejects with a JournalFailure when the journal cannot keep it. */
  record(step: Omit<JournalStep, 'at'>): Promise<void>;
  /** Waits before a retry; false when the run was stopped meanwhile. */
  pause(ms: number): Promise<boolean>;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function asHostError(error: unknown): HostError {
  if (error instanceof HostError) return error;
  return new HostError('reponseInattendue', MESSAGES.inattendue());
}

/** The persons a task is about: expected to be added, or to be removed. */
function personsOf(task: WriteTask): string[] {
  return task.kind === 'affecter' ? task.attendus : task.idPersonnes;
}

/**
 * What an assignment sends: the persons the RA previewed, one by one, in the order shown — not the
 * divisions or groups they were chosen by, whose members may have changed since the preview. The
 * journal keeps the RA's targets (`cibles`) to say what was asked. « Jusqu'à épuisement », the
 * console gives licences in this order until they run out.
 */
function previewedPersons(task: Extract<WriteTask, { kind: 'affecter' }>): Cible[] {
  return task.attendus.map((code) => ({ type: 'personne', code }));
}

/** A success, journaled; if the journal fails now, the run still learns what the console did. */
async function success(
  context: TaskContext,
  action: 'affecte' | 'retire' | 'constate',
  idAbonnement: string,
  personIds: string[],
): Promise<Outcome> {
  await context.record({ action, idAbonnement, personIds, ok: true }).catch(() => {
    throw new JournalFailure(personIds);
  });
  return { kind: 'fait', personIds };
}

/** One write, journaled before it leaves and after it is answered. */
async function send(context: TaskContext, task: WriteTask): Promise<Outcome> {
  const { uai, client } = context;
  const { idAbonnement, version } = task;
  await context.record({
    action: 'envoi',
    idAbonnement,
    ...(task.kind === 'affecter' ? { targets: task.cibles.map((c) => `${c.type}:${c.code}`) } : {}),
    personIds: personsOf(task),
    ok: true,
  });
  if (task.kind === 'retirer') {
    const { retirees } = await client.remove(uai, idAbonnement, { version, idPersonnes: task.idPersonnes });
    return success(context, 'retire', idAbonnement, retirees);
  }
  const { ajoutees } = await client.assign(uai, idAbonnement, {
    version,
    cibles: previewedPersons(task),
    jusquAEpuisement: task.jusquAEpuisement,
  });
  return success(context, 'affecte', idAbonnement, ajoutees);
}

/** What a look at the console says after a write that may or may not have happened. */
type Verdict =
  | { kind: 'constate'; personIds: string[] }
  | { kind: 'conflit' }
  | { kind: 'renvoyer'; task: WriteTask };

/**
 * Reads the subscription's affectations to decide what an uncertain or refused write left behind:
 * its goal already reached (our earlier attempt applied) is a success; an unchanged version means
 * nothing happened, so the write can go again as is; a version moved by someone else is a conflict —
 * except for a removal, which may go on once with the new version and whoever it still has to remove
 * (an undo only removes what the job added and is still there).
 */
async function verify(context: TaskContext, task: WriteTask, rebased: boolean): Promise<Verdict> {
  const current = await context.client.affectations(context.uai, task.idAbonnement);
  const held = new Set(current.affectations.map((a) => a.idPersonne));
  if (task.kind === 'affecter') {
    if (task.attendus.every((id) => held.has(id))) return { kind: 'constate', personIds: task.attendus };
    return current.version === task.version ? { kind: 'renvoyer', task } : { kind: 'conflit' };
  }
  const still = task.idPersonnes.filter((id) => held.has(id));
  if (still.length === 0) return { kind: 'constate', personIds: task.idPersonnes };
  if (current.version === task.version) return { kind: 'renvoyer', task };
  if (rebased) return { kind: 'conflit' };
  return { kind: 'renvoyer', task: { ...task, version: current.version, idPersonnes: still } };
}

/** Where one subscription's write stands between attempts. */
interface Attempt {
  /** The write to send: the task itself, or a removal moved onto a newer version. */
  task: WriteTask;
  /** The console must be read before sending again. */
  verify: boolean;
  /** The last attempt was refused as stale: sending the same write again cannot succeed. */
  refused: boolean;
  /** Transient failures so far. */
  failures: number;
  /** An attempt ended without a refusal (server error, dropped connection…): it may have applied. */
  mayHaveApplied: boolean;
}

/** Answers by which the console refuses a write: it wrote nothing. Any other failure may have applied. */
const REFUSALS: ReadonlySet<HostErrorKind> = new Set([
  'session',
  'conflit',
  'licences',
  'cible',
  'introuvable',
  'etablissement',
]);

/**
 * The write ends without success and every attempt of it was refused: journaled as « refuse », so
 * a resume knows nothing of it applied. Otherwise its « envoi » stays without an outcome, and a
 * resume checks in the console who it may have reached.
 */
async function endRefused(context: TaskContext, idAbonnement: string, attempt: Attempt): Promise<void> {
  if (!attempt.mayHaveApplied) await context.record({ action: REFUSED_STEP, idAbonnement, ok: true });
}

/**
 * One subscription's write, to its end: retried after a transient failure with a growing pause,
 * checked against the console first whenever the previous attempt may have applied (dropped
 * connection) or was refused as stale (409). Journal failures propagate: the run must stop.
 */
async function runTask(context: TaskContext, task: WriteTask): Promise<Outcome> {
  const attempt: Attempt = { task, verify: false, refused: false, failures: 0, mayHaveApplied: false };
  for (;;) {
    const outcome = await tryOnce(context, task, attempt).catch((error: unknown) =>
      afterFailure(context, task.idAbonnement, attempt, error),
    );
    if (outcome) return outcome;
  }
}

async function tryOnce(context: TaskContext, original: WriteTask, attempt: Attempt): Promise<Outcome> {
  if (attempt.verify) {
    const verdict = await verify(context, attempt.task, attempt.task !== original);
    if (verdict.kind === 'constate') {
      return success(context, 'constate', original.idAbonnement, verdict.personIds);
    }
    if (verdict.kind === 'conflit' || (attempt.refused && verdict.task === attempt.task)) {
      await endRefused(context, original.idAbonnement, attempt);
      return { kind: 'conflit' };
    }
    Object.assign(attempt, { task: verdict.task, verify: false, refused: false });
  }
  return send(context, attempt.task);
}

/** The outcome a failed attempt leads to, or undefined to try again (`attempt` updated). */
async function afterFailure(
  context: TaskContext,
  idAbonnement: string,
  attempt: Attempt,
  error: unknown,
): Promise<Outcome | undefined> {
  if (error instanceof JournalFailure) throw error;
  const failure = asHostError(error);
  await context.record({ action: 'erreur', idAbonnement, ok: false, error: failure.message });
  if (!REFUSALS.has(failure.kind)) attempt.mayHaveApplied = true;
  switch (failure.kind) {
    case 'session':
      await endRefused(context, idAbonnement, attempt);
      return { kind: 'session' };
    case 'licences':
      // The counts moved since the plan: the RA must see the new one before anything more.
      await endRefused(context, idAbonnement, attempt);
      return { kind: 'conflit' };
    case 'conflit':
      attempt.refused = true;
      attempt.verify = true;
      return undefined;
  }
  if (!failure.transient) {
    await endRefused(context, idAbonnement, attempt);
    return { kind: 'echec', message: failure.message };
  }
  attempt.failures += 1;
  if (attempt.failures > context.retries) {
    return { kind: 'echec', message: MESSAGES.tentatives(failure.message, attempt.failures) };
  }
  // A dropped connection may have carried the write: look before sending it again.
  if (failure.kind === 'reseau') attempt.verify = true;
  const resumed = await context.pause(context.backoffMs * 2 ** (attempt.failures - 1));
  return resumed ? undefined : { kind: 'abandon' };
}

/** The run's shared bookkeeping: outcomes, progress and the first reason to stop. */
class Run {
  readonly faits = new Map<string, string[]>();
  readonly conflits: string[] = [];
  readonly echecs: ExecutionResult['echecs'] = [];
  /** Interrupts the pauses between retries once the run must stop short. */
  readonly interruption = new AbortController();
  private readonly doneIds = new Set<string>();
  private stop: StopReason | undefined;
  private journalFailed = false;
  private done = 0;
  private enCours = 0;
  private personnes = 0;
  private busyMs = 0;
  private readonly startedAt: number;

  constructor(
    private readonly tasks: readonly WriteTask[],
    private readonly now: () => Date,
    private readonly concurrency: number,
    private readonly onProgress?: (progress: Progress) => void,
  ) {
    this.startedAt = now().getTime();
  }

  get stopped(): boolean {
    return this.stop !== undefined;
  }

  /** Launches nothing more; pauses between retries end too, unless other subscriptions may go on. */
  halt(reason: StopReason, interrupt: boolean): void {
    this.stop ??= reason;
    if (interrupt) this.interruption.abort();
  }

  /** The most serious stop of all: whatever else happened, the RA must learn this one. */
  haltOnJournal(): void {
    this.journalFailed = true;
    this.stop = 'echec';
    this.interruption.abort();
  }

  started(): number {
    this.enCours += 1;
    return this.now().getTime();
  }

  ended(task: WriteTask, outcome: Outcome, startedAt: number): void {
    this.enCours -= 1;
    this.done += 1;
    this.busyMs += this.now().getTime() - startedAt;
    const id = task.idAbonnement;
    if (outcome.kind === 'fait') {
      this.doneIds.add(id);
      this.faits.set(id, [...(this.faits.get(id) ?? []), ...outcome.personIds]);
      this.personnes += outcome.personIds.length;
    } else if (outcome.kind === 'conflit') {
      this.conflits.push(id);
      this.halt('conflit', false);
    } else if (outcome.kind === 'session') {
      this.halt('session', true);
    } else if (outcome.kind === 'echec') {
      this.echecs.push({ idAbonnement: id, message: outcome.message });
    }
    this.report();
  }

  report(): void {
    const total = this.tasks.length;
    const mean = this.done > 0 ? this.busyMs / this.done : null;
    this.onProgress?.({
      total,
      done: this.done,
      personnes: this.personnes,
      enCours: this.enCours,
      elapsedMs: this.now().getTime() - this.startedAt,
      restantMs: mean === null ? null : (mean * (total - this.done)) / this.concurrency,
    });
  }

  result(): ExecutionResult {
    const restants = this.tasks.map((task) => task.idAbonnement).filter((id) => !this.doneIds.has(id));
    const base = { faits: this.faits, conflits: this.conflits, echecs: this.echecs, restants };
    if (restants.length === 0) return { status: 'termine', ...base };
    // Without a stop, only failures can leave something undone.
    const reason = this.stop ?? 'echec';
    return { status: 'interrompu', reason, message: this.messageOf(reason, restants.length), ...base };
  }

  private messageOf(reason: StopReason, left: number): string {
    switch (reason) {
      case 'session':
        return MESSAGES.session();
      case 'conflit':
        return MESSAGES.conflit(this.conflits.length);
      case 'annule':
        return MESSAGES.annule(left);
      case 'echec':
        return this.journalFailed ? MESSAGES.journal() : MESSAGES.echec(this.echecs.length);
    }
  }
}

/**
 * Carries out the tasks with at most `concurrency` writes in flight. Stops launching on a conflict,
 * an expired session, the RA's « Arrêter » or a journal failure; writes already sent always finish
 * and are journaled. Other failures are listed and the rest goes on.
 */
export async function executeTasks(
  uai: string,
  tasks: readonly WriteTask[],
  options: ExecuteOptions,
): Promise<ExecutionResult> {
  const now = options.now ?? ((): Date => new Date());
  const concurrency = Math.max(1, options.concurrency ?? DEFAULTS.concurrency);
  const sleep = options.sleep ?? defaultSleep;
  const run = new Run(tasks, now, concurrency, options.onProgress);
  const onAbort = (): void => run.halt('annule', true);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const context: TaskContext = {
    uai,
    client: options.client,
    retries: options.retries ?? DEFAULTS.retries,
    backoffMs: options.backoffMs ?? DEFAULTS.backoffMs,
    record: async (step) => {
      try {
        await options.journal.step({ at: now().toISOString(), ...step });
      } catch {
        throw new JournalFailure();
      }
    },
    pause: async (ms) => {
      const { signal } = run.interruption;
      await sleep(ms, signal).catch(() => undefined);
      return !signal.aborted;
    },
  };

  const queue = tasks.values();
  const worker = async (): Promise<void> => {
    while (!run.stopped) {
      const next = queue.next();
      if (next.done) return;
      const startedAt = run.started();
      run.ended(next.value, await settle(context, next.value, run), startedAt);
    }
  };

  run.report();
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  return run.result();
}

/** A task's outcome; a journal failure stops the run, keeping what the write did if it did. */
async function settle(context: TaskContext, task: WriteTask, run: Run): Promise<Outcome> {
  try {
    return await runTask(context, task);
  } catch (error) {
    if (!(error instanceof JournalFailure)) throw error;
    run.haltOnJournal();
    return error.fait ? { kind: 'fait', personIds: error.fait } : { kind: 'abandon' };
  }
}
