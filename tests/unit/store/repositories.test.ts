import { afterEach, describe, expect, it } from 'vitest';
import { JournalClock, latestStamp } from '../../../utils/store/journal-clock';
import {
  addJournalEntry,
  appendJournalStep,
  clearHealth,
  countUnsettledOlderThan,
  deleteOrder,
  deleteOrdersOf,
  deleteTemplate,
  getOrder,
  getSettings,
  getTemplate,
  importOrders,
  listConformity,
  listHealth,
  listJournal,
  listOrders,
  listSeen,
  listTemplates,
  purgeJournalOlderThan,
  putConformity,
  putHealth,
  putOrder,
  putTemplate,
  updateJournalEntry,
  updateSettings,
  upsertSeen,
} from '../../../utils/store/repositories';
import { StoreValidationError } from '../../../utils/store/validation';
import { speak } from '../speak';
import {
  abonnement,
  closeAll,
  counts,
  freshDb,
  health,
  issueCollector,
  journalEntry,
  order,
  template,
  UAI_A,
  UAI_B,
} from './fixtures';

afterEach(closeAll);

describe('seen subscriptions', () => {
  it('records the first sighting, keeps firstSeenAt on later ones and marks missing ones gone', async () => {
    const db = await freshDb('seen');
    const first = new Date('2025-09-01T08:00:00.000Z');
    const second = new Date('2025-09-08T08:00:00.000Z');
    const aboA = abonnement({ idAbonnement: 'ABO-A' });
    const aboB = abonnement({ idAbonnement: 'ABO-B' });

    const initial = await upsertSeen(
      db,
      UAI_A,
      [
        { abonnement: aboA, counts: counts() },
        { abonnement: aboB, counts: counts() },
      ],
      first,
    );
    expect(initial).toEqual({ added: ['ABO-A', 'ABO-B'], kept: [], gone: [] });

    const later = await upsertSeen(db, UAI_A, [{ abonnement: aboA, counts: counts() }], second);
    expect(later).toEqual({ added: [], kept: ['ABO-A'], gone: ['ABO-B'] });

    const records = await listSeen(db, UAI_A);
    const byId = new Map(records.map((record) => [record.idAbonnement, record]));
    expect(byId.get('ABO-A')).toMatchObject({
      firstSeenAt: first.toISOString(),
      lastSeenAt: second.toISOString(),
    });
    expect(byId.get('ABO-A')?.goneSince).toBeUndefined();
    expect(byId.get('ABO-B')).toMatchObject({
      lastSeenAt: first.toISOString(),
      goneSince: second.toISOString(),
    });

    // Still gone a week later: the original date of disappearance is kept.
    const third = await upsertSeen(db, UAI_A, [{ abonnement: aboA, counts: counts() }], new Date());
    expect(third.gone).toEqual([]);
    expect((await listSeen(db, UAI_A)).find((r) => r.idAbonnement === 'ABO-B')?.goneSince).toBe(
      second.toISOString(),
    );

    // Back in the console: counted as added again and no longer gone.
    const back = await upsertSeen(db, UAI_A, [{ abonnement: aboB, counts: counts() }], new Date());
    expect(back.added).toEqual(['ABO-B']);
    const restored = (await listSeen(db, UAI_A)).find((r) => r.idAbonnement === 'ABO-B');
    expect(restored?.goneSince).toBeUndefined();
    expect(restored?.firstSeenAt).toBe(first.toISOString());
  });

  it('keeps two schools with the same idAbonnement apart', async () => {
    const db = await freshDb('two-schools');
    const now = new Date('2025-09-01T08:00:00.000Z');
    const shared = abonnement({ idAbonnement: 'ABO-SAME', uaiEtab: [UAI_A, UAI_B] });
    await upsertSeen(db, UAI_A, [{ abonnement: shared, counts: counts() }], now);
    const otherCounts = { ELEVE: { achetees: 30, affectees: 1, verrouillees: 0, disponibles: 29 } };
    await upsertSeen(db, UAI_B, [{ abonnement: shared, counts: otherCounts }], now);

    expect(await listSeen(db)).toHaveLength(2);
    expect((await listSeen(db, UAI_A))[0]?.counts.ELEVE?.affectees).toBe(98);
    expect((await listSeen(db, UAI_B))[0]?.counts.ELEVE?.affectees).toBe(1);

    // An update for one school never marks the other's subscription gone.
    await upsertSeen(db, UAI_B, [], now);
    expect((await listSeen(db, UAI_A))[0]?.goneSince).toBeUndefined();
    expect((await listSeen(db, UAI_B))[0]?.goneSince).toBe(now.toISOString());
  });

  it('refuses a bad entry and writes nothing of the batch', async () => {
    const db = await freshDb('seen-bad');
    const good = { abonnement: abonnement({ idAbonnement: 'ABO-OK' }), counts: counts() };
    const bad = { abonnement: abonnement({ idAbonnement: 'ABO-KO' }), counts: { ELEVE: { achetees: -1 } } };
    await expect(upsertSeen(db, UAI_A, [good, bad as never], new Date())).rejects.toThrow(
      StoreValidationError,
    );
    await expect(upsertSeen(db, 'pas-un-uai', [good], new Date())).rejects.toThrow(/UAI invalide/);
    expect(await listSeen(db)).toEqual([]);
  });

  it('skips a corrupted record on read and reports it', async () => {
    const db = await freshDb('seen-corrupt');
    await upsertSeen(db, UAI_A, [{ abonnement: abonnement(), counts: counts() }], new Date());
    await db.put('seenSubscriptions', { uai: UAI_A, idAbonnement: 'ABO-BROKEN' } as never);
    const { issues, onIssue } = issueCollector();
    const records = await listSeen(db, UAI_A, onIssue);
    expect(records.map((record) => record.idAbonnement)).toEqual(['ABO-001']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ storeName: 'seenSubscriptions', key: `${UAI_A}/ABO-BROKEN` });

    // A corrupted record is skipped by upsertSeen too, instead of making it fail.
    const result = await upsertSeen(db, UAI_A, [], new Date(), onIssue);
    expect(result.gone).toEqual(['ABO-001']);
  });
});

describe('templates', () => {
  it('round-trips, lists by name and deletes', async () => {
    const db = await freshDb('templates');
    const b = await putTemplate(db, template({ id: 'tpl-b', name: 'Sixièmes' }));
    const a = await putTemplate(db, template({ id: 'tpl-a', name: 'Cinquièmes' }));
    expect(await getTemplate(db, 'tpl-b')).toEqual(b);
    expect((await listTemplates(db)).map((t) => t.id)).toEqual([a.id, b.id]);

    await putTemplate(db, { ...b, name: 'Sixièmes (2025)' });
    expect((await getTemplate(db, 'tpl-b'))?.name).toBe('Sixièmes (2025)');

    await deleteTemplate(db, 'tpl-a');
    expect(await getTemplate(db, 'tpl-a')).toBeUndefined();
    expect(await listTemplates(db)).toHaveLength(1);
  });

  it('a deleted template takes its conformity checks with it, in every school', async () => {
    const db = await freshDb('templates-conformity');
    await putTemplate(db, template({ id: 'tpl-a', name: 'Cinquièmes' }));
    await putTemplate(db, template({ id: 'tpl-b', name: 'Sixièmes' }));
    const check = (uai: string, templateId: string) =>
      putConformity(db, {
        uai,
        templateId,
        templateName: templateId,
        checkedAt: '2025-09-02T08:00:00.000Z',
        lignes: [{ ruleIndex: 0, idAbonnement: 'ABO-5E', libelle: 'Maths 5e', manquants: 3, enTrop: 0 }],
      });
    await check(UAI_A, 'tpl-a');
    await check(UAI_B, 'tpl-a');
    await check(UAI_A, 'tpl-b');

    await deleteTemplate(db, 'tpl-a');
    // The console's badges show these checks: a deleted template's must not stay on screen.
    expect((await listConformity(db)).map((record) => [record.uai, record.templateId])).toEqual([
      [UAI_A, 'tpl-b'],
    ]);
  });

  it('refuses an invalid template with a French message naming the path', async () => {
    const db = await freshDb('templates-bad');
    const bad = template({ name: '' });
    await expect(putTemplate(db, bad)).rejects.toThrow(
      /^Enregistrement refusé \(modèle d'affectation\) : name/,
    );
    const badTarget = template({
      rules: [{ resource: { title: 'X' }, targets: [{ kind: 'classe' } as never] }],
    });
    await expect(putTemplate(db, badTarget)).rejects.toThrow(/rules\[0\]\.targets\[0\]/);
    expect(await listTemplates(db)).toEqual([]);
  });

  it('words a refused save in English in an English browser', async () => {
    speak('en');
    const db = await freshDb('templates-bad-en');
    await expect(putTemplate(db, template({ name: '' }))).rejects.toThrow(
      /^Save refused \(assignment template\): name — /,
    );
  });

  it('reads a version-1 template as version 2: a level becomes its divisions', async () => {
    const db = await freshDb('templates-v1');
    const v1 = {
      ...template(),
      version: 1,
      rules: [{ resource: { title: 'Atlas' }, targets: [{ kind: 'mef', code: '10010012110' }] }],
    };
    // Written as an older version of the extension would have (no validation on this path).
    await db.put('templates', v1 as never);
    expect((await getTemplate(db, v1.id))?.rules[0]?.targets).toEqual([
      { kind: 'divisionsDuNiveau', mef: '10010012110' },
    ]);
    expect((await listTemplates(db))[0]?.version).toBe(2);
  });

  it('skips a corrupted template on read', async () => {
    const db = await freshDb('templates-corrupt');
    await putTemplate(db, template());
    await db.put('templates', { ...template({ id: 'tpl-old' }), version: 0 } as never);
    const { issues, onIssue } = issueCollector();
    expect((await listTemplates(db, onIssue)).map((t) => t.id)).toEqual(['tpl-1']);
    expect(await getTemplate(db, 'tpl-old', onIssue)).toBeUndefined();
    expect(issues.map((issue) => [issue.key, issue.path])).toEqual([
      ['tpl-old', 'version'],
      ['tpl-old', 'version'],
    ]);
  });
});

describe('expected orders', () => {
  it('round-trips per school and deletes', async () => {
    const db = await freshDb('orders');
    const first = await putOrder(db, order());
    const second = await putOrder(
      db,
      order({
        id: 'cmd-2',
        createdAt: '2025-07-01T08:00:00.000Z',
        quantity: { kind: 'parProfil', counts: { ELEVE: 100, ENSEIGNANT: 8 } },
        period: { start: '2025-09-01', end: '2026-08-31' },
      }),
    );
    await putOrder(db, order({ id: 'cmd-3', uai: UAI_B }));

    expect(await getOrder(db, 'cmd-2')).toEqual(second);
    expect(await listOrders(db, UAI_A)).toEqual([first, second]);
    expect((await listOrders(db, UAI_B)).map((o) => o.id)).toEqual(['cmd-3']);

    await deleteOrder(db, 'cmd-1');
    expect((await listOrders(db, UAI_A)).map((o) => o.id)).toEqual(['cmd-2']);
  });

  it('refuses an order whose period ends before it starts, or with a malformed EAN', async () => {
    const db = await freshDb('orders-bad');
    await expect(putOrder(db, order({ period: { start: '2026-01-01', end: '2025-01-01' } }))).rejects.toThrow(
      /period/,
    );
    await expect(putOrder(db, order({ ean: '12AB' }))).rejects.toThrow(/ean — EAN invalide/);
    expect(await listOrders(db, UAI_A)).toEqual([]);
  });

  it('skips a corrupted order on read', async () => {
    const db = await freshDb('orders-corrupt');
    await putOrder(db, order());
    await db.put('orders', { ...order({ id: 'cmd-x' }), quantity: { kind: 'global', count: -5 } } as never);
    const { issues, onIssue } = issueCollector();
    expect((await listOrders(db, UAI_A, onIssue)).map((o) => o.id)).toEqual(['cmd-1']);
    expect(issues[0]?.path).toBe('quantity.count');
  });

  it('imports the same orders twice without storing them twice, and updates what changed', async () => {
    const db = await freshDb('orders-import');
    const lines = [order(), order({ id: 'cmd-2', reference: 'BC-2025-043' })];
    const first = await importOrders(db, UAI_A, lines);
    expect([first.added.length, first.updated.length, first.identical.length]).toEqual([2, 0, 0]);
    // The same export read again: new ids, one quantity corrected.
    const again = [
      order({ id: 'bis-1' }),
      order({ id: 'bis-2', reference: 'BC-2025-043', quantity: { kind: 'global', count: 160 } }),
    ];
    const second = await importOrders(db, UAI_A, again);
    expect([second.added.length, second.updated.length, second.identical.length]).toEqual([0, 1, 1]);
    const stored = await listOrders(db, UAI_A);
    expect(stored.map((o) => [o.id, o.quantity])).toEqual([
      ['cmd-1', { kind: 'global', count: 150 }],
      ['cmd-2', { kind: 'global', count: 160 }],
    ]);
  });

  it('writes nothing of an import when one order is invalid, nor into another school', async () => {
    const db = await freshDb('orders-import-bad');
    const bad = order({ id: 'cmd-2', reference: 'BC-2', ean: '12AB' });
    await expect(importOrders(db, UAI_A, [order(), bad])).rejects.toThrow(/ean — EAN invalide/);
    await expect(importOrders(db, UAI_A, [order({ uai: UAI_B })])).rejects.toThrow(/autre établissement/);
    expect(await listOrders(db, UAI_A)).toEqual([]);
    expect(await listOrders(db, UAI_B)).toEqual([]);
  });

  it('deletes every order of one school and none of another’s', async () => {
    const db = await freshDb('orders-delete-all');
    await putOrder(db, order());
    await putOrder(db, order({ id: 'cmd-2', reference: 'BC-2' }));
    await putOrder(db, order({ id: 'cmd-3', uai: UAI_B }));
    expect(await deleteOrdersOf(db, UAI_A)).toBe(2);
    expect(await listOrders(db, UAI_A)).toEqual([]);
    expect((await listOrders(db, UAI_B)).map((o) => o.id)).toEqual(['cmd-3']);
    expect(await deleteOrdersOf(db, UAI_A)).toBe(0);
  });
});

describe('journal', () => {
  it('adds, appends steps, updates and lists newest first', async () => {
    const db = await freshDb('journal');
    await addJournalEntry(db, journalEntry({ id: 'old', startedAt: '2025-09-01T08:00:00.000Z' }));
    await addJournalEntry(db, journalEntry({ id: 'new', startedAt: '2025-09-03T08:00:00.000Z' }));
    await addJournalEntry(
      db,
      journalEntry({ id: 'other', uai: UAI_B, startedAt: '2025-09-02T08:00:00.000Z' }),
    );

    const step = { at: '2025-09-03T08:00:01.000Z', action: 'affecter', idAbonnement: 'ABO-1', ok: true };
    await appendJournalStep(db, 'new', step);
    await appendJournalStep(db, 'new', { ...step, ok: false, error: 'Session expirée' });
    const done = await updateJournalEntry(db, 'new', (entry) => ({
      ...entry,
      status: 'interrompu',
      endedAt: '2025-09-03T08:01:00.000Z',
    }));
    expect(done.steps).toHaveLength(2);
    expect(done.status).toBe('interrompu');

    expect((await listJournal(db)).map((e) => e.id)).toEqual(['new', 'other', 'old']);
    expect((await listJournal(db, { uai: UAI_A })).map((e) => e.id)).toEqual(['new', 'old']);
    expect((await listJournal(db, { limit: 1 }))[0]).toEqual(done);
  });

  it('refuses invalid entries, steps and updates', async () => {
    const db = await freshDb('journal-bad');
    await expect(addJournalEntry(db, journalEntry({ status: 'fini' as never }))).rejects.toThrow(/status/);
    await addJournalEntry(db, journalEntry());
    await expect(appendJournalStep(db, 'run-1', { at: 'hier', action: 'x', ok: true })).rejects.toThrow(/at/);
    await expect(updateJournalEntry(db, 'run-1', (e) => ({ ...e, summary: 42 as never }))).rejects.toThrow(
      /summary/,
    );
    await expect(updateJournalEntry(db, 'absent', (e) => e)).rejects.toThrow(/introuvable/);
    expect(await listJournal(db)).toEqual([journalEntry()]);
  });

  it('purges entries started before the retention period, corrupted ones included', async () => {
    const db = await freshDb('journal-purge');
    const now = new Date('2026-10-01T00:00:00.000Z');
    await addJournalEntry(
      db,
      journalEntry({ id: 'ancient', startedAt: '2025-01-01T00:00:00.000Z', status: 'termine' }),
    );
    await addJournalEntry(
      db,
      journalEntry({ id: 'recent', startedAt: '2026-09-01T00:00:00.000Z', status: 'termine' }),
    );
    await addJournalEntry(db, journalEntry({ id: 'edge', startedAt: '2026-09-21T00:00:00.000Z' }));
    await db.put('journal', { id: 'broken', startedAt: '2024-05-01T00:00:00.000Z' } as never);

    expect(await purgeJournalOlderThan(db, 10, now)).toBe(3);
    expect((await listJournal(db)).map((e) => e.id)).toEqual(['edge']);
    expect(await db.count('journal')).toBe(1);
    await expect(purgeJournalOlderThan(db, -1, now)).rejects.toThrow(RangeError);
  });

  it('keeps unsettled entries whatever their age, and counts them', async () => {
    const db = await freshDb('journal-purge-unsettled');
    const now = new Date('2026-10-01T00:00:00.000Z');
    const old = '2025-01-01T00:00:00.000Z';
    await addJournalEntry(db, journalEntry({ id: 'done', startedAt: old, status: 'termine' }));
    await addJournalEntry(db, journalEntry({ id: 'running', startedAt: old, status: 'enCours' }));
    await addJournalEntry(db, journalEntry({ id: 'stopped', startedAt: old, status: 'interrompu' }));
    await addJournalEntry(db, journalEntry({ id: 'failed', startedAt: old, status: 'echec' }));
    await addJournalEntry(
      db,
      journalEntry({ id: 'fresh', startedAt: '2026-09-30T00:00:00.000Z', status: 'enCours' }),
    );
    // Unsettled but unreadable: it could not be resumed, so it goes like any damaged entry.
    await db.put('journal', { id: 'broken', startedAt: old, status: 'enCours' } as never);

    expect(await countUnsettledOlderThan(db, 10, now)).toBe(2);
    expect(await purgeJournalOlderThan(db, 10, now)).toBe(3);
    expect((await listJournal(db)).map((e) => e.id).sort()).toEqual(['fresh', 'running', 'stopped']);
    expect(await countUnsettledOlderThan(db, 10, now)).toBe(2);
    expect(await purgeJournalOlderThan(db, 10, now)).toBe(0);
  });

  it('skips a corrupted entry on read', async () => {
    const db = await freshDb('journal-corrupt');
    await addJournalEntry(db, journalEntry());
    await db.put('journal', { ...journalEntry({ id: 'bad' }), steps: 'none' } as never);
    const { issues, onIssue } = issueCollector();
    expect((await listJournal(db, {}, onIssue)).map((e) => e.id)).toEqual(['run-1']);
    expect(issues).toMatchObject([{ storeName: 'journal', key: 'bad', path: 'steps' }]);
    await expect(
      appendJournalStep(db, 'bad', { at: new Date().toISOString(), action: 'x', ok: true }),
    ).rejects.toThrow(/illisible/);
  });
});

describe('settings', () => {
  it('returns the defaults when nothing is stored', async () => {
    const db = await freshDb('settings-default');
    expect(await getSettings(db)).toEqual({
      expiringSoonDays: 30,
      expiringLaterDays: 90,
      notifications: true,
      journalRetentionDays: 400,
      disabledFeatures: [],
      statsAutoCapture: true,
      statsRetentionMonths: 60,
      barFolded: false,
    });
    expect(await db.count('settings')).toBe(0);
  });

  it('merges partial updates without resetting the other fields', async () => {
    const db = await freshDb('settings-update');
    await updateSettings(db, { notifications: false });
    const next = await updateSettings(db, {
      disabledFeatures: ['barre-compagnon'],
      expiringSoonDays: undefined,
    });
    expect(next).toEqual({
      expiringSoonDays: 30,
      expiringLaterDays: 90,
      notifications: false,
      journalRetentionDays: 400,
      disabledFeatures: ['barre-compagnon'],
      statsAutoCapture: true,
      statsRetentionMonths: 60,
      barFolded: false,
    });
    expect(await getSettings(db)).toEqual(next);
  });

  it('refuses an invalid update and keeps the stored settings', async () => {
    const db = await freshDb('settings-bad');
    await updateSettings(db, { expiringSoonDays: 14 });
    await expect(updateSettings(db, { journalRetentionDays: 0 })).rejects.toThrow(/journalRetentionDays/);
    await expect(updateSettings(db, { notifications: 'oui' as never })).rejects.toThrow(StoreValidationError);
    expect((await getSettings(db)).expiringSoonDays).toBe(14);
    expect((await getSettings(db)).journalRetentionDays).toBe(400);
  });

  it('falls back to the defaults when the stored settings are damaged, and reports it', async () => {
    const db = await freshDb('settings-corrupt');
    await db.put('settings', { key: 'settings', value: { expiringSoonDays: 'trente' } } as never);
    const { issues, onIssue } = issueCollector();
    expect((await getSettings(db, onIssue)).expiringSoonDays).toBe(30);
    expect(issues).toMatchObject([{ storeName: 'settings', path: 'expiringSoonDays' }]);
  });
});

describe('feature health', () => {
  it('puts (one per feature), lists and clears', async () => {
    const db = await freshDb('health');
    await putHealth(db, health());
    await putHealth(
      db,
      health({ status: 'echec', error: 'Tableau introuvable', unmatchedSelectors: ['table'] }),
    );
    await putHealth(db, health({ featureId: 'alerte-expiration', status: 'nonApplicable' }));
    const reports = await listHealth(db);
    expect(reports.map((r) => [r.featureId, r.status])).toEqual([
      ['alerte-expiration', 'nonApplicable'],
      ['barre-compagnon', 'echec'],
    ]);
    await clearHealth(db);
    expect(await listHealth(db)).toEqual([]);
  });

  it('refuses a URL carrying a query string or a hash, which may name pupils', async () => {
    const db = await freshDb('health-bad');
    await expect(
      putHealth(db, health({ url: 'https://affectation.gar.education.fr/eleves?nom=Dupont' })),
    ).rejects.toThrow(/url/);
    await expect(
      putHealth(db, health({ url: 'https://affectation.gar.education.fr/eleves#x' })),
    ).rejects.toThrow(/url/);
    expect(await listHealth(db)).toEqual([]);
  });

  it('skips a corrupted report on read', async () => {
    const db = await freshDb('health-corrupt');
    await putHealth(db, health());
    await db.put('health', { featureId: 'vieux', status: 'inconnu' } as never);
    const { issues, onIssue } = issueCollector();
    expect((await listHealth(db, onIssue)).map((r) => r.featureId)).toEqual(['barre-compagnon']);
    expect(issues[0]?.key).toBe('vieux');
  });
});

describe('the journal clock', () => {
  it('learns the latest stamp from stored records, skipping what cannot be read', () => {
    const records = [
      { startedAt: '2026-11-28T09:00:00.000Z', steps: [{ at: '2026-11-28T09:00:02.000Z' }, null, { at: 7 }] },
      { startedAt: 'pas une date', steps: 'abîmé' },
      null,
    ];
    expect(new Date(latestStamp(records)).toISOString()).toBe('2026-11-28T09:00:02.000Z');
    expect(latestStamp([])).toBe(Number.NEGATIVE_INFINITY);
  });

  it("keeps the caller's time when it is later, and goes 1 ms past the latest when it is not", () => {
    const clock = new JournalClock();
    clock.learn('0350042K', Date.parse('2026-11-28T09:00:02.000Z'));
    expect(clock.stamp('0350042K', '2026-11-28T09:00:01.000Z')).toBe('2026-11-28T09:00:02.001Z');
    expect(clock.stamp('0350042K', '2026-11-28T09:00:05.000Z')).toBe('2026-11-28T09:00:05.000Z');
    expect(clock.stamp('0990001A', '2026-11-28T09:00:01.000Z')).toBe('2026-11-28T09:00:01.000Z');
  });
});
