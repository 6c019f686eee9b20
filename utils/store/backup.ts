import type { IDBPDatabase, IDBPTransaction } from 'idb';
import * as z from 'zod/mini';
import { DB_VERSION, type GarDbSchema, type GarStoreName, STORE_NAMES } from './db';
import {
  anyTemplateSchema,
  conformityRecordSchema,
  expectedOrderSchema,
  featureHealthSchema,
  journalEntrySchema,
  schoolRecordSchema,
  seenSubscriptionSchema,
  settingRecordSchema,
  timestampSchema,
  usageMonthSchema,
} from './records';
import { type IssueSink, parseWith, validateAllOnRead } from './validation';

/**
 * Backup and restore of the whole store as one JSON file, so a user can move to another browser
 * or keep a copy before a risky change. An import is validated entirely before anything is
 * written, then applied in one transaction: it either replaces everything or changes nothing.
 */

export const BACKUP_FORMAT = 'compagnon-gar-backup';
/** Version of the file format itself, independent of the database version. */
export const BACKUP_VERSION = 1;

/** Refuses two records with the same key: applied one after another, the last would silently win. */
function uniqueBy<T>(keyOf: (record: T) => string) {
  return (records: T[], ctx: z.core.$RefinementCtx<T[]>): void => {
    const seen = new Set<string>();
    records.forEach((record, index) => {
      const key = keyOf(record);
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', message: `Identifiant en double : ${key}`, path: [index] });
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
  journal: z.array(journalEntrySchema).check(z.superRefine(uniqueBy((record) => record.id))),
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
  format: z.literal(BACKUP_FORMAT, { error: "Ce n'est pas une sauvegarde de Compagnon GAR" }),
  version: z.literal(BACKUP_VERSION, { error: 'Version de sauvegarde non prise en charge' }),
  dbVersion: z.int().check(
    z.minimum(1),
    // Records from a newer schema may carry meaning this version would silently drop.
    z.maximum(DB_VERSION, { error: 'Sauvegarde faite par une version plus récente de Compagnon GAR' }),
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

/** Reads every store, keeping only records that still validate (the others go to `onIssue`). */
export async function exportStore(
  db: IDBPDatabase<GarDbSchema>,
  now: Date = new Date(),
  onIssue?: IssueSink,
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
      journal,
      health,
      conformity,
      schools,
    },
  };
}

/** Validates a whole backup file; the message names the first problem's path, in French. */
export function parseBackup(json: unknown): ParseBackupResult {
  const outcome = parseWith(backupSchema, json);
  if (outcome.ok) return { ok: true, data: outcome.data };
  return { ok: false, message: `Fichier refusé : ${outcome.path || 'fichier'} — ${outcome.message}` };
}

/** Replaces every store with the backup's content, all or nothing. */
export async function importStore(db: IDBPDatabase<GarDbSchema>, json: unknown): Promise<ImportResult> {
  const parsed = parseBackup(json);
  if (!parsed.ok) return parsed;
  try {
    await replaceAll(db, parsed.data.stores);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Import interrompu, aucune donnée n'a été modifiée : ${reason}` };
  }
  return { ok: true, counts: countRecords(parsed.data.stores) };
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
  for (const name of STORE_NAMES) requests.push(tx.objectStore(name).clear());
  const add = <S extends GarStoreName>(name: S, records: ReadonlyArray<GarDbSchema[S]['value']>): void => {
    const store = tx.objectStore(name);
    for (const record of records) requests.push(store.add(record));
  };
  add('settings', stores.settings);
  add('seenSubscriptions', stores.seenSubscriptions);
  add('templates', stores.templates);
  add('orders', stores.orders);
  add('snapshots', stores.snapshots);
  add('journal', stores.journal);
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
    journal: stores.journal.length,
    health: stores.health.length,
    conformity: stores.conformity.length,
    schools: stores.schools.length,
  };
}
