import { sealedUsageMonthSchema, type UsageMonth, usageMonthId, usageMonthSchema } from '../gar/usage-month';
import { mergeFacts, type UsageFact } from '../gar/usage-stats';
import { compareText, type Db } from './repositories';
import { rowsOfSchoolOrAll } from './rows';
import { sealOf } from './seal';
import { type IssueSink, validateForWrite, validateOnRead } from './validation';

/**
 * The usage history (issue 8): one record per school and month in the `snapshots` store. Apart
 * from the other repositories so that pages which never show statistics (the popup) do not load
 * the statistics domain with them.
 */

export interface UsageMergeCounts {
  ajoutees: number;
  modifiees: number;
  inchangees: number;
  /** Months the figures fell in (each record is rewritten with its merge). */
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

/**
 * A stored month, validated: field by field unless its facts still carry the seal they got when
 * they were validated and written (seal.ts) — then only its envelope is checked.
 */
function readUsageMonth(key: IDBValidKey, value: unknown, onIssue?: IssueSink): UsageMonth | undefined {
  const sealed = sealedUsageMonthSchema.safeParse(value);
  if (sealed.success && sealed.data.sceau !== undefined && sealed.data.sceau === usageSeal(sealed.data)) {
    return sealed.data as UsageMonth;
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

/** Validates a month fully, then seals it so that reads need not validate its facts again. */
function sealedForWrite(record: Omit<UsageMonth, 'sceau'>): UsageMonth {
  const { sceau: _old, ...valid } = validateForWrite('snapshots', usageMonthSchema, record);
  return { ...valid, sceau: usageSeal(valid) };
}

/**
 * Merges captured or imported figures into a school's months, in one transaction: a month seen
 * again keeps one figure per resource, month and profile (usage-stats.ts `mergeFacts`), never two.
 * A stored month that no longer validates is replaced rather than merged into.
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
  for (const [mois, incoming] of byMonth(facts)) {
    const id = usageMonthId(uai, mois);
    const stored = readUsageMonth(id, await tx.store.get(id), onIssue);
    const report = mergeFacts(stored?.lignes ?? [], incoming);
    counts.ajoutees += report.ajoutees;
    counts.modifiees += report.modifiees;
    counts.inchangees += report.inchangees;
    await tx.store.put(sealedForWrite({ id, uai, mois, majLe: now.toISOString(), lignes: report.facts }));
    counts.mois += 1;
  }
  await tx.done;
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
