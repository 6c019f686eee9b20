import type { IDBPDatabase, IDBPObjectStore } from 'idb';
import { type FeatureHealth, featureHealthSchema } from '../feature-health';
import { type ExpectedOrder, expectedOrderSchema } from '../gar/expected-order';
import {
  type JournalEntry,
  type JournalStep,
  journalEntrySchema,
  journalStepSchema,
} from '../gar/journal-record';
import { mergeOrders, type OrderMerge } from '../gar/order-merge';
import { type SchoolRecord, schoolRecordSchema } from '../gar/school-record';
import {
  anyTemplateSchema,
  type ConformityRecord,
  conformityRecordSchema,
  type Template,
  templateSchema,
} from '../gar/template-record';
import { t } from '../i18n';
import type { GarDbSchema } from './db';
import { type JournalClock, latestStamp } from './journal-clock';
import { rowsOfSchoolOrAll, rowsWithKeys } from './rows';
import { type IssueSink, validateAllOnRead, validateForWrite, validateOnRead } from './validation';

/**
 * Small repository functions over the store. Every write is validated (a bad record throws a
 * StoreValidationError and nothing is written); every read is validated too, and a record that
 * no longer matches is skipped and handed to `onIssue` instead of crashing the caller.
 */

export type Db = IDBPDatabase<GarDbSchema>;

const DAY_MS = 24 * 60 * 60 * 1000;

// The seen subscriptions and the settings have their own modules (the popup loads only those):
// re-exported here, where the other records' functions are.
export {
  countSeen,
  listSeen,
  markAlerted,
  type SeenInput,
  type UpsertSeenResult,
  upsertSeen,
} from './seen-subscriptions';
export { getSettings, updateSettings } from './settings-store';

// ---------------------------------------------------------------------------------------------
// Templates

/** Creates or replaces a template; returns what was stored. */
export async function putTemplate(db: Db, template: Template): Promise<Template> {
  const record = validateForWrite('templates', templateSchema, template);
  await db.put('templates', record);
  return record;
}

export async function getTemplate(db: Db, id: string, onIssue?: IssueSink): Promise<Template | undefined> {
  const raw: unknown = await db.get('templates', id);
  return raw === undefined ? undefined : validateOnRead('templates', anyTemplateSchema, id, raw, onIssue);
}

/** Every template, sorted by name. */
export async function listTemplates(db: Db, onIssue?: IssueSink): Promise<Template[]> {
  const tx = db.transaction('templates');
  const index = tx.store.index('byName');
  const [keys, values] = await Promise.all([index.getAllKeys(), index.getAll()]);
  return validateAllOnRead('templates', anyTemplateSchema, keys, values, onIssue);
}

/**
 * Deletes a template and its last conformity check in every school, in one transaction: the
 * console's badges show those checks, and a deleted template's would stay on screen.
 */
export async function deleteTemplate(db: Db, id: string): Promise<void> {
  const tx = db.transaction(['templates', 'conformity'], 'readwrite');
  const conformity = tx.objectStore('conformity');
  const keys = await conformity.getAllKeys();
  await Promise.all([
    tx.objectStore('templates').delete(id),
    ...keys.filter(([, templateId]) => templateId === id).map((key) => conformity.delete(key)),
    tx.done,
  ]);
}

// ---------------------------------------------------------------------------------------------
// Expected orders

/** Creates or replaces an expected order; returns what was stored. */
export async function putOrder(db: Db, order: ExpectedOrder): Promise<ExpectedOrder> {
  const record = validateForWrite('orders', expectedOrderSchema, order);
  await db.put('orders', record);
  return record;
}

export async function getOrder(db: Db, id: string, onIssue?: IssueSink): Promise<ExpectedOrder | undefined> {
  const raw: unknown = await db.get('orders', id);
  return raw === undefined ? undefined : validateOnRead('orders', expectedOrderSchema, id, raw, onIssue);
}

/** The expected orders of one school, oldest first. */
export async function listOrders(db: Db, uai: string, onIssue?: IssueSink): Promise<ExpectedOrder[]> {
  const tx = db.transaction('orders');
  const index = tx.store.index('byUai');
  const [keys, values] = await Promise.all([index.getAllKeys(uai), index.getAll(uai)]);
  const orders = validateAllOnRead('orders', expectedOrderSchema, keys, values, onIssue);
  return orders.sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id));
}

export async function deleteOrder(db: Db, id: string): Promise<void> {
  await db.delete('orders', id);
}

/**
 * Joins imported or typed orders to a school's stored ones (utils/gar/order-merge: the same order
 * is updated or found identical, never stored twice), in one transaction: read, merge and writes
 * see no other writer, and a line the schema refuses throws before anything is written.
 */
export async function importOrders(
  db: Db,
  uai: string,
  lines: readonly ExpectedOrder[],
): Promise<OrderMerge> {
  const foreign = lines.find((line) => line.uai !== uai);
  if (foreign) throw new Error(t('repositoriesForeignOrder', foreign.uai, uai));
  const tx = db.transaction('orders', 'readwrite');
  const index = tx.store.index('byUai');
  const [keys, values] = await Promise.all([index.getAllKeys(uai), index.getAll(uai)]);
  const merge = mergeOrders(validateAllOnRead('orders', expectedOrderSchema, keys, values), lines);
  const records = merge.changed.map((order) => validateForWrite('orders', expectedOrderSchema, order));
  await Promise.all([...records.map((record) => tx.store.put(record)), tx.done]);
  return merge;
}

/** « Tout supprimer »: every order of one school, none of another's; returns how many went. */
export async function deleteOrdersOf(db: Db, uai: string): Promise<number> {
  const tx = db.transaction('orders', 'readwrite');
  const keys = await tx.store.index('byUai').getAllKeys(uai);
  await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.done]);
  return keys.length;
}

// ---------------------------------------------------------------------------------------------
// Template conformity: the last check per school and template

export async function putConformity(db: Db, record: ConformityRecord): Promise<ConformityRecord> {
  const valid = validateForWrite('conformity', conformityRecordSchema, record);
  await db.put('conformity', valid);
  return valid;
}

/** The last checks of one school, or of every school when `uai` is omitted. */
export async function listConformity(db: Db, uai?: string, onIssue?: IssueSink): Promise<ConformityRecord[]> {
  const [keys, values] = await rowsOfSchoolOrAll(db.transaction('conformity').store, uai);
  return validateAllOnRead('conformity', conformityRecordSchema, keys, values, onIssue);
}

// ---------------------------------------------------------------------------------------------
// Schools: the last ENT synchronisation counts and the RA's expectations

export async function getSchoolRecord(
  db: Db,
  uai: string,
  onIssue?: IssueSink,
): Promise<SchoolRecord | undefined> {
  const raw: unknown = await db.get('schools', uai);
  return raw === undefined ? undefined : validateOnRead('schools', schoolRecordSchema, uai, raw, onIssue);
}

/** Changes one school's record in a single transaction (absent: starts from the UAI alone). */
export async function updateSchoolRecord(
  db: Db,
  uai: string,
  change: (record: SchoolRecord) => SchoolRecord,
): Promise<SchoolRecord> {
  const tx = db.transaction('schools', 'readwrite');
  const raw: unknown = await tx.store.get(uai);
  const current = (raw === undefined
    ? undefined
    : validateOnRead('schools', schoolRecordSchema, uai, raw)) ?? { uai };
  const next = validateForWrite('schools', schoolRecordSchema, { ...change(current), uai });
  await Promise.all([tx.store.put(next), tx.done]);
  return next;
}

// ---------------------------------------------------------------------------------------------
// Journal

/** Adds a journal entry; an existing id is refused so two runs never share one entry. */
export async function addJournalEntry(
  db: Db,
  entry: JournalEntry,
  clock?: JournalClock,
): Promise<JournalEntry> {
  const tx = db.transaction('journal', 'readwrite');
  const startedAt = clock ? await stampIn(tx.store, clock, entry.uai, entry.startedAt) : entry.startedAt;
  const record = validateForWrite('journal', journalEntrySchema, { ...entry, startedAt });
  await Promise.all([tx.store.add(record), tx.done]);
  return record;
}

type JournalStore = IDBPObjectStore<GarDbSchema, ['journal'], 'journal', 'readwrite'>;

/** A stamp in the school's order, given inside the write's transaction (utils/store/journal-clock.ts). */
async function stampIn(store: JournalStore, clock: JournalClock, uai: string, at: string): Promise<string> {
  if (!clock.knows(uai)) clock.learn(uai, latestStamp(await store.index('byUai').getAll(uai)));
  return clock.stamp(uai, at);
}

/**
 * Changes one entry in a single transaction (read, change, validate, write), so two steps
 * journaled back to back never overwrite each other.
 */
export function updateJournalEntry(
  db: Db,
  id: string,
  change: (entry: JournalEntry) => JournalEntry,
): Promise<JournalEntry> {
  return changeJournalEntry(db, id, async (entry) => change(entry));
}

/** `updateJournalEntry`, with a change that may read the journal in the same transaction. */
async function changeJournalEntry(
  db: Db,
  id: string,
  change: (entry: JournalEntry, store: JournalStore) => Promise<JournalEntry>,
): Promise<JournalEntry> {
  const tx = db.transaction('journal', 'readwrite');
  const raw: unknown = await tx.store.get(id);
  if (raw === undefined) throw new Error(t('repositoriesJournalEntryNotFound', id));
  let failure: string | undefined;
  const current = validateOnRead('journal', journalEntrySchema, id, raw, (issue) => {
    failure = `${issue.path || t('storeValidationContent')} — ${issue.message}`;
  });
  if (current === undefined) throw new Error(t('repositoriesJournalEntryUnreadable', id, failure ?? ''));
  const next = validateForWrite('journal', journalEntrySchema, { ...(await change(current, tx.store)), id });
  await Promise.all([tx.store.put(next), tx.done]);
  return next;
}

/**
 * Appends one step to an entry: what the executor calls before and after each write. With the
 * worker's clock, the step is stamped in the school's order.
 */
export async function appendJournalStep(
  db: Db,
  id: string,
  step: JournalStep,
  clock?: JournalClock,
): Promise<JournalEntry> {
  const validStep = validateForWrite('journal', journalStepSchema, step);
  return changeJournalEntry(db, id, async (entry, store) => {
    const at = clock ? await stampIn(store, clock, entry.uai, validStep.at) : validStep.at;
    return { ...entry, steps: [...entry.steps, { ...validStep, at }] };
  });
}

export interface JournalQuery {
  uai?: string;
  limit?: number;
}

/** Journal entries, newest first, optionally for one school and limited in number. */
export async function listJournal(
  db: Db,
  query: JournalQuery = {},
  onIssue?: IssueSink,
): Promise<JournalEntry[]> {
  const tx = db.transaction('journal');
  const index = query.uai === undefined ? tx.store.index('byStartedAt') : tx.store.index('byUai');
  const [keys, values] = await rowsWithKeys(index, query.uai);
  const entries = validateAllOnRead('journal', journalEntrySchema, keys, values, onIssue);
  entries.sort((a, b) => compareText(b.startedAt, a.startedAt) || compareText(b.id, a.id));
  return query.limit === undefined ? entries : entries.slice(0, query.limit);
}

/**
 * Statuses of an operation not settled yet: « en cours » (its tab may be gone) and « interrompu ».
 * Such an entry is how the RA resumes, abandons or undoes the job, so no retention drops it.
 */
export const UNSETTLED_JOURNAL_STATUSES: readonly JournalEntry['status'][] = ['enCours', 'interrompu'];

/** The oldest start a retention of `days` keeps (timestamps are fixed-width ISO: text order is time order). */
export function journalCutoff(days: number, now: Date): string {
  if (!Number.isFinite(days) || days < 0)
    throw new RangeError(t('repositoriesInvalidRetention', String(days)));
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** Whether a retention with this cutoff keeps the entry: recent enough, or unsettled whatever its age. */
export function keptByRetention(entry: Pick<JournalEntry, 'startedAt' | 'status'>, cutoff: string): boolean {
  return entry.startedAt >= cutoff || UNSETTLED_JOURNAL_STATUSES.includes(entry.status);
}

/** An unsettled entry that still reads whole: a damaged one could not be resumed anyway. */
function isResumable(value: unknown): boolean {
  const parsed = journalEntrySchema.safeParse(value);
  return parsed.success && UNSETTLED_JOURNAL_STATUSES.includes(parsed.data.status);
}

/**
 * Deletes entries started more than `days` days before `now` (personal data is kept no longer
 * than needed), except unsettled ones (`UNSETTLED_JOURNAL_STATUSES`): an interrupted job must stay
 * resumable and undoable; `countUnsettledOlderThan` says how many were kept so. Corrupted entries
 * go too: the index sees their date even when zod would not. Returns how many were deleted.
 */
export async function purgeJournalOlderThan(db: Db, days: number, now: Date): Promise<number> {
  const cutoff = journalCutoff(days, now);
  const tx = db.transaction('journal', 'readwrite');
  let deleted = 0;
  let cursor = await tx.store.index('byStartedAt').openCursor(IDBKeyRange.upperBound(cutoff, true));
  while (cursor) {
    if (!isResumable(cursor.value)) {
      await cursor.delete();
      deleted++;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return deleted;
}

/** How many unsettled entries are older than the retention: kept by the purge, to be settled by the RA. */
export async function countUnsettledOlderThan(db: Db, days: number, now: Date): Promise<number> {
  const cutoff = journalCutoff(days, now);
  const values = await db.getAllFromIndex('journal', 'byStartedAt', IDBKeyRange.upperBound(cutoff, true));
  return values.filter(isResumable).length;
}

// ---------------------------------------------------------------------------------------------
// Feature health

/** Records the latest run of a feature, replacing the previous one. */
export async function putHealth(db: Db, report: FeatureHealth): Promise<FeatureHealth> {
  const record = validateForWrite('health', featureHealthSchema, report);
  await db.put('health', record);
  return record;
}

/** The latest run of every feature, by feature id. */
export async function listHealth(db: Db, onIssue?: IssueSink): Promise<FeatureHealth[]> {
  const tx = db.transaction('health');
  const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
  return validateAllOnRead('health', featureHealthSchema, keys, values, onIssue);
}

export async function clearHealth(db: Db): Promise<void> {
  await db.clear('health');
}

// ---------------------------------------------------------------------------------------------

/** Plain code-unit order: our timestamps and months are fixed-width, so this is chronological. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
