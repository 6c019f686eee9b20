import { type AssignmentPlan, type PlanChange, planAssignment, planChanges } from '../gar/assignment-plan';
import type { JournalEntry } from '../gar/journal-record';
import type { Cible } from '../gar/school';
import { planTemplates, type TemplateResolution } from '../gar/templates';
import {
  type FreshPlan,
  jobOf,
  type OperationPorts,
  prepareResume,
  type RunOptions,
  runAssignment,
  runResume,
  type Started,
  templateJobOf,
} from './operation';

/**
 * From a preview the RA confirmed to its run, and what follows a conflict. The panel reads the
 * console again before calling `runConfirmed` and runs nothing if the writes changed
 * (`sameWrites`, utils/bulk/README.md, « what is written is what was previewed »).
 */

/** What a preview was made from: the RA's targets, a resume's entry, or the templates' resolution. */
export interface PreviewSource {
  cibles: readonly Cible[];
  /** Set when going on with an interrupted operation: planned with the targets it journaled. */
  reprise?: JournalEntry;
  /** Set when the plan comes from templates. */
  resolution?: TemplateResolution;
}

/** The targets a plan is made for: a resume keeps the ones its operation journaled. */
function targetsOf(source: PreviewSource): readonly Cible[] {
  return source.reprise?.job?.cibles.map(({ type, code }) => ({ type, code })) ?? source.cibles;
}

/**
 * « Affecter dans l'ordre affiché jusqu'à épuisement » switched: the same reading planned again,
 * nothing read from the console.
 */
export function replanOnReading(
  fresh: FreshPlan,
  source: PreviewSource,
  now: Date,
  jusquAEpuisement: boolean,
): AssignmentPlan {
  const { subscriptions, holdings, index } = fresh;
  const context = { subscriptions, holders: holdings.holders, index, now, jusquAEpuisement };
  return source.resolution
    ? planTemplates(source.resolution, context)
    : planAssignment({ ...context, cibles: targetsOf(source) });
}

/**
 * Carries out a confirmed plan, made on the confirm-time reading `fresh`: a resume goes on in its
 * own journal entry; otherwise a new entry is journaled, before any write, with what the RA asked
 * (the templates' lines, or the targets chosen).
 */
export async function runConfirmed(
  ports: OperationPorts,
  confirmed: { uai: string; fresh: FreshPlan; jusquAEpuisement: boolean; source: PreviewSource },
  options: RunOptions = {},
): Promise<Started> {
  const { fresh, jusquAEpuisement, source } = confirmed;
  if (source.reprise) {
    return { entry: source.reprise, result: await runResume(ports, source.reprise, fresh.plan, options) };
  }
  const job = source.resolution
    ? templateJobOf(source.resolution, fresh.subscriptions, jusquAEpuisement, fresh.index)
    : jobOf(fresh.subscriptions, source.cibles, jusquAEpuisement, fresh.index);
  return runAssignment(ports, { uai: confirmed.uai, plan: fresh.plan, job }, options);
}

/**
 * After a conflict (another RA, counters that moved), the rest is planned again from the
 * console, with what moved against the plan the RA confirmed: shown before anything else is written.
 */
export async function replanAfterConflict(
  ports: OperationPorts,
  entry: JournalEntry,
  confirmed: AssignmentPlan,
): Promise<{ fresh: FreshPlan; changements: PlanChange[] }> {
  const fresh = await prepareResume(ports, entry);
  return { fresh, changements: planChanges(confirmed, fresh.plan) };
}
