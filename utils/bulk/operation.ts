import {
  CLAIMING_STEPS,
  countPersons,
  isResumable,
  jobState,
  type OperationCounts,
  operationCounts,
  operationSummary,
  RESUME_STEP,
  requestSummary,
} from '../gar/assignment-job';
import { type AssignmentPlan, mergePlans, planAssignment, planUndo } from '../gar/assignment-plan';
import type { JournalEntry, JournalJob, JournalStep } from '../gar/journal-record';
import type { Cible, ConsoleSubscription } from '../gar/school';
import { indexPopulation, type PopulationIndex, targetLabel } from '../gar/targets';
import type { Template } from '../gar/template-record';
import { type Decisions, planTemplates, resolveTemplates, type TemplateResolution } from '../gar/templates';
import type { ConsoleClient } from '../hosts/console/api';
import { HostError } from '../hosts/errors';
import { t, tn } from '../i18n';
import { type ExecutionResult, executeTasks, type Progress, type WriteTask } from './executor';

/**
 * One bulk operation in the console, from a confirmed plan to its journal: what the « Affectation
 * groupée » panel calls. Reads and writes go through the console client (the page's session),
 * writes only through the executor, and the journal through the background (IndexedDB).
 */

/** The background's journal, as a content script reaches it (messages). */
export interface JournalService {
  start(request: {
    uai: string;
    kind: 'affectation' | 'annulation';
    summary: string;
    job: JournalJob;
  }): Promise<JournalEntry>;
  step(id: string, step: JournalStep): Promise<unknown>;
  finish(
    id: string,
    outcome: { status: 'termine' | 'interrompu' | 'annule'; summary: string; reverses?: string },
  ): Promise<unknown>;
  /** Back to « en cours »; answers the entry as journaled so far. */
  reopen(id: string): Promise<JournalEntry>;
  /**
   * The school's operations, newest first: settling a write left without an answer must not
   * claim what another of our operations did since (see `claimedSince`).
   */
  list?(uai: string): Promise<JournalEntry[]>;
}

export interface OperationPorts {
  client: ConsoleClient;
  journal: JournalService;
  now(): Date;
  /** Waits before a read is tried again (tests pass one that does not wait). */
  sleep?(ms: number): Promise<void>;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?(progress: Progress): void;
}

/** Reads of the console are spread a few at a time, like the writes. */
const READ_CONCURRENCY = 4;

/**
 * Reads are retried like writes (utils/bulk/executor.ts): a console that hiccups for a second or
 * two must not fail a preview, an undo's preview or a resume. Three retries, 0.4 s then doubled:
 * about 3 s of outage are ridden out. A read repeats nothing, so no check is needed before.
 */
const READ_RETRIES = 3;
const READ_BACKOFF_MS = 400;

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One read of the console, tried again after a server error, a dropped connection or a timeout. */
export async function readRetried<T>(
  ports: Pick<OperationPorts, 'sleep'>,
  read: () => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof HostError) || !error.transient || attempt >= READ_RETRIES) throw error;
      await (ports.sleep ?? wait)(READ_BACKOFF_MS * 2 ** attempt);
    }
  }
}

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  }
  return results;
}

export interface Holdings {
  holders: Map<string, Set<string>>;
  /** Each subscription's version as its affectations were read: what a write must carry. */
  versions: Map<string, number>;
}

/** Who holds a licence of each subscription, read from the console now. */
export async function readHoldings(
  ports: Pick<OperationPorts, 'client' | 'sleep'>,
  uai: string,
  ids: readonly string[],
): Promise<Holdings> {
  const reads = await inBatches(ids, READ_CONCURRENCY, async (id) => ({
    id,
    read: await readRetried(ports, () => ports.client.affectations(uai, id)),
  }));
  return {
    holders: new Map(reads.map(({ id, read }) => [id, new Set(read.affectations.map((a) => a.idPersonne))])),
    versions: new Map(reads.map(({ id, read }) => [id, read.version])),
  };
}

/**
 * The school's population as the console holds it now: a plan made on the list read when the
 * panel opened would write for pupils moved since (utils/bulk/README.md, « what is written »).
 */
export async function readPopulation(
  ports: Pick<OperationPorts, 'client' | 'sleep'>,
  uai: string,
): Promise<PopulationIndex> {
  return indexPopulation(await readRetried(ports, () => ports.client.population(uai)));
}

export interface FreshPlan {
  plan: AssignmentPlan;
  subscriptions: ConsoleSubscription[];
  holdings: Holdings;
  /** The population the plan was made on, read with it. */
  index: PopulationIndex;
}

/** The chosen subscriptions, their holders and versions, read now: what a plan is made on. */
async function readSubscriptions(
  ports: OperationPorts,
  uai: string,
  ids: readonly string[],
): Promise<{ subscriptions: ConsoleSubscription[]; holdings: Holdings }> {
  const wanted = new Set(ids);
  const listed = (await readRetried(ports, () => ports.client.subscriptions(uai))).filter((s) =>
    wanted.has(s.abonnement.idAbonnement),
  );
  const holdings = await readHoldings(
    ports,
    uai,
    listed.map((s) => s.abonnement.idAbonnement),
  );
  const subscriptions = listed.map((subscription) => ({
    ...subscription,
    version: holdings.versions.get(subscription.abonnement.idAbonnement) ?? subscription.version,
  }));
  return { subscriptions, holdings };
}

/**
 * Plans on a fresh reading of the console — population, counters, affectations and versions of
 * the chosen subscriptions — so what the RA previews is what the console holds now. `index` is
 * given only to plan several groups on one reading of the population.
 */
export async function planFromConsole(
  ports: OperationPorts,
  request: {
    uai: string;
    ids: readonly string[];
    cibles: readonly Cible[];
    jusquAEpuisement: boolean;
    index?: PopulationIndex;
  },
): Promise<FreshPlan> {
  const index = request.index ?? (await readPopulation(ports, request.uai));
  const { subscriptions, holdings } = await readSubscriptions(ports, request.uai, request.ids);
  const plan = planAssignment({
    subscriptions,
    holders: holdings.holders,
    index,
    cibles: request.cibles,
    now: ports.now(),
    jusquAEpuisement: request.jusquAEpuisement,
  });
  return { plan, subscriptions, holdings, index };
}

/** Templates planned on a fresh reading, resolved against today's subscriptions and population. */
export async function planTemplatesFromConsole(
  ports: OperationPorts,
  request: {
    uai: string;
    templates: readonly Template[];
    decisions: Decisions;
    jusquAEpuisement: boolean;
  },
): Promise<{ fresh: FreshPlan; resolution: TemplateResolution }> {
  const { uai } = request;
  const index = await readPopulation(ports, uai);
  const all = await readRetried(ports, () => ports.client.subscriptions(uai));
  const now = ports.now();
  const resolution = resolveTemplates(request.templates, all, index, now, request.decisions);
  const ids = [...new Set(resolution.lignes.map((line) => line.idAbonnement))];
  const { subscriptions, holdings } = await readSubscriptions(ports, uai, ids);
  const plan = planTemplates(resolution, {
    subscriptions,
    holders: holdings.holders,
    index,
    now,
    jusquAEpuisement: request.jusquAEpuisement,
  });
  return { fresh: { plan, subscriptions, holdings, index }, resolution };
}

/**
 * One request per subscription that adds someone; a short one adds nobody unless « jusqu'à
 * épuisement ». Each request names the persons previewed (`attendus`), never a division or a
 * group: the console cannot add anyone the RA did not see (utils/bulk/README.md).
 */
export function assignmentTasks(plan: AssignmentPlan, jusquAEpuisement: boolean): WriteTask[] {
  return plan.abonnements.flatMap((subscription) => {
    const attendus = subscription.parCible.flatMap((target) => target.nouveauxIds);
    if (subscription.refus || attendus.length === 0) return [];
    return [
      {
        kind: 'affecter' as const,
        idAbonnement: subscription.idAbonnement,
        version: subscription.version,
        cibles: subscription.parCible.map((target) => target.cible),
        jusquAEpuisement,
        attendus,
      },
    ];
  });
}

/** Who tasks add (or remove), per subscription. */
export function writesOf(tasks: readonly WriteTask[]): Map<string, string[]> {
  return new Map(
    tasks.map((task) => [task.idAbonnement, task.kind === 'affecter' ? task.attendus : task.idPersonnes]),
  );
}

/**
 * A plan made again at confirm time writes exactly what the RA previewed: the same persons on the
 * same subscriptions, and the same shortages. Anything else — a pupil moved into a division,
 * another RA's change, licences that moved — is shown again before a single write.
 */
export function sameWrites(
  previewed: AssignmentPlan,
  fresh: AssignmentPlan,
  jusquAEpuisement: boolean,
): boolean {
  const before = writesOf(assignmentTasks(previewed, jusquAEpuisement));
  const after = writesOf(assignmentTasks(fresh, jusquAEpuisement));
  const samePersons = (a: readonly string[], b: readonly string[] | undefined): boolean =>
    b !== undefined && a.length === b.length && a.every((person, i) => person === b[i]);
  const shortages = (plan: AssignmentPlan): string =>
    JSON.stringify(plan.abonnements.map((s) => [s.idAbonnement, s.manquantes, s.refus ?? null]));
  return (
    before.size === after.size &&
    [...before].every(([id, persons]) => samePersons(persons, after.get(id))) &&
    shortages(previewed) === shortages(fresh)
  );
}

/** What the journal keeps of the request: codes and the labels the RA chose by, never names. */
export function jobOf(
  subscriptions: readonly ConsoleSubscription[],
  cibles: readonly Cible[],
  jusquAEpuisement: boolean,
  index: PopulationIndex,
): JournalJob {
  return {
    abonnements: subscriptions.map(({ abonnement }) => ({
      idAbonnement: abonnement.idAbonnement,
      libelle: abonnement.libelleRessource,
    })),
    // A person chosen by name is kept by id only: the journal never stores names (DOMAIN.md §9).
    cibles: cibles.map((cible) => ({
      ...cible,
      libelle: cible.type === 'personne' ? t('operationPersonChosenByName') : targetLabel(index, cible),
    })),
    jusquAEpuisement,
  };
}

/**
 * The journal's record of a template job: each subscription with its own targets (the lines of
 * the resolution), and the union of all targets for a summary.
 */
export function templateJobOf(
  resolution: TemplateResolution,
  subscriptions: readonly ConsoleSubscription[],
  jusquAEpuisement: boolean,
  index: PopulationIndex,
): JournalJob {
  const labelled = (cibles: readonly Cible[]): JournalJob['cibles'] => jobOf([], cibles, false, index).cibles;
  const perSubscription = new Map<string, Cible[]>();
  for (const line of resolution.lignes) {
    const cibles = perSubscription.get(line.idAbonnement) ?? [];
    for (const cible of line.cibles) {
      if (!cibles.some((c) => c.type === cible.type && c.code === cible.code)) cibles.push(cible);
    }
    perSubscription.set(line.idAbonnement, cibles);
  }
  const all = [...perSubscription.values()].flat();
  const union = all.filter((c, i) => all.findIndex((d) => d.type === c.type && d.code === c.code) === i);
  const names = [...new Set(resolution.lignes.map((line) => line.templateName))];
  return {
    abonnements: subscriptions
      .filter(({ abonnement }) => perSubscription.has(abonnement.idAbonnement))
      .map(({ abonnement }) => ({
        idAbonnement: abonnement.idAbonnement,
        libelle: abonnement.libelleRessource,
        cibles: labelled(perSubscription.get(abonnement.idAbonnement) ?? []),
      })),
    cibles: labelled(union),
    jusquAEpuisement,
    modeles: names,
  };
}

/** What the whole operation did: « 36 licences affectées sur 4 abonnements, dont 17 après reprise ». */
function countsSummary(kind: 'affectation' | 'annulation', counts: OperationCounts): string {
  const licences =
    kind === 'affectation'
      ? tn(counts.personnes, 'operationLicencesAssigned')
      : tn(counts.personnes, 'operationLicencesRemoved');
  const subscriptions = tn(counts.abonnements, 'operationSubscriptions');
  return counts.apresReprise === undefined
    ? t('operationAcross', licences, subscriptions)
    : t('operationAcrossResumed', licences, subscriptions, String(counts.apresReprise));
}

/**
 * How an operation ended, counted over the whole operation: « 36 licences affectées sur 4
 * abonnements, dont 17 après reprise. », « … ; interrompue : … ».
 */
export function outcomeSummary(
  kind: 'affectation' | 'annulation',
  counts: OperationCounts,
  result: Pick<ExecutionResult, 'status' | 'message'>,
): string {
  const base = countsSummary(kind, counts);
  if (result.status === 'termine') return t('operationOutcomeDone', base);
  return t('operationOutcomeInterrupted', base, result.message ?? t('operationStopRequested'));
}

/**
 * Carries out the tasks in the entry, then closes it with its summary: `asked`, then how the
 * whole operation ended — `entry.steps` is what the journal held before this run.
 */
async function execute(
  ports: OperationPorts,
  entry: Pick<JournalEntry, 'id' | 'uai' | 'kind' | 'steps'>,
  tasks: readonly WriteTask[],
  options: RunOptions & { asked: string; reverses?: string },
): Promise<ExecutionResult> {
  const result = await executeTasks(entry.uai, tasks, {
    client: ports.client,
    journal: { step: async (step) => void (await ports.journal.step(entry.id, step)) },
    signal: options.signal,
    onProgress: options.onProgress,
    now: ports.now,
  });
  const kind = entry.kind === 'annulation' ? 'annulation' : 'affectation';
  const outcome = outcomeSummary(kind, operationCounts(entry, result.faits), result);
  await ports.journal.finish(entry.id, {
    status: result.status,
    summary: options.asked ? t('operationAskedThenOutcome', options.asked, outcome) : outcome,
    ...(result.status === 'termine' && options.reverses ? { reverses: options.reverses } : {}),
  });
  return result;
}

export interface Started {
  entry: JournalEntry;
  result: ExecutionResult;
}

/** Journals the confirmed plan before any write, then carries it out. */
export async function runAssignment(
  ports: OperationPorts,
  request: { uai: string; plan: AssignmentPlan; job: JournalJob },
  options: RunOptions = {},
): Promise<Started> {
  const entry = await ports.journal.start({
    uai: request.uai,
    kind: 'affectation',
    summary: requestSummary(request.job),
    job: request.job,
  });
  const tasks = assignmentTasks(request.plan, request.job.jusquAEpuisement);
  const asked = requestSummary(request.job);
  return { entry, result: await execute(ports, entry, tasks, { ...options, asked }) };
}

/** Subscriptions of an interrupted operation that still need a write (or a check of one). */
export function remainingOf(entry: JournalEntry): string[] {
  const { termines } = jobState(entry);
  return (entry.job?.abonnements ?? []).map((a) => a.idAbonnement).filter((id) => !termines.has(id));
}

/**
 * Whom an unanswered write reached, given who holds a licence now: an assignment's (they hold one)
 * or a removal's (they no longer do), and which kind of operation could have done it instead.
 */
interface Reached {
  kind: JournalEntry['kind'];
  /**
   * `held`: who holds a licence now; `readded`: who another assignment of ours added since the
   * write was sent — possible only if they no longer held one, so a removal did apply.
   */
  test(person: string, held: ReadonlySet<string>, readded: ReadonlySet<string> | undefined): boolean;
}
const ADDED: Reached = { kind: 'affectation', test: (person, held) => held.has(person) };
const REMOVED: Reached = {
  kind: 'annulation',
  test: (person, held, readded) => !held.has(person) || readded?.has(person) === true,
};

/**
 * Per subscription, persons another operation of the same kind says it added (or removed) at or
 * after `since`: the console's answer to that operation's write named them, or its own settling
 * did. An unanswered write of ours cannot have done it — had it applied, the later write would
 * have found them already there (or already gone) — so settling leaves them to that operation,
 * and an undo never removes what another of our jobs added.
 */
function claimedSince(
  others: readonly JournalEntry[],
  entry: JournalEntry,
  kind: JournalEntry['kind'],
  since: ReadonlyMap<string, string>,
): Map<string, Set<string>> {
  const claimed = new Map<string, Set<string>>();
  for (const other of others) {
    if (other.id !== entry.id && other.kind === kind) addClaims(claimed, other, since);
  }
  return claimed;
}

/** Adds to `claimed` whom `other` says it changed, on each subscription, from its `since` time on. */
function addClaims(
  claimed: Map<string, Set<string>>,
  other: JournalEntry,
  since: ReadonlyMap<string, string>,
): void {
  for (const { idAbonnement: id, at, action, personIds = [] } of other.steps) {
    const from = id === undefined ? undefined : since.get(id);
    if (id === undefined || from === undefined || at < from || !CLAIMING_STEPS.has(action)) continue;
    const persons = claimed.get(id) ?? new Set<string>();
    for (const person of personIds) persons.add(person);
    claimed.set(id, persons);
  }
}

/** When each subscription's last write of the entry was sent. */
function lastSent(entry: Pick<JournalEntry, 'steps'>): Map<string, string> {
  const sent = new Map<string, string>();
  for (const step of entry.steps) {
    if (step.action === 'envoi' && step.idAbonnement !== undefined) sent.set(step.idAbonnement, step.at);
  }
  return sent;
}

/**
 * Settles the writes an interruption left without an answer (a closed tab, a dropped connection, a
 * timeout): whoever such a write reached — read from the console now — is journaled as the job's,
 * so the counts and an undo include them. A write that reached everyone is settled (« constate »);
 * one that reached only some, or nobody, stays open (« verifie »). Answers the entry with the steps
 * journaled here, and the subscriptions left open.
 */
async function settleUncertain(
  ports: OperationPorts,
  entry: JournalEntry,
  reached: Reached,
): Promise<{ entry: JournalEntry; open: string[] }> {
  const { incertains, verifies } = jobState(entry);
  if (incertains.size === 0) return { entry, open: [] };
  const { holders } = await readHoldings(ports, entry.uai, [...incertains.keys()]);
  const journal = (await ports.journal.list?.(entry.uai)) ?? [];
  // Times as the journal stored them (utils/store/journal-clock.ts): the other operations'
  // steps are compared with these, so this tab's copy of the entry is not used for them.
  const sent = lastSent(journal.find((stored) => stored.id === entry.id) ?? entry);
  const others = claimedSince(journal, entry, reached.kind, sent);
  const readded = reached === REMOVED ? claimedSince(journal, entry, 'affectation', sent) : new Map();
  const open: string[] = [];
  const steps: JournalStep[] = [];
  for (const [idAbonnement, attendus] of incertains) {
    const held = holders.get(idAbonnement) ?? new Set<string>();
    const theirs = others.get(idAbonnement);
    const done = attendus.filter(
      (person) => reached.test(person, held, readded.get(idAbonnement)) && !theirs?.has(person),
    );
    // Those another operation took care of since are nobody's to do any more.
    const complete =
      done.length + attendus.filter((person) => theirs?.has(person)).length === attendus.length;
    if (!complete) open.push(idAbonnement);
    const known = verifies.get(idAbonnement);
    // Nothing new to journal: nobody reached, or the same persons a previous check found.
    if (!complete && done.every((person) => known?.has(person))) continue;
    const step: JournalStep = {
      at: ports.now().toISOString(),
      action: complete ? 'constate' : 'verifie',
      idAbonnement,
      personIds: done,
      ok: true,
    };
    await ports.journal.step(entry.id, step);
    steps.push(step);
  }
  return { entry: { ...entry, steps: [...entry.steps, ...steps] }, open };
}

/** What is left of an assignment once its unanswered writes are settled: subscriptions to plan again. */
async function settleAssignment(
  ports: OperationPorts,
  entry: JournalEntry,
): Promise<{ entry: JournalEntry; left: string[] }> {
  const { incertains, termines } = jobState(entry);
  const settled = await settleUncertain(ports, entry, ADDED);
  const left = (entry.job?.abonnements ?? [])
    .map((a) => a.idAbonnement)
    .filter((id) => !termines.has(id) && !incertains.has(id));
  return { entry: settled.entry, left: [...left, ...settled.open] };
}

/**
 * Prepares the resume of an interrupted assignment: its unanswered writes settled (whoever they
 * meant to add and now holds a licence was added by them), then a fresh plan for everything left.
 */
export async function prepareResume(ports: OperationPorts, entry: JournalEntry): Promise<FreshPlan> {
  return (await settleAndPlan(ports, entry)).fresh;
}

async function settleAndPlan(
  ports: OperationPorts,
  entry: JournalEntry,
): Promise<{ entry: JournalEntry; fresh: FreshPlan }> {
  const { job } = entry;
  if (!job || entry.kind !== 'affectation') {
    throw new Error(t('operationNotResumable'));
  }
  const settled = await settleAssignment(ports, entry);
  return { entry: settled.entry, fresh: await planGroups(ports, { uai: entry.uai, job, ids: settled.left }) };
}

/** How an interrupted operation stands once the console was read. */
export type Review =
  /** Nothing was left to write: the entry is now closed as done (and can be undone). */
  | { kind: 'termine'; entry: JournalEntry }
  /** Writes are left: `licences` persons × subscriptions on `abonnements` subscriptions. */
  | { kind: 'reprendre'; entry: JournalEntry; licences: number; abonnements: number };

/** Closes an operation found to have nothing left to do, with what it did in all. */
async function closeAsDone(
  ports: OperationPorts,
  entry: JournalEntry,
  undone?: JournalEntry,
): Promise<JournalEntry> {
  const kind = entry.kind === 'annulation' ? 'annulation' : 'affectation';
  const outcome = countsSummary(kind, operationCounts(entry, new Map()));
  const summary = t('operationCheckedOnReturn', operationSummary(entry, undone), outcome);
  const reverses = kind === 'annulation' ? entry.job?.annule : undefined;
  await ports.journal.finish(entry.id, { status: 'termine', summary, ...(reverses ? { reverses } : {}) });
  return { ...entry, status: 'termine', summary };
}

/**
 * An interrupted operation found on return — a closed tab, a reload, a stop — read against the
 * console before it is offered: its unanswered writes are settled, and if nothing is left to write
 * it is closed as done, so the RA is never offered a resume with nothing in it. `undone` is the
 * operation an interrupted undo reverses.
 */
export async function reviewInterrupted(
  ports: OperationPorts,
  entry: JournalEntry,
  undone?: JournalEntry,
): Promise<Review> {
  if (entry.kind === 'annulation') {
    const settled = (await settleUncertain(ports, entry, REMOVED)).entry;
    if (!undone) {
      // Without the undone operation in the journal, what is left cannot be counted.
      const stopped = await fileAsStopped(ports, settled, undone);
      return { kind: 'reprendre', entry: stopped, licences: 0, abonnements: 0 };
    }
    const { removals } = await planUndoOf(ports, undone);
    if (removals.size === 0) return { kind: 'termine', entry: await closeAsDone(ports, settled, undone) };
    const licences = countPersons(removals);
    const stopped = await fileAsStopped(
      ports,
      settled,
      undone,
      leftSummary('retirer', licences, removals.size),
    );
    return { kind: 'reprendre', entry: stopped, licences, abonnements: removals.size };
  }
  const { entry: settled, fresh } = await settleAndPlan(ports, entry);
  const writes = assignmentTasks(fresh.plan, entry.job?.jusquAEpuisement ?? false);
  if (writes.length === 0) return { kind: 'termine', entry: await closeAsDone(ports, settled) };
  const licences = countPersons(writesOf(writes));
  const stopped = await fileAsStopped(
    ports,
    settled,
    undefined,
    leftSummary('affecter', licences, writes.length),
  );
  return { kind: 'reprendre', entry: stopped, licences, abonnements: writes.length };
}

/** « 12 licences à affecter sur 2 abonnements »: what a stopped operation has left. */
function leftSummary(verb: 'affecter' | 'retirer', licences: number, abonnements: number): string {
  const what =
    verb === 'affecter'
      ? tn(licences, 'operationLicencesToAssign')
      : tn(licences, 'operationLicencesToRemove');
  return t('operationAcross', what, tn(abonnements, 'operationSubscriptions'));
}

/**
 * An operation found « en cours » with nobody running it (its tab closed mid-way) is filed as
 * stopped, with what is left (`left`, or « à vérifier » when it cannot be told): the journal then
 * reads as the RA found it, not as still running. One already stopped (an expired session,
 * « Arrêter ») keeps the words of its stop.
 */
async function fileAsStopped(
  ports: OperationPorts,
  entry: JournalEntry,
  undone: JournalEntry | undefined,
  left?: string,
): Promise<JournalEntry> {
  if (entry.status !== 'enCours') return entry;
  const asked = operationSummary(entry, undone);
  const summary =
    left === undefined ? t('operationStoppedToCheck', asked) : t('operationStoppedLeft', asked, left);
  await ports.journal.finish(entry.id, { status: 'interrompu', summary });
  return { ...entry, status: 'interrompu', summary };
}

const bare = (cibles: JournalJob['cibles']): Cible[] => cibles.map(({ type, code }) => ({ type, code }));

/**
 * Plans what is left of a job: subscriptions sharing their targets are planned together (one
 * group for a bulk assignment; one per distinct set of targets for templates), then merged.
 */
async function planGroups(
  ports: OperationPorts,
  request: { uai: string; job: JournalJob; ids: readonly string[] },
): Promise<FreshPlan> {
  const { job, uai } = request;
  const index = await readPopulation(ports, uai);
  const own = new Map(job.abonnements.map((a) => [a.idAbonnement, a.cibles ?? job.cibles]));
  const groups = new Map<string, { cibles: Cible[]; ids: string[] }>();
  for (const id of request.ids) {
    const cibles = bare(own.get(id) ?? job.cibles);
    const key = JSON.stringify(cibles);
    const group = groups.get(key) ?? { cibles, ids: [] };
    group.ids.push(id);
    groups.set(key, group);
  }
  const plans: FreshPlan[] = [];
  for (const { cibles, ids } of groups.values()) {
    plans.push(
      await planFromConsole(ports, { uai, ids, cibles, jusquAEpuisement: job.jusquAEpuisement, index }),
    );
  }
  return mergeFreshPlans(plans, index);
}

/** Several fresh readings as one: what one preview shows. */
export function mergeFreshPlans(plans: readonly FreshPlan[], index: PopulationIndex): FreshPlan {
  return {
    index,
    plan: mergePlans(plans.map((fresh) => fresh.plan)),
    subscriptions: plans.flatMap((fresh) => fresh.subscriptions),
    holdings: {
      holders: new Map(plans.flatMap((fresh) => [...fresh.holdings.holders])),
      versions: new Map(plans.flatMap((fresh) => [...fresh.holdings.versions])),
    },
  };
}

/** An interrupted entry taken up again: reopened, and a « reprise » step before any new write. */
async function reopenForResume(ports: OperationPorts, entry: JournalEntry): Promise<JournalEntry> {
  const reopened = await ports.journal.reopen(entry.id);
  const step = { at: ports.now().toISOString(), action: RESUME_STEP, ok: true };
  await ports.journal.step(entry.id, step);
  return { ...reopened, steps: [...reopened.steps, step] };
}

/** Carries out what is left of an interrupted operation, in the same journal entry. */
export async function runResume(
  ports: OperationPorts,
  entry: JournalEntry,
  plan: AssignmentPlan,
  options: RunOptions = {},
): Promise<ExecutionResult> {
  const resumed = await reopenForResume(ports, entry);
  const tasks = assignmentTasks(plan, entry.job?.jusquAEpuisement ?? false);
  return execute(ports, resumed, tasks, { ...options, asked: operationSummary(entry) });
}

/**
 * The RA gives up an interrupted operation: nothing more is written. Its unanswered writes are
 * settled first, so the journal holds everything it did and an undo removes it all; an operation
 * found to have been carried out in full is closed as done rather than abandoned. `undone` is the
 * operation an undo reverses, when it is still in the journal.
 */
export async function abandon(
  ports: OperationPorts,
  entry: JournalEntry,
  undone?: JournalEntry,
): Promise<JournalEntry> {
  const settled = await settleForClosing(ports, entry, undone);
  if (settled.complete) return closeAsDone(ports, settled.entry, undone);
  const kind = entry.kind === 'annulation' ? 'annulation' : 'affectation';
  const counts = operationCounts(settled.entry, new Map());
  const asked = operationSummary(entry, undone);
  const summary =
    counts.personnes > 0
      ? t('operationAbandonedAfter', asked, outcomeSummary(kind, counts, { status: 'termine' }))
      : t('operationAbandoned', asked);
  await ports.journal.finish(entry.id, { status: 'annule', summary });
  return { ...settled.entry, status: 'annule', summary };
}

/** An operation's unanswered writes settled, and whether every one of its subscriptions is done. */
async function settleForClosing(
  ports: OperationPorts,
  entry: JournalEntry,
  undone?: JournalEntry,
): Promise<{ entry: JournalEntry; complete: boolean }> {
  if (entry.kind === 'annulation') {
    const { entry: settled } = await settleUncertain(ports, entry, REMOVED);
    // An undo is complete once nothing the undone operation added is left; without that
    // operation in the journal, there is no telling, and the undo is filed as abandoned.
    const complete = undone !== undefined && (await planUndoOf(ports, undone)).removals.size === 0;
    return { entry: settled, complete };
  }
  const { entry: settled, left } = await settleAssignment(ports, entry);
  return { entry: settled, complete: left.length === 0 };
}

export interface UndoPlan {
  /** Per subscription: persons this operation added who still hold a licence. */
  removals: Map<string, string[]>;
  /** Persons it added who no longer hold one (removed by someone since): nothing to do. */
  dejaRetires: number;
  versions: Map<string, number>;
  /** The operation undone, its unanswered writes settled: what the undo is planned from. */
  undone: JournalEntry;
}

/**
 * What undoing an operation would remove, read from the console now. An operation left
 * interrupted may have written without an answer: those writes are settled first, so the undo
 * removes what they did too.
 */
export async function planUndoOf(ports: OperationPorts, entry: JournalEntry): Promise<UndoPlan> {
  const undone = (await settleUncertain(ports, entry, ADDED)).entry;
  const { faits } = jobState(undone);
  const { holders, versions } = await readHoldings(ports, entry.uai, [...faits.keys()]);
  const removals = planUndo(withoutUndone(faits, await removedByUndosOf(ports, entry)), holders);
  const added = countPersons(faits);
  return { removals, dejaRetires: added - countPersons(removals), versions, undone };
}

/**
 * What earlier undos of an operation already removed (an undo abandoned, or interrupted and now
 * resumed). If one of those persons holds a licence again, another operation gave it: not ours
 * to take away.
 */
async function removedByUndosOf(ports: OperationPorts, entry: JournalEntry): Promise<Map<string, string[]>> {
  const removed = new Map<string, string[]>();
  const undos = ((await ports.journal.list?.(entry.uai)) ?? []).filter(
    (other) => other.kind === 'annulation' && other.job?.annule === entry.id,
  );
  for (const undo of undos) {
    for (const [id, persons] of jobState(undo).faits)
      removed.set(id, [...(removed.get(id) ?? []), ...persons]);
  }
  return removed;
}

function withoutUndone(
  faits: ReadonlyMap<string, readonly string[]>,
  removed: ReadonlyMap<string, readonly string[]>,
): Map<string, string[]> {
  return new Map(
    [...faits].map(([id, persons]) => {
      const gone = new Set(removed.get(id) ?? []);
      return [id, persons.filter((person) => !gone.has(person))];
    }),
  );
}

/**
 * Prepares the resume of an interrupted undo, in its own entry: its unanswered removals settled
 * (whoever they meant to remove and no longer holds a licence is journaled as removed by it), then
 * what the undone operation added and is still there — so nothing is removed twice, and the undo
 * counts everything it removed.
 */
export async function prepareUndoResume(
  ports: OperationPorts,
  undo: JournalEntry,
  undone: JournalEntry,
): Promise<UndoPlan> {
  await settleUncertain(ports, undo, REMOVED);
  return planUndoOf(ports, undone);
}

/**
 * Reverses an operation, journaled as its own entry linked to the one it reverses — or, to resume
 * an interrupted undo, in that undo's entry (`reprise`).
 */
export async function runUndo(
  ports: OperationPorts,
  entry: JournalEntry,
  undo: UndoPlan,
  options: RunOptions = {},
  reprise?: JournalEntry,
): Promise<Started> {
  const job: JournalJob = {
    ...(entry.job ?? { abonnements: [], cibles: [], jusquAEpuisement: false }),
    annule: entry.id,
  };
  const asked = operationSummary({ job, summary: entry.summary }, entry);
  // An operation undone while interrupted is closed first: it must not be offered for resumption
  // once its undo has begun. Its writes were settled when the undo was planned.
  if (isResumable(undo.undone)) await abandon(ports, undo.undone);
  const undoEntry = reprise
    ? await reopenForResume(ports, reprise)
    : await ports.journal.start({ uai: entry.uai, kind: 'annulation', summary: asked, job });
  const tasks: WriteTask[] = [...undo.removals].map(([idAbonnement, idPersonnes]) => ({
    kind: 'retirer',
    idAbonnement,
    version: undo.versions.get(idAbonnement) ?? 0,
    idPersonnes,
  }));
  const result = await execute(ports, undoEntry, tasks, { ...options, asked, reverses: entry.id });
  return { entry: undoEntry, result };
}
