import { afterEach, describe, expect, it } from 'vitest';
import { listSeen, markAlerted, upsertSeen } from '../../../utils/store/seen-subscriptions';
import { abonnement, closeAll, counts, freshDb, issueCollector, UAI_A, UAI_B } from './fixtures';

afterEach(closeAll);

describe('seen subscriptions: seals', () => {
  const now = new Date('2025-10-02T08:00:00.000Z');

  it('seals what it writes, and reads it back without the seal', async () => {
    const db = await freshDb('seen-seal');
    await upsertSeen(db, UAI_A, [{ abonnement: abonnement(), counts: counts() }], now);
    await markAlerted(db, UAI_A, 'ABO-001', ['bientot']);
    const [stored] = (await db.getAll('seenSubscriptions')) as unknown as Array<{ sceau?: string }>;
    expect(stored?.sceau).toMatch(/^[0-9a-z]+$/);
    const [record] = await listSeen(db, UAI_A);
    expect(record).not.toHaveProperty('sceau');
    expect(record?.alertes).toEqual(['bientot']);
  });

  it('validates field by field a record whose content no longer matches its seal, or has none', async () => {
    const db = await freshDb('seen-seal-damaged');
    const two = [abonnement(), abonnement({ idAbonnement: 'ABO-002' })];
    await upsertSeen(
      db,
      UAI_A,
      two.map((item) => ({ abonnement: item, counts: counts() })),
      now,
    );
    const [first, second] = await db.getAll('seenSubscriptions');
    // Damaged after its write, seal kept: an end date that is no date.
    await db.put('seenSubscriptions', {
      ...first,
      abonnement: { ...first?.abonnement, finValidite: 'bientôt' },
    } as never);
    // Written by a version that did not seal: validated, still read.
    const { sceau: _none, ...unsealed } = second as typeof second & { sceau?: string };
    await db.put('seenSubscriptions', unsealed as never);

    const { issues, onIssue } = issueCollector();
    const records = await listSeen(db, UAI_A, onIssue);
    expect(records.map((record) => record.idAbonnement)).toEqual(['ABO-002']);
    expect(issues).toEqual([expect.objectContaining({ key: `${UAI_A}/ABO-001` })]);
  });

  it('names a damaged record by its key among every school’s, the sealed ones read as they are', async () => {
    const db = await freshDb('seen-seal-damaged-all');
    await upsertSeen(db, UAI_A, [{ abonnement: abonnement(), counts: counts() }], now);
    await upsertSeen(
      db,
      UAI_B,
      [{ abonnement: abonnement({ idAbonnement: 'ABO-009' }), counts: counts() }],
      now,
    );
    const damaged = (await db.getAll('seenSubscriptions')).find((record) => record.uai === UAI_B);
    await db.put('seenSubscriptions', { ...damaged, counts: { ELEVE: 'beaucoup' } } as never);

    const { issues, onIssue } = issueCollector();
    const records = await listSeen(db, undefined, onIssue);
    expect(records.map((record) => `${record.uai}/${record.idAbonnement}`)).toEqual([`${UAI_A}/ABO-001`]);
    expect(records[0]).not.toHaveProperty('sceau');
    expect(issues).toEqual([expect.objectContaining({ key: `${UAI_B}/ABO-009` })]);
  });
});
