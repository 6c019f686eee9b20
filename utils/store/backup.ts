import type { IDBPDatabase, IDBPTransaction } from 'idb';
import * as z from 'zod/mini';
import { featureHealthSchema } from '../feature-health';
import { expectedOrderSchema } from '../gar/expected-order';
import { type JournalEntry, journalEntrySchema } from '../gar/journal-record';
import { parseWith } from '../gar/parse';
import { timestampSchema } from '../gar/record-fields';
import { schoolRecordSchema } from '../gar/school-record';
import { seenSubscriptionSchema } from '../gar/seen-subscription';
import { settingsSchema } from '../gar/settings';
import { anyTemplateSchema, conformityRecordSchema } from '../gar/template-record';
import { usageMonthSchema } from '../gar/usage-month';
import { t } from '../i18n';
import { DB_VERSION, type GarDbSchema, type GarStoreName, STORE_NAMES } from './db';
import { SETTINGS_KEY, type SettingRecord, settingRecordSchema } from './records';
import { journalCutoff, keptByRetention } from './repositories';
import { type IssueSink, validateAllOnRead } from './validation';

/**
 * Backup and restore of the whole store as one JSON file, so a user can move to another browser
 * or keep a copy before a risky change. An import is validated entirely before anything is
 * written, then applied in one transaction: it either replaces everything or changes nothing.
 *
 * The journal holds GAR person ids (to undo an operation), so a backup carries it only when asked,
 * and only what the journal's retention keeps — on export, and again on import (an old file must
 * not bring back what the daily purge removed). A backup without journal leaves the journal of the
 * browser it is restored in as it is.
 */

export const BACKUP_FORMAT = 'compagnon-gar-backup';
/** Version of the file format itself, independent of the database version. */
export const BACKUP_VERSION = 1;
/** Checked on the file before it is read: 5 school years of statistics weigh a few megabytes. */
export const MAX_BACKUP_BYTES = 64 * 1024 * 1024;
/** A backup nests fewer than 10 levels (file, stores, journal, entry, steps, step, job…). */
export const MAX_BACKUP_DEPTH = 32;

/** Refuses two records with the same key: applied one after another, the last would silently win. */
function uniqueBy<T>(keyOf: (record: T) => string) {
  return (records: T[], ctx: z.core.$RefinementCtx<T[]>): void => {
    const seen = new Set<string>();
    records.forEach((record, index) => {
      const key = keyOf(record);
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', message: t('storeBackupDuplicateId', key), path: [index] });
      seen.add(key);
    });
  };
}

const backupStoresSchema = z.object({
  settings: z.array(settingRecordSchema).check(z.superRefine(uniqueBy((record) => record.key))),
  seenSubscriptions: z
    .array(seenSubscriptionSchema)
    .check(z.superRefine(uniqueBy((record) => `${record.uai}/${record.idAbonnement}`))),
  templates: z.array(anyTemplateSchema).check(z.superRefine(uniqueBy((record) => record.id))),
  orders: z.array(expectedOrderSchema).check(z.superRefine(uniqueBy((record) => record.id))),
  snapshots: z.array(usageMonthSchema).check(z.superRefine(uniqueBy((record) => record.id))),
  // Absent when the RA left the journal out of the backup.
  journal: z.optional(z.array(journalEntrySchema).check(z.superRefine(uniqueBy((record) => record.id)))),
  health: z.array(featureHealthSchema).check(z.superRefine(uniqueBy((record) => record.featureId))),
  // Absent from backups made before version 3: nothing was checked then.
  // Absent from backups made before version 4.
  schools: z._default(
    z.array(schoolRecordSchema).check(z.superRefine(uniqueBy((record) => record.uai))),
    () => [],
  ),
  conformity: z._default(
    z
      .array(conformityRecordSchema)
      .check(z.superRefine(uniqueBy((record) => `${record.uai}/${record.templateId}`))),
    () => [],
  ),
});

export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: () => t('storeBackupNotABackup') }),
  version: z.literal(BACKUP_VERSION, { error: () => t('storeBackupUnsupportedVersion') }),
  dbVersion: z.int().check(
    z.minimum(1),
    // Records from a newer schema may carry meaning this version would silently drop.
    z.maximum(DB_VERSION, { error: () => t('storeBackupNewerVersion') }),
  ),
  exportedAt: timestampSchema,
  stores: backupStoresSchema,
});

export type StoreBackup = z.output<typeof backupSchema>;
type BackupStores = StoreBackup['stores'];

export type ParseBackupResult = { ok: true; data: StoreBackup } | { ok: false; message: string };

export type ImportResult =
  | { ok: true; counts: { [S in keyof BackupStores]: number } }
  | { ok: false; message: string };

export interface ExportOptions {
  /** Whether the journal of operations (person ids, no names) goes in the file; true unless said. */
  includeJournal?: boolean;
}

/** The journal retention the settings rows give (their default when none is stored or readable). */
export function journalRetentionOf(settings: readonly SettingRecord[]): number {
  const row = settings.find((record) => record.key === SETTINGS_KEY);
  const parsed = settingsSchema.safeParse(row?.value ?? {});
  return (parsed.success ? parsed.data : settingsSchema.parse({})).journalRetentionDays;
}

/** The entries the retention keeps (unsettled ones whatever their age), as the daily purge would. */
export function retainedJournal(
  journal: readonly JournalEntry[],
  retentionDays: number,
  now: Date,
): JournalEntry[] {
  const cutoff = journalCutoff(retentionDays, now);
  return journal.filter((entry) => keptByRetention(entry, cutoff));
}

export interface BackupJournal {
  included: boolean;
  /** Entries an import restores. */
  restored: number;
  /** Entries left out, older than the retention. */
  dropped: number;
  retentionDays: number;
}

/**
 * What an import does with a backup's journal: the retention is the backup's own setting, since
 * its settings replace the current ones — the store after the import is one the daily purge
 * would leave as it is.
 */
export function backupJournal(backup: StoreBackup, now: Date): BackupJournal {
  const retentionDays = journalRetentionOf(backup.stores.settings);
  const journal = backup.stores.journal;
  if (journal === undefined) return { included: false, restored: 0, dropped: 0, retentionDays };
  const restored = retainedJournal(journal, retentionDays, now).length;
  return { included: true, restored, dropped: journal.length - restored, retentionDays };
}

/**
 * Reads every store, keeping only records that still validate (the others go to `onIssue`), and
 * of the journal only what its retention keeps — or nothing, when `includeJournal` is false.
 */
export async function exportStore(
  db: IDBPDatabase<GarDbSchema>,
  now: Date = new Date(),
  onIssue?: IssueSink,
  options: ExportOptions = {},
): Promise<StoreBackup> {
  const tx = db.transaction(STORE_NAMES, 'readonly');
  const read = async <S extends z.ZodMiniType>(
    name: GarStoreName,
    schema: S,
  ): Promise<Array<z.output<S>>> => {
    const store = tx.objectStore(name);
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
    return validateAllOnRead(name, schema, keys, values, onIssue);
  };
  const [settings, seenSubscriptions, templates, orders, snapshots, journal, health, conformity, schools] =
    await Promise.all([
      // Only the settings row is part of the schema; a stray key from an old version is not exported.
      read('settings', settingRecordSchema),
      read('seenSubscriptions', seenSubscriptionSchema),
      read('templates', anyTemplateSchema),
      read('orders', expectedOrderSchema),
      read('snapshots', usageMonthSchema),
      read('journal', journalEntrySchema),
      read('health', featureHealthSchema),
      read('conformity', conformityRecordSchema),
      read('schools', schoolRecordSchema),
    ]);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    dbVersion: DB_VERSION,
    exportedAt: now.toISOString(),
    stores: {
      settings,
      seenSubscriptions,
      templates,
      orders,
      snapshots,
      ...(options.includeJournal === false
        ? {}
        : { journal: retainedJournal(journal, journalRetentionOf(settings), now) }),
      health,
      conformity,
      schools,
    },
  };
}

/** Validates a whole backup file; the message names the first problem's path, in the user's language. */
export function parseBackup(json: unknown): ParseBackupResult {
  const outcome = parseWith(backupSchema, json);
  if (outcome.ok) return { ok: true, data: outcome.data };
  const where = outcome.path || t('storeBackupWholeFile');
  return { ok: false, message: t('storeBackupFileRefused', where, outcome.message) };
}

/**
 * Replaces every store with the backup's content, all or nothing; the journal only when the
 * backup has one, and then without the entries its retention drops (see `backupJournal`).
 */
export async function importStore(
  db: IDBPDatabase<GarDbSchema>,
  json: unknown,
  now: Date = new Date(),
): Promise<ImportResult> {
  const parsed = parseBackup(json);
  if (!parsed.ok) return parsed;
  const { stores } = parsed.data;
  const retained =
    stores.journal === undefined
      ? stores
      : { ...stores, journal: retainedJournal(stores.journal, journalRetentionOf(stores.settings), now) };
  try {
    await replaceAll(db, retained);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: t('storeBackupImportAborted', reason) };
  }
  return { ok: true, counts: countRecords(retained) };
}

/** One readwrite transaction over every store: any failed request aborts it, undoing the clears too. */
async function replaceAll(db: IDBPDatabase<GarDbSchema>, stores: BackupStores): Promise<void> {
  const tx = db.transaction(STORE_NAMES, 'readwrite');
  const requests: Array<Promise<unknown>> = [];
  try {
    queueReplacement(tx, stores, requests);
  } catch (error) {
    // Some errors (a missing key, a value that cannot be cloned) are thrown synchronously and do
    // not abort the transaction by themselves: without this, the clears would be committed.
    tx.abort();
    await Promise.allSettled([...requests, tx.done]);
    throw error;
  }
  // Promise.all also listens to every request, so a failed one never becomes an unhandled rejection.
  await Promise.all([...requests, tx.done]);
}

type ReplaceTransaction = IDBPTransaction<GarDbSchema, GarStoreName[], 'readwrite'>;

function queueReplacement(
  tx: ReplaceTransaction,
  stores: BackupStores,
  requests: Array<Promise<unknown>>,
): void {
  for (const name of STORE_NAMES) {
    // A backup made without the journal leaves this browser's journal (its undo history) alone.
    if (name === 'journal' && stores.journal === undefined) continue;
    requests.push(tx.objectStore(name).clear());
  }
  const add = <S extends GarStoreName>(name: S, records: ReadonlyArray<GarDbSchema[S]['value']>): void => {
    const store = tx.objectStore(name);
    for (const record of records) requests.push(store.add(record));
  };
  add('settings', stores.settings);
  add('seenSubscriptions', stores.seenSubscriptions);
  add('templates', stores.templates);
  add('orders', stores.orders);
  add('snapshots', stores.snapshots);
  add('journal', stores.journal ?? []);
  add('conformity', stores.conformity);
  add('schools', stores.schools);
  add('health', stores.health);
}

function countRecords(stores: BackupStores): { [S in keyof BackupStores]: number } {
  return {
    settings: stores.settings.length,
    seenSubscriptions: stores.seenSubscriptions.length,
    templates: stores.templates.length,
    orders: stores.orders.length,
    snapshots: stores.snapshots.length,
    journal: stores.journal?.length ?? 0,
    health: stores.health.length,
    conformity: stores.conformity.length,
    schools: stores.schools.length,
  };
}
