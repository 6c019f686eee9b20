import { retentionCutoff, type UsageFact, type UsageSource } from './gar/usage-stats';
import { parisDayNumber } from './gar/validity';
import type { Db } from './store/repositories';
import { getSchoolRecord, getSettings, updateSchoolRecord } from './store/repositories';
import { mergeUsage, purgeUsage, type UsageMergeCounts } from './store/usage-history';

/**
 * The background's side of the statistics capture (issue 8): figures merged into the history,
 * the time of the capture remembered per school and source, the months beyond the retention
 * setting dropped. Shared by the « Capturer » action and the automatic capture of each visit.
 */

export type CaptureSource = Exclude<UsageSource, 'import'>;

export async function captureUsage(
  db: Db,
  uai: string,
  source: CaptureSource,
  facts: readonly UsageFact[],
  now: Date,
): Promise<UsageMergeCounts> {
  const counts = await mergeUsage(db, uai, facts, now);
  await updateSchoolRecord(db, uai, (record) => ({
    ...record,
    capturesStatistiques: { ...record.capturesStatistiques, [source]: now.toISOString() },
  }));
  const { statsRetentionMonths } = await getSettings(db);
  await purgeUsage(db, retentionCutoff(now, statsRetentionMonths));
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
