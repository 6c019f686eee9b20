import { retentionCutoff, type UsageFact, type UsageSource } from '../gar/usage-stats';
import { parisDayNumber } from '../gar/validity';
import type { Db } from '../store/repositories';
import { getSchoolRecord, getSettings, updateSchoolRecord } from '../store/repositories';
import { mergeUsage, purgeUsage, type UsageMergeCounts } from '../store/usage-history';

/**
 * Storing the statistics (issue 8): figures merged into the history, the months beyond the
 * retention setting dropped, and for a capture its time, per school and source. Used by the
 * background (« Capturer » and the automatic capture) and the options page (imports).
 */

export type CaptureSource = Exclude<UsageSource, 'import'>;

/** Figures join the history (merged, never added up), then months beyond the retention go. */
export async function storeUsage(
  db: Db,
  uai: string,
  facts: readonly UsageFact[],
  now: Date,
): Promise<UsageMergeCounts> {
  const counts = await mergeUsage(db, uai, facts, now);
  const { statsRetentionMonths } = await getSettings(db);
  await purgeUsage(db, retentionCutoff(now, statsRetentionMonths));
  return counts;
}

/** A capture is stored like an import, and its time remembered for the once-a-day capture. */
export async function captureUsage(
  db: Db,
  uai: string,
  source: CaptureSource,
  facts: readonly UsageFact[],
  now: Date,
): Promise<UsageMergeCounts> {
  const counts = await storeUsage(db, uai, facts, now);
  await updateSchoolRecord(db, uai, (record) => ({
    ...record,
    capturesStatistiques: { ...record.capturesStatistiques, [source]: now.toISOString() },
  }));
  return counts;
}

/** When this school's figures were last captured from this source, if ever. */
export async function lastCapture(db: Db, uai: string, source: CaptureSource): Promise<string | null> {
  return (await getSchoolRecord(db, uai))?.capturesStatistiques?.[source] ?? null;
}

/** The automatic capture runs at most once a (Paris) day per school and source, when turned on. */
export async function autoCaptureDue(
  db: Db,
  uai: string,
  source: CaptureSource,
  now: Date,
): Promise<boolean> {
  if (!(await getSettings(db)).statsAutoCapture) return false;
  const last = await lastCapture(db, uai, source);
  return last === null || parisDayNumber(new Date(last)) !== parisDayNumber(now);
}
