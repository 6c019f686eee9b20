import { afterEach, describe, expect, it } from 'vitest';
import { DB_VERSION, migrations, openGarDb, STORE_NAMES } from '../../../utils/store/db';
import { getSettings, listSeen } from '../../../utils/store/repositories';
import { abonnement, closeAll, counts, freshDb, UAI_A, UAI_B, uniqueDbName } from './fixtures';

afterEach(closeAll);

/** Writes a database exactly as version 1 shipped it, with raw IndexedDB (no idb, no migrations). */
function createVersion1Database(name: string, seen: unknown[], settings: unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      const settingsStore = db.createObjectStore('settings', { keyPath: 'key' });
      const seenStore = db.createObjectStore('seenSubscriptions', { keyPath: 'idAbonnement' });
      for (const record of settings) settingsStore.put(record);
      for (const record of seen) seenStore.put(record);
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

describe('openGarDb', () => {
  it('creates every store of the current version with its key paths and indexes', async () => {
    const db = await freshDb('schema');
    expect(DB_VERSION).toBe(4);
    expect(migrations).toHaveLength(DB_VERSION);
    expect(db.version).toBe(4);
    expect([...db.objectStoreNames].sort()).toEqual([...STORE_NAMES].sort());

    const tx = db.transaction(STORE_NAMES);
    const seen = tx.objectStore('seenSubscriptions');
    expect(seen.keyPath).toEqual(['uai', 'idAbonnement']);
    expect([...seen.indexNames]).toEqual(['byUai']);
    expect([...tx.objectStore('journal').indexNames].sort()).toEqual(['byStartedAt', 'byUai']);
    expect([...tx.objectStore('templates').indexNames]).toEqual(['byName']);
    expect([...tx.objectStore('orders').indexNames]).toEqual(['byUai']);
    expect([...tx.objectStore('snapshots').indexNames]).toEqual(['byUai']);
    expect(tx.objectStore('health').keyPath).toBe('featureId');
    await tx.done;
  });

  it('migrates a version-1 database: re-keys seen subscriptions and keeps settings', async () => {
    const name = uniqueDbName('v1');
    const withUai = {
      uai: UAI_A,
      idAbonnement: 'ABO-001',
      abonnement: abonnement(),
      counts: counts(),
      firstSeenAt: '2025-09-01T08:00:00.000Z',
      lastSeenAt: '2025-09-10T08:00:00.000Z',
    };
    // Version 1 records could lack a uai: the migration takes the subscription's first school.
    const withoutUai = {
      idAbonnement: 'ABO-002',
      abonnement: abonnement({ idAbonnement: 'ABO-002', uaiEtab: [UAI_B, UAI_A] }),
      counts: counts(),
      firstSeenAt: '2025-09-01T08:00:00.000Z',
      lastSeenAt: '2025-09-10T08:00:00.000Z',
    };
    const noSchoolAtAll = { idAbonnement: 'ABO-003', counts: {} };
    await createVersion1Database(
      name,
      [withUai, withoutUai, noSchoolAtAll],
      [{ key: 'settings', value: { notifications: false, expiringSoonDays: 15 } }],
    );

    const db = await openGarDb(name);
    try {
      expect(db.version).toBe(4);
      expect(db.transaction('seenSubscriptions').store.keyPath).toEqual(['uai', 'idAbonnement']);
      const all = await listSeen(db);
      const keys = all.map((record) => [record.uai, record.idAbonnement]);
      expect(keys.sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
        [UAI_A, 'ABO-001'],
        [UAI_B, 'ABO-002'],
      ]);
      expect((await listSeen(db, UAI_B))[0]?.counts.ELEVE?.affectees).toBe(98);
      expect(await db.count('seenSubscriptions')).toBe(2);

      const settings = await getSettings(db);
      expect(settings.notifications).toBe(false);
      expect(settings.expiringSoonDays).toBe(15);
      expect(settings.journalRetentionDays).toBe(400);
      expect(await db.count('templates')).toBe(0);
    } finally {
      db.close();
    }
  });

  it('opens an already current database without touching its data', async () => {
    const name = uniqueDbName('reopen');
    const first = await openGarDb(name);
    await first.put('settings', {
      key: 'settings',
      value: {
        expiringSoonDays: 10,
        expiringLaterDays: 60,
        notifications: true,
        journalRetentionDays: 30,
        disabledFeatures: [],
        statsAutoCapture: false,
        statsRetentionMonths: 24,
        barFolded: false,
      },
    });
    first.close();
    const second = await openGarDb(name);
    try {
      expect((await getSettings(second)).expiringSoonDays).toBe(10);
    } finally {
      second.close();
    }
  });
});
