import {
  countPersons,
  jobState,
  type OperationCounts,
  operationCounts,
  operationSummary,
  RESUME_STEP,
  requestSummary,
} from '../gar/assignment-job';
import { type AssignmentPlan, mergePlans, planAssignment, planUndo } from '../gar/assignment-plan';
import { countOf } from '../gar/plural';
import type { Cible, ConsoleSubscription } from '../gar/school';
import { type PopulationIndex, targetLabel } from '../gar/targets';
import type { TemplateResolution } from '../gar/templates';
import type { ConsoleClient } from '../hosts/console/api';
import type { JournalEntry, JournalJob, JournalStep } from '../store/records';
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
}

export interface OperationPorts {
  client: ConsoleClient;
  journal: JournalService;
  now(): Date;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?(progress: Progress): void;
}

/** Reads of the console are spread a few at a time, like the writes. */
const READ_CONCURRENCY = 4;

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
  client: ConsoleClient,
  uai: string,
  ids: readonly string[],
): Promise<Holdings> {
  const reads = await inBatches(ids, READ_CONCURRENCY, async (id) => ({
    id,
    read: await client.affectations(uai, id),
  }));
  return {
    holders: new Map(reads.map(({ id, read }) => [id, new Set(read.affectations.map((a) => a.idPersonne))])),
    versions: new Map(reads.map(({ id, read }) => [id, read.version])),
  };
}

export interface FreshPlan {
  plan: AssignmentPlan;
  subscriptions: ConsoleSubscription[];
  holdings: Holdings;
}

/**
 * Plans on a fresh reading of the console — counters, affectations and versions of the chosen
 * subscriptions — so what the RA previews is what the console holds now.
 */
export async function planFromConsole(
  ports: OperationPorts,
  request: {
    uai: string;
    ids: readonly string[];
    cibles: readonly Cible[];
    jusquAEpuisement: boolean;
    index: PopulationIndex;
  },
): Promise<FreshPlan> {
  const { client, now } = ports;
  const wanted = new Set(request.ids);
  const listed = (await client.subscriptions(request.uai)).filter((s) =>
    wanted.has(s.abonnement.idAbonnement),
  );
  const holdings = await readHoldings(
    client,
    request.uai,
    listed.map((s) => s.abonnement.idAbonnement),
  );
  const subscriptions = listed.map((subscription) => ({
    ...subscription,
    version: holdings.versions.get(subscription.abonnement.idAbonnement) ?? subscription.version,
  }));
  const plan = planAssignment({
    subscriptions,
    holders: holdings.holders,
    index: request.index,
    cibles: request.cibles,
    now: now(),
    jusquAEpuisement: request.jusquAEpuisement,
  });
  return { plan, subscriptions, holdings };
}

/** One request per subscription that adds someone; a short one adds nobody unless « jusqu'à épuisement ». */
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

const PERSON_LABEL = 'Une personne choisie par son nom';

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
      libelle: cible.type === 'personne' ? PERSON_LABEL : targetLabel(index, cible),
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

/**
 * How an operation ended, counted over the whole operation: « 36 licences affectées sur 4
 * abonnements, dont 17 après reprise. », « … ; interrompue : … ».
 */
export function outcomeSummary(
  kind: 'affectation' | 'annulation',
  counts: OperationCounts,
  result: Pick<ExecutionResult, 'status' | 'message'>,
): string {
  const licences =
    kind === 'affectation'
      ? countOf(counts.personnes, 'licence affectée', 'licences affectées')
      : countOf(counts.personnes, 'licence retirée', 'licences retirées');
  const resumed = counts.apresReprise === undefined ? '' : `, dont ${counts.apresReprise} après reprise`;
  const base = `${licences} sur ${countOf(counts.abonnements, 'abonnement', 'abonnements')}${resumed}`;
  if (result.status === 'termine') return `${base}.`;
  return `${base} ; interrompue : ${result.message ?? 'arrêt demandé'}`;
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
    summary: options.asked ? `${options.asked} — ${outcome}` : outcome,
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
 * Settles the writes an interruption left without an answer (a closed tab, a dropped connection):
 * whoever such a write reached — `reached`, read from the console now — is journaled as the job's,
 * so the counts and an undo include them. A write that reached everyone is settled (« constate »);
 * one that reached only some, or nobody, stays open (« verifie »). Returns the open ones.
 */
async function settleUncertain(
  ports: OperationPorts,
  entry: JournalEntry,
  reached: (attendus: readonly string[], held: ReadonlySet<string>) => string[],
): Promise<string[]> {
  const { incertains } = jobState(entry);
  if (incertains.size === 0) return [];
  const { holders } = await readHoldings(ports.client, entry.uai, [...incertains.keys()]);
  const open: string[] = [];
  for (const [idAbonnement, attendus] of incertains) {
    const done = reached(attendus, holders.get(idAbonnement) ?? new Set<string>());
    const complete = done.length === attendus.length;
    if (!complete) open.push(idAbonnement);
    if (!complete && done.length === 0) continue;
    await ports.journal.step(entry.id, {
      at: ports.now().toISOString(),
      action: complete ? 'constate' : 'verifie',
      idAbonnement,
      personIds: done,
      ok: true,
    });
  }
  return open;
}

/**
 * Prepares the resume of an interrupted assignment: its unanswered writes settled (whoever they
 * meant to add and now holds a licence was added by them), then a fresh plan for everything left.
 */
export async function prepareResume(
  ports: OperationPorts,
  entry: JournalEntry,
  index: PopulationIndex,
): Promise<FreshPlan> {
  const { job } = entry;
  if (!job || entry.kind !== 'affectation') {
    throw new Error('Cette opération ne peut pas être reprise : sa demande n’a pas été enregistrée.');
  }
  const { incertains, termines } = jobState(entry);
  const left = job.abonnements
    .map((a) => a.idAbonnement)
    .filter((id) => !termines.has(id) && !incertains.has(id));
  left.push(
    ...(await settleUncertain(ports, entry, (attendus, held) => attendus.filter((p) => held.has(p)))),
  );
  return planGroups(ports, { uai: entry.uai, job, ids: left, index });
}

const bare = (cibles: JournalJob['cibles']): Cible[] => cibles.map(({ type, code }) => ({ type, code }));

/**
 * Plans what is left of a job: subscriptions sharing their targets are planned together (one
 * group for a bulk assignment; one per distinct set of targets for templates), then merged.
 */
async function planGroups(
  ports: OperationPorts,
  request: { uai: string; job: JournalJob; ids: readonly string[]; index: PopulationIndex },
): Promise<FreshPlan> {
  const { job } = request;
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
    const { uai, index } = request;
    plans.push(
      await planFromConsole(ports, { uai, ids, cibles, jusquAEpuisement: job.jusquAEpuisement, index }),
    );
  }
  return mergeFreshPlans(plans);
}

/** Several fresh readings as one: what one preview shows. */
export function mergeFreshPlans(plans: readonly FreshPlan[]): FreshPlan {
  return {
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
 * The RA gives up an interrupted operation: nothing more is written, the journal says so. `undone`
 * is the operation an undo reverses, when it is still in the journal.
 */
export async function abandon(
  ports: OperationPorts,
  entry: JournalEntry,
  undone?: JournalEntry,
): Promise<void> {
  const asked = operationSummary(entry, undone);
  await ports.journal.finish(entry.id, { status: 'annule', summary: `${asked} — abandonnée.` });
}

export interface UndoPlan {
  /** Per subscription: persons this operation added who still hold a licence. */
  removals: Map<string, string[]>;
  /** Persons it added who no longer hold one (removed by someone since): nothing to do. */
  dejaRetires: number;
  versions: Map<string, number>;
}

/** What undoing an operation would remove, read from the console now. */
export async function planUndoOf(ports: OperationPorts, entry: JournalEntry): Promise<UndoPlan> {
  const { faits } = jobState(entry);
  const { holders, versions } = await readHoldings(ports.client, entry.uai, [...faits.keys()]);
  const removals = planUndo(faits, holders);
  const added = countPersons(faits);
  return { removals, dejaRetires: added - countPersons(removals), versions };
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
  await settleUncertain(ports, undo, (attendus, held) => attendus.filter((p) => !held.has(p)));
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
