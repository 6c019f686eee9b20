import { parseWith } from '../gar/parse';
import {
  sealedUsageMonthSchema,
  type UsageMonth,
  usageFactsSchema,
  usageMonthFrameSchema,
  usageMonthId,
  usageMonthSchema,
} from '../gar/usage-month';
import { mergeFacts, type UsageFact } from '../gar/usage-stats';
import { compareText, type Db } from './repositories';
import { rowsOfSchoolOrAll } from './rows';
import { sealOf } from './seal';
import { type IssueSink, StoreValidationError, validateForWrite, validateOnRead } from './validation';

/**
 * The usage history (issue 8): one record per school and month in the `snapshots` store. Apart
 * from the other repositories so that pages which never show statistics (the popup) do not load
 * the statistics domain with them.
 */

export interface UsageMergeCounts {
  ajoutees: number;
  modifiees: number;
  inchangees: number;
  /** Months the figures fell in (rewritten when the merge changed them, else left as they were). */
  mois: number;
}

/** Facts by the month they fall in: one record each. */
export function byMonth(facts: readonly UsageFact[]): Map<string, UsageFact[]> {
  const months = new Map<string, UsageFact[]>();
  for (const fact of facts) {
    const list = months.get(fact.mois);
    if (list) list.push(fact);
    else months.set(fact.mois, [fact]);
  }
  return months;
}

/** Months read whose seal matched their content (a merge that changes none of it writes nothing). */
const sealMatched = new WeakSet<UsageMonth>();

/** Whether `lignes` are the very facts of `month`, in its order: the same JSON, hence the same seal. */
function sameFactsAs(month: UsageMonth, lignes: readonly unknown[]): boolean {
  return month.lignes.length === lignes.length && month.lignes.every((fact, index) => fact === lignes[index]);
}

/**
 * A stored month, validated: field by field unless its facts still carry the seal they got when
 * they were validated and written (seal.ts) — then only its envelope is checked.
 */
function readUsageMonth(key: IDBValidKey, value: unknown, onIssue?: IssueSink): UsageMonth | undefined {
  const sealed = sealedUsageMonthSchema.safeParse(value);
  if (sealed.success && sealed.data.sceau !== undefined && sealed.data.sceau === usageSeal(sealed.data)) {
    const month = sealed.data as UsageMonth;
    sealMatched.add(month);
    return month;
  }
  return validateOnRead('snapshots', usageMonthSchema, key, value, onIssue);
}

/** What a month's seal covers: everything but the seal and the time of the last change. */
function usageSeal({
  id,
  uai,
  mois,
  lignes,
}: Pick<UsageMonth, 'id' | 'uai' | 'mois'> & { lignes: unknown }): string {
  return sealOf('usageMonth', [id, uai, mois, lignes]);
}

/** `lignes[12].mois` from the place of a fact among those checked and that fact's own path. */
function linePath(checkedPath: string, lines: readonly number[]): string {
  const match = /^\[(\d+)\]/.exec(checkedPath);
  if (!match) return `lignes${checkedPath === '' ? '' : `.${checkedPath}`}`;
  return `lignes[${lines[Number(match[1])] ?? match[1]}]${checkedPath.slice(match[0].length)}`;
}

/**
 * Validates a month about to be written, then seals it so that reads need not validate its facts
 * again. Its envelope and the rules tying facts to it are checked every time; of its facts, only
 * those not among `stored`'s (the month as read: under a matching seal, or validated then) —
 * what the merge added or changed — are validated field by field. A capture that mostly confirms
 * the history does not check again the figures it has just read back under their seal.
 */
function sealedForWrite(record: Omit<UsageMonth, 'sceau'>, stored: UsageMonth | undefined): UsageMonth {
  const validated = new Set<unknown>(stored?.lignes);
  const { sceau: _old, ...frame } = validateForWrite('snapshots', usageMonthFrameSchema, record);
  const lines: number[] = [];
  const unchecked: unknown[] = [];
  record.lignes.forEach((fact, index) => {
    if (validated.has(fact)) return;
    lines.push(index);
    unchecked.push(fact);
  });
  const lignes = [...record.lignes];
  if (unchecked.length > 0) {
    const outcome = parseWith(usageFactsSchema, unchecked);
    if (!outcome.ok)
      throw new StoreValidationError('snapshots', linePath(outcome.path, lines), outcome.message);
    // zod's output: a name slipped into a new line is dropped, as a whole-month parse drops it.
    outcome.data.forEach((fact, place) => {
      lignes[lines[place] as number] = fact;
    });
  }
  const valid = { ...frame, lignes };
  return { ...valid, sceau: usageSeal(valid) };
}

/**
 * Whether a merge left a stored month exactly as it was read under its seal: the very facts, in the
 * same order. Nothing to write then — not even the time of the last change, which it did not change.
 */
function leftAsItWas(stored: UsageMonth | undefined, uai: string, mois: string, lignes: readonly unknown[]) {
  return (
    stored !== undefined &&
    sealMatched.has(stored) &&
    stored.uai === uai &&
    stored.mois === mois &&
    sameFactsAs(stored, lignes)
  );
}

/**
 * Merges captured or imported figures into a school's months, in one transaction: a month seen
 * again keeps one figure per resource, month and profile (usage-stats.ts `mergeFacts`), never two.
 * A stored month that no longer validates is replaced rather than merged into; one the figures
 * leave exactly as it was (a capture confirming the history) is not written again.
 */
export async function mergeUsage(
  db: Db,
  uai: string,
  facts: readonly UsageFact[],
  now: Date,
  onIssue?: IssueSink,
): Promise<UsageMergeCounts> {
  const counts: UsageMergeCounts = { ajoutees: 0, modifiees: 0, inchangees: 0, mois: 0 };
  const tx = db.transaction('snapshots', 'readwrite');
  const records: UsageMonth[] = [];
  for (const [mois, incoming] of byMonth(facts)) {
    const id = usageMonthId(uai, mois);
    const stored = readUsageMonth(id, await tx.store.get(id), onIssue);
    const report = mergeFacts(stored?.lignes ?? [], incoming);
    counts.ajoutees += report.ajoutees;
    counts.modifiees += report.modifiees;
    counts.inchangees += report.inchangees;
    counts.mois += 1;
    if (leftAsItWas(stored, uai, mois, report.facts)) continue;
    const record = { id, uai, mois, majLe: now.toISOString(), lignes: report.facts };
    records.push(sealedForWrite(record, stored));
  }
  // Written once every month is valid: a refused month leaves the whole history as it was.
  await Promise.all([...records.map((record) => tx.store.put(record)), tx.done]);
  return counts;
}

/** Every month of one school, or of all schools, in chronological order. */
export async function listUsageMonths(db: Db, uai?: string, onIssue?: IssueSink): Promise<UsageMonth[]> {
  const [keys, values] = await rowsOfSchoolOrAll(db.transaction('snapshots').store, uai);
  const months = values
    .map((value, index) => readUsageMonth(keys[index] ?? index, value, onIssue))
    .filter((month): month is UsageMonth => month !== undefined);
  return months.sort((a, b) => compareText(a.mois, b.mois) || compareText(a.uai, b.uai));
}

/**
 * Deletes the months before `cutoff` (the first month kept), every school; returns how many. Reads
 * keys only (`uai:mois`): a year of a lycée is megabytes of values not worth loading to drop none.
 */
export async function purgeUsage(db: Db, cutoff: string): Promise<number> {
  const tx = db.transaction('snapshots', 'readwrite');
  const stale = (await tx.store.getAllKeys()).filter((key) => key.slice(key.lastIndexOf(':') + 1) < cutoff);
  await Promise.all([...stale.map((key) => tx.store.delete(key)), tx.done]);
  return stale.length;
}

/** The schools the extension knows, from the keys alone: subscriptions seen and usage history. */
export async function knownSchools(db: Db): Promise<string[]> {
  const [seen, months] = await Promise.all([db.getAllKeys('seenSubscriptions'), db.getAllKeys('snapshots')]);
  const schools = [...seen.map(([uai]) => uai), ...months.map((key) => key.slice(0, key.lastIndexOf(':')))];
  return [...new Set(schools)].sort();
}

/** What the history takes: months kept and their size as JSON (what IndexedDB roughly stores). */
export async function usageStorage(db: Db): Promise<{ mois: number; octets: number }> {
  const values = await db.getAll('snapshots');
  return { mois: values.length, octets: new Blob([JSON.stringify(values)]).size };
}
