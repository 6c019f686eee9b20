import type { IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BACKUP_FORMAT,
  backupJournal,
  exportStore,
  importStore,
  parseBackup,
} from '../../../utils/store/backup';
import type { GarDbSchema } from '../../../utils/store/db';
import { DB_VERSION } from '../../../utils/store/db';
import {
  addJournalEntry,
  putConformity,
  putHealth,
  putOrder,
  putTemplate,
  updateSettings,
  upsertSeen,
} from '../../../utils/store/repositories';
import { mergeUsage } from '../../../utils/store/usage-history';
import type { ReadIssue } from '../../../utils/store/validation';
import {
  abonnement,
  closeAll,
  counts,
  freshDb,
  health,
  journalEntry,
  order,
  template,
  UAI_A,
  UAI_B,
  usageFact,
} from './fixtures';

afterEach(closeAll);

const EXPORTED_AT = new Date('2025-10-01T12:00:00.000Z');

async function seed(db: IDBPDatabase<GarDbSchema>): Promise<void> {
  await updateSettings(db, { notifications: false, disabledFeatures: ['alerte-expiration'] });
  const shared = abonnement({ idAbonnement: 'ABO-SAME', uaiEtab: [UAI_A, UAI_B] });
  await upsertSeen(
    db,
    UAI_A,
    [{ abonnement: shared, counts: counts() }],
    new Date('2025-09-01T08:00:00.000Z'),
  );
  await upsertSeen(
    db,
    UAI_B,
    [{ abonnement: shared, counts: counts() }],
    new Date('2025-09-01T08:00:00.000Z'),
  );
  await putTemplate(db, template());
  await putTemplate(db, template({ id: 'tpl-2', name: 'Sixièmes' }));
  await putOrder(db, order());
  await mergeUsage(db, UAI_A, [usageFact()], new Date('2025-10-01T07:00:00.000Z'));
  await addJournalEntry(db, journalEntry());
  await putHealth(db, health());
  await putConformity(db, {
    uai: UAI_A,
    templateId: 'tpl-1',
    templateName: 'Rentrée 5e',
    checkedAt: '2025-09-02T08:00:00.000Z',
    lignes: [{ ruleIndex: 0, idAbonnement: 'ABO-5E', libelle: 'Maths 5e', manquants: 3, enTrop: 0 }],
  });
}

describe('exportStore / importStore', () => {
  it('round-trips every store through JSON', async () => {
    const source = await freshDb('backup-source');
    await seed(source);
    const backup = await exportStore(source, EXPORTED_AT);
    expect(backup).toMatchObject({
      format: BACKUP_FORMAT,
      version: 1,
      dbVersion: DB_VERSION,
      exportedAt: EXPORTED_AT.toISOString(),
    });
    expect(backup.stores.seenSubscriptions).toHaveLength(2);
    expect(backup.stores.templates).toHaveLength(2);
    expect(backup.stores.conformity).toHaveLength(1);

    const target = await freshDb('backup-target');
    await putTemplate(target, template({ id: 'to-be-replaced' }));
    const result = await importStore(target, JSON.parse(JSON.stringify(backup)));
    expect(result).toEqual({
      ok: true,
      counts: {
        settings: 1,
        seenSubscriptions: 2,
        templates: 2,
        orders: 1,
        snapshots: 1,
        journal: 1,
        health: 1,
        conformity: 1,
        schools: 0,
      },
    });
    expect(await exportStore(target, EXPORTED_AT)).toEqual(backup);
  });

  it('leaves corrupted records out of an export and reports them', async () => {
    const db = await freshDb('backup-corrupt');
    await putTemplate(db, template());
    await db.put('templates', { id: 'broken', name: 42 } as never);
    const issues: ReadIssue[] = [];
    const backup = await exportStore(db, EXPORTED_AT, (issue) => issues.push(issue));
    expect(backup.stores.templates.map((t) => t.id)).toEqual(['tpl-1']);
    expect(issues.map((issue) => issue.key)).toEqual(['broken']);
    expect(parseBackup(backup).ok).toBe(true);
  });

  it('refuses a bad file with a French message naming the path, and changes nothing', async () => {
    const db = await freshDb('backup-bad');
    await seed(db);
    const before = await exportStore(db, EXPORTED_AT);

    const file = structuredClone(before) as unknown as {
      stores: { templates: Array<{ name: unknown }>; orders: unknown[] };
    };
    file.stores.orders = [];
    file.stores.templates.push({ ...template({ id: 'tpl-3' }), name: '' });
    const result = await importStore(db, file);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^Fichier refusé : stores\.templates\[2\]\.name — /);
    expect(!result.ok && result.message).toMatch(/caractère/);

    expect(await exportStore(db, EXPORTED_AT)).toEqual(before);
  });

  it('names the problem of files that are not backups at all', async () => {
    expect(parseBackup('bonjour')).toEqual({
      ok: false,
      message: expect.stringMatching(/^Fichier refusé : fichier — /),
    });
    expect(parseBackup({ format: 'autre' })).toMatchObject({
      ok: false,
      message: "Fichier refusé : format — Ce n'est pas une sauvegarde de Compagnon GAR",
    });
  });

  it('refuses duplicate keys and backups from a newer database version', async () => {
    const db = await freshDb('backup-dup');
    await seed(db);
    const backup = await exportStore(db, EXPORTED_AT);
    const duplicated = { ...backup, stores: { ...backup.stores, journal: [journalEntry(), journalEntry()] } };
    expect(parseBackup(duplicated)).toEqual({
      ok: false,
      message: 'Fichier refusé : stores.journal[1] — Identifiant en double : run-1',
    });
    expect(parseBackup({ ...backup, dbVersion: DB_VERSION + 1 })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Fichier refusé : dbVersion — .*plus récente/),
    });
  });

  it('rolls back everything when a write fails asynchronously inside the import transaction', async () => {
    const db = await freshDb('backup-rollback-async');
    await seed(db);
    const before = await exportStore(db, EXPORTED_AT);
    const file = { ...before, stores: { ...before.stores, templates: [], orders: [] } };
    // Passes zod, then fails in IndexedDB: the health record is added twice, so the last request of
    // the transaction fails with a ConstraintError after every clear and add has been queued.
    const originalAdd = IDBObjectStore.prototype.add;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      if (this.name === 'health') originalAdd.call(this, value, key);
      return originalAdd.call(this, value, key);
    });
    try {
      const result = await importStore(db, file);
      expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^Import interrompu/) });
    } finally {
      spy.mockRestore();
    }
    expect(await exportStore(db, EXPORTED_AT)).toEqual(before);
  });

  it('rolls back everything when a write throws synchronously', async () => {
    const db = await freshDb('backup-rollback-sync');
    await seed(db);
    const before = await exportStore(db, EXPORTED_AT);
    const file = { ...before, stores: { ...before.stores, templates: [] } };
    const originalAdd = IDBObjectStore.prototype.add;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      if (this.name === 'journal') throw new DOMException('Objet non clonable', 'DataCloneError');
      return originalAdd.call(this, value, key);
    });
    try {
      const result = await importStore(db, file);
      expect(result).toEqual({
        ok: false,
        message: "Import interrompu, aucune donnée n'a été modifiée : Objet non clonable",
      });
    } finally {
      spy.mockRestore();
    }
    expect(await exportStore(db, EXPORTED_AT)).toEqual(before);
  });
});

describe('backups made before version 3', () => {
  it('import without a conformity store: nothing was checked then', async () => {
    const source = await freshDb('backup-v2-source');
    await seed(source);
    const backup = await exportStore(source, EXPORTED_AT);
    const { conformity: _none, ...storesV2 } = backup.stores;
    const parsed = parseBackup({ ...backup, dbVersion: 2, stores: storesV2 });
    expect(parsed.ok && parsed.data.stores.conformity).toEqual([]);
  });
});

describe('the journal in backups (retention, leaving it out)', () => {
  const NOW = new Date('2026-10-01T12:00:00.000Z');
  const OLD = '2025-01-01T00:00:00.000Z';

  async function journalDb(label: string): Promise<IDBPDatabase<GarDbSchema>> {
    const db = await freshDb(label);
    await updateSettings(db, { journalRetentionDays: 30 });
    await addJournalEntry(db, journalEntry({ id: 'old-done', startedAt: OLD, status: 'termine' }));
    await addJournalEntry(db, journalEntry({ id: 'old-stopped', startedAt: OLD, status: 'interrompu' }));
    await addJournalEntry(
      db,
      journalEntry({ id: 'recent', startedAt: '2026-09-20T00:00:00.000Z', status: 'termine' }),
    );
    return db;
  }
  const ids = (entries: readonly { id: string }[] | undefined) => entries?.map((entry) => entry.id).sort();

  it('exports only what the retention keeps, unsettled operations whatever their age', async () => {
    const backup = await exportStore(await journalDb('backup-retention-export'), NOW);
    expect(ids(backup.stores.journal)).toEqual(['old-stopped', 'recent']);
  });

  it('exports without the journal when asked, and such a backup restores, keeping the journal here', async () => {
    const source = await journalDb('backup-no-journal-source');
    await putTemplate(source, template());
    const backup = await exportStore(source, NOW, undefined, { includeJournal: false });
    expect('journal' in backup.stores).toBe(false);
    const file = JSON.parse(JSON.stringify(backup));
    expect(parseBackup(file).ok).toBe(true);

    const target = await freshDb('backup-no-journal-target');
    await addJournalEntry(target, journalEntry({ id: 'here', startedAt: '2026-09-30T00:00:00.000Z' }));
    const result = await importStore(target, file, NOW);
    expect(result.ok && result.counts).toMatchObject({ templates: 1, journal: 0 });
    expect((await exportStore(target, NOW)).stores.templates.map((t) => t.id)).toEqual(['tpl-1']);
    expect(ids((await exportStore(target, NOW)).stores.journal)).toEqual(['here']);
  });

  it('does not restore entries older than the retention, the backup’s own', async () => {
    const source = await journalDb('backup-retention-import-source');
    // Made when these entries were recent: a year later they are past its 30 days.
    const backup = await exportStore(source, new Date('2025-01-02T00:00:00.000Z'));
    expect(ids(backup.stores.journal)).toEqual(['old-done', 'old-stopped', 'recent']);
    expect(backupJournal(backup, NOW)).toEqual({
      included: true,
      restored: 2,
      dropped: 1,
      retentionDays: 30,
    });

    const target = await freshDb('backup-retention-import-target');
    const result = await importStore(target, JSON.parse(JSON.stringify(backup)), NOW);
    expect(result.ok && result.counts.journal).toBe(2);
    expect(ids((await exportStore(target, NOW)).stores.journal)).toEqual(['old-stopped', 'recent']);
  });

  it('says a backup without journal has none', async () => {
    const backup = await exportStore(await journalDb('backup-journal-note'), NOW, undefined, {
      includeJournal: false,
    });
    expect(backupJournal(backup, NOW)).toEqual({
      included: false,
      restored: 0,
      dropped: 0,
      retentionDays: 30,
    });
  });
});
