import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { FeatureHealth } from '../feature-health';
import type { ExpectedOrder } from '../gar/expected-order';
import type { JournalEntry } from '../gar/journal-record';
import type { SchoolRecord } from '../gar/school-record';
import type { SeenSubscription } from '../gar/seen-subscription';
import type { ConformityRecord, Template } from '../gar/template-record';
import type { UsageMonth } from '../gar/usage-month';
import { t } from '../i18n';
import type { SettingRecord } from './records';

/**
 * The extension's IndexedDB (extension origin only: never open it from a content script, whose
 * `indexedDB` belongs to the GAR page). Value types describe what we write; everything read is
 * validated again by the repositories, since a store may hold records from older versions.
 */
export interface GarDbSchema extends DBSchema {
  settings: { key: string; value: SettingRecord };
  seenSubscriptions: { key: [string, string]; value: SeenSubscription; indexes: { byUai: string } };
  templates: { key: string; value: Template; indexes: { byName: string } };
  orders: { key: string; value: ExpectedOrder; indexes: { byUai: string } };
  snapshots: { key: string; value: UsageMonth; indexes: { byUai: string } };
  journal: { key: string; value: JournalEntry; indexes: { byStartedAt: string; byUai: string } };
  health: { key: string; value: FeatureHealth };
  conformity: { key: [string, string]; value: ConformityRecord; indexes: { byUai: string } };
  schools: { key: string; value: SchoolRecord };
}

export type GarStoreName = StoreNames<GarDbSchema>;
export type GarDb = IDBPDatabase<GarDbSchema>;
export type UpgradeTransaction = IDBPTransaction<GarDbSchema, GarStoreName[], 'versionchange'>;

/** Every store of the current version, in a stable order (backup, import). */
export const STORE_NAMES: readonly GarStoreName[] = [
  'settings',
  'seenSubscriptions',
  'templates',
  'orders',
  'snapshots',
  'journal',
  'health',
  'conformity',
  'schools',
];

/** Upgrades the database by one version; `migrations[n]` takes version n to version n + 1. */
export type Migration = (db: GarDb, tx: UpgradeTransaction) => void | Promise<void>;

/** Version 1, as shipped: seen subscriptions keyed by id alone. */
function createVersion1(db: GarDb): void {
  db.createObjectStore('settings', { keyPath: 'key' });
  db.createObjectStore('seenSubscriptions', { keyPath: 'idAbonnement' });
}

/** What a version-1 seen subscription may look like: we only trust enough of it to re-key it. */
interface SeenV1 {
  uai?: unknown;
  abonnement?: { uaiEtab?: unknown };
}

/**
 * Version 1 keyed seen subscriptions by `idAbonnement`, but two schools can hold subscriptions
 * with the same id, so one overwrote the other. Key paths cannot change in place: read the old
 * records, recreate the store keyed by (uai, idAbonnement), and write them back with a uai.
 */
async function rekeySeenSubscriptions(db: GarDb, tx: UpgradeTransaction): Promise<void> {
  const oldRecords: unknown[] = await tx.objectStore('seenSubscriptions').getAll();
  db.deleteObjectStore('seenSubscriptions');
  const store = db.createObjectStore('seenSubscriptions', { keyPath: ['uai', 'idAbonnement'] });
  store.createIndex('byUai', 'uai');
  const writes = oldRecords.flatMap((record) => {
    const withUai = withSchoolUai(record);
    // A record with no school at all cannot be keyed; it was only a cache of the console, so dropping it loses nothing.
    return withUai === undefined ? [] : [store.put(withUai as SeenSubscription)];
  });
  await Promise.all(writes);
}

/** Gives a version-1 record the uai it lacked: the first school of its subscription. */
function withSchoolUai(record: unknown): object | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const old = record as SeenV1;
  if (typeof old.uai === 'string' && old.uai !== '') return record;
  const schools = old.abonnement?.uaiEtab;
  const first: unknown = Array.isArray(schools) ? schools[0] : undefined;
  return typeof first === 'string' ? { ...record, uai: first } : undefined;
}

function createVersion2Stores(db: GarDb): void {
  db.createObjectStore('templates', { keyPath: 'id' }).createIndex('byName', 'name');
  db.createObjectStore('orders', { keyPath: 'id' }).createIndex('byUai', 'uai');
  db.createObjectStore('snapshots', { keyPath: 'id' }).createIndex('byUai', 'uai');
  const journal = db.createObjectStore('journal', { keyPath: 'id' });
  journal.createIndex('byStartedAt', 'startedAt');
  journal.createIndex('byUai', 'uai');
  db.createObjectStore('health', { keyPath: 'featureId' });
}

async function migrateToVersion2(db: GarDb, tx: UpgradeTransaction): Promise<void> {
  // New stores first, synchronously, so they exist even before the re-keying's first await.
  createVersion2Stores(db);
  await rekeySeenSubscriptions(db, tx);
}

/** Version 3: the last conformity check of each template, per school. */
function createVersion3(db: GarDb): void {
  db.createObjectStore('conformity', { keyPath: ['uai', 'templateId'] }).createIndex('byUai', 'uai');
}

/** Version 4: per school, the last ENT synchronisation counts and the RA's expectations. */
function createVersion4(db: GarDb): void {
  db.createObjectStore('schools', { keyPath: 'uai' });
}

/** Step-by-step migrations, never edited once shipped: a new version appends a step. */
export const migrations: readonly Migration[] = [
  createVersion1,
  migrateToVersion2,
  createVersion3,
  createVersion4,
];

/** The current schema version: one per migration step. */
export const DB_VERSION: number = migrations.length;

/** Runs the steps between the two versions in order; each may await its own requests. */
async function runMigrations(
  db: GarDb,
  oldVersion: number,
  newVersion: number,
  tx: UpgradeTransaction,
): Promise<void> {
  for (let version = oldVersion; version < newVersion; version += 1) {
    const step = migrations[version];
    if (step === undefined) throw new Error(t('dbMissingMigration', String(version + 1)));
    // Synchronous steps run without yielding, so they never depend on the transaction outliving a tick.
    const pending = step(db, tx);
    if (pending instanceof Promise) await pending;
  }
}

function abortQuietly(tx: UpgradeTransaction): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted: the open request reports the failure either way.
  }
}

export async function openGarDb(name = 'compagnon-gar'): Promise<IDBPDatabase<GarDbSchema>> {
  let migrationError: unknown;
  try {
    const db = await openDB<GarDbSchema>(name, DB_VERSION, {
      upgrade(database, oldVersion, newVersion, tx) {
        // A failed step aborts the whole upgrade, so the database stays at its old version, intact.
        runMigrations(database, oldVersion, newVersion ?? DB_VERSION, tx).catch((error: unknown) => {
          migrationError = error;
          abortQuietly(tx);
        });
      },
      blocking() {
        // A newer version (an updated extension) wants to upgrade: let it, rather than block it forever.
        db.close();
      },
    });
    return db;
  } catch (error) {
    // The open request only reports an AbortError; the step's own error says what went wrong.
    throw migrationError ?? error;
  }
}
