import { afterEach, describe, expect, it } from 'vitest';
import { upsertSeen } from '../../../utils/store/repositories';
import {
  knownSchools,
  listUsageMonths,
  mergeUsage,
  purgeUsage,
  usageStorage,
} from '../../../utils/store/usage-history';
import { abonnement, closeAll, counts, freshDb, issueCollector, UAI_A, UAI_B, usageFact } from './fixtures';

afterEach(closeAll);

describe('usage history', () => {
  const now = new Date('2025-10-02T08:00:00.000Z');

  it('keeps one record per school and month, merged: a month captured twice is not counted twice', async () => {
    const db = await freshDb('usage');
    const september = [usageFact(), usageFact({ profil: 'ENSEIGNANT', acces: 40, utilisateurs: 9 })];
    const october = [usageFact({ mois: '2025-10', acces: 300, utilisateurs: 80 })];

    expect(await mergeUsage(db, UAI_A, [...september, ...october], now)).toEqual({
      ajoutees: 3,
      modifiees: 0,
      inchangees: 0,
      mois: 2,
    });
    expect(await mergeUsage(db, UAI_A, september, now)).toEqual({
      ajoutees: 0,
      modifiees: 0,
      inchangees: 2,
      mois: 1,
    });
    await mergeUsage(db, UAI_B, october, now);

    const months = await listUsageMonths(db, UAI_A);
    expect(months.map((m) => m.id)).toEqual([`${UAI_A}:2025-09`, `${UAI_A}:2025-10`]);
    expect(months[0]?.lignes.reduce((total, fact) => total + (fact.acces ?? 0), 0)).toBe(1560);
    expect((await listUsageMonths(db)).map((m) => m.uai)).toEqual([UAI_A, UAI_B, UAI_A]);
    await upsertSeen(db, '0290009C', [], now);
    await upsertSeen(db, '0290009C', [{ abonnement: abonnement(), counts: counts() }], now);
    expect(await knownSchools(db)).toEqual(['0290009C', UAI_A, UAI_B].sort());
  });

  it('records a later, higher reading of a month and the sources it came from', async () => {
    const db = await freshDb('usage-later');
    await mergeUsage(db, UAI_A, [usageFact({ acces: 100 })], now);
    const counts = await mergeUsage(db, UAI_A, [usageFact({ acces: 120, sources: ['import'] })], now);
    expect(counts).toMatchObject({ modifiees: 1, mois: 1 });
    const [september] = await listUsageMonths(db, UAI_A);
    expect(september?.lignes).toEqual([usageFact({ acces: 120, sources: ['portail', 'import'] })]);
  });

  it('refuses a bad month and drops any name slipped into a line', async () => {
    const db = await freshDb('usage-bad');
    await expect(mergeUsage(db, UAI_A, [usageFact({ mois: '2025-13' })], now)).rejects.toThrow(
      /Mois invalide/,
    );
    await mergeUsage(db, UAI_A, [{ ...usageFact(), nom: 'Dupont', prenom: 'Léa' } as never], now);
    expect((await listUsageMonths(db, UAI_A))[0]?.lignes[0]).not.toHaveProperty('prenom');
  });

  it('seals each month it writes, and validates field by field a month whose content no longer matches', async () => {
    const db = await freshDb('usage-seal');
    await mergeUsage(db, UAI_A, [usageFact(), usageFact({ mois: '2025-10' })], now);
    const [september, october] = await db.getAll('snapshots');
    expect(september?.sceau).toMatch(/^[0-9a-z]+$/);

    // Damaged after its write, seal kept: a negative count, and a name slipped in.
    await db.put('snapshots', { ...september, lignes: [{ ...september?.lignes[0], acces: -5 }] } as never);
    await db.put('snapshots', {
      ...october,
      lignes: [{ ...october?.lignes[0], nom: 'Dupont' }],
    } as never);
    // Written by a version that did not seal: validated, still read.
    const { sceau: _none, ...unsealed } = { ...october, id: `${UAI_B}:2025-10`, uai: UAI_B };
    await db.put('snapshots', unsealed as never);

    const { issues, onIssue } = issueCollector();
    const months = await listUsageMonths(db, undefined, onIssue);
    expect(months.map((month) => month.id)).toEqual([`${UAI_B}:2025-10`, `${UAI_A}:2025-10`]);
    expect(months[1]?.lignes[0]).not.toHaveProperty('nom');
    expect(issues.map((issue) => issue.path)).toEqual(['lignes[0].acces']);
  });

  it('validates only the facts a merge adds or changes, and says which line of the month is wrong', async () => {
    const db = await freshDb('usage-partial');
    const maths = usageFact();
    const french = usageFact({ idRessource: 'ark:/12345/francais-5e', libelle: 'Français 5e', acces: 10 });
    await mergeUsage(db, UAI_A, [maths, french, usageFact({ mois: '2025-10' })], now);
    const before = await db.getAll('snapshots');

    // The stored line sorts first (ark:/12345/francais…), the bad new one lands second.
    const bad = usageFact({ idRessource: 'ark:/12345/histoire-5e', acces: -1 });
    await expect(
      mergeUsage(db, UAI_A, [usageFact({ mois: '2025-10', acces: 2000 }), bad], now),
    ).rejects.toThrow(/lignes\[1\]\.acces/);
    // Refused as a whole: the other month of the same capture was not written either.
    expect(await db.getAll('snapshots')).toEqual(before);

    const { issues, onIssue } = issueCollector();
    const counts = await mergeUsage(db, UAI_A, [{ ...french, acces: 12, nom: 'Dupont' } as never], now);
    expect(counts).toMatchObject({ modifiees: 1, inchangees: 0, mois: 1 });
    const [september] = await listUsageMonths(db, UAI_A, onIssue);
    expect(issues).toEqual([]);
    expect(september?.lignes.map((fact) => fact.acces)).toEqual([12, 1520]);
    expect(september?.lignes[0]).not.toHaveProperty('nom');
  });

  it('does not write again a month a merge leaves as it was, and seals anew a changed one', async () => {
    const db = await freshDb('usage-reseal');
    await mergeUsage(db, UAI_A, [usageFact(), usageFact({ mois: '2025-10' })], now);
    const [first, october] = await db.getAll('snapshots');
    const later = new Date('2025-10-03T08:00:00.000Z');
    expect(
      await mergeUsage(db, UAI_A, [usageFact(), usageFact({ mois: '2025-10', acces: 1600 })], later),
    ).toEqual({ ajoutees: 0, modifiees: 1, inchangees: 1, mois: 2 });
    const [same, changedOctober] = await db.getAll('snapshots');
    // Nothing changed in September: the record is the one written first, time of change included.
    expect(same).toEqual(first);
    expect(changedOctober?.majLe).toBe(later.toISOString());
    expect(changedOctober?.sceau).not.toBe(october?.sceau);

    // A month read without a matching seal is written again (sealed) even when nothing changed.
    const { sceau: _none, ...unsealed } = first as NonNullable<typeof first>;
    await db.put('snapshots', unsealed as never);
    await mergeUsage(db, UAI_A, [usageFact()], later);
    const [resealed] = await db.getAll('snapshots');
    expect(resealed?.sceau).toBe(first?.sceau);
    expect(resealed?.majLe).toBe(later.toISOString());

    await mergeUsage(db, UAI_A, [usageFact({ acces: 1600 })], now);
    const [changed] = await db.getAll('snapshots');
    expect(changed?.sceau).not.toBe(first?.sceau);
    // Damaged under the new seal: caught, so that seal covers the new content.
    await db.put('snapshots', { ...changed, lignes: [{ ...changed?.lignes[0], acces: -5 }] } as never);
    const { issues, onIssue } = issueCollector();
    const monthsOf = async () => (await listUsageMonths(db, UAI_A, onIssue)).map((month) => month.mois);
    expect(await monthsOf()).toEqual(['2025-10']);
    expect(issues.map((issue) => issue.path)).toEqual(['lignes[0].acces']);

    // Facts that are no list at all are no sealed month either.
    await db.put('snapshots', { ...changed, lignes: { 0: changed?.lignes[0] } } as never);
    expect(await monthsOf()).toEqual(['2025-10']);
    expect(issues.map((issue) => issue.path)).toEqual(['lignes[0].acces', 'lignes']);
  });

  it('purges the months before the cutoff, every school, and says what the history weighs', async () => {
    const db = await freshDb('usage-purge');
    await mergeUsage(db, UAI_A, [usageFact({ mois: '2020-09' }), usageFact()], now);
    await mergeUsage(db, UAI_B, [usageFact({ mois: '2020-10' })], now);
    const before = await usageStorage(db);
    expect(before.mois).toBe(3);

    expect(await purgeUsage(db, '2021-01')).toBe(2);
    expect((await listUsageMonths(db)).map((m) => m.mois)).toEqual(['2025-09']);
    const after = await usageStorage(db);
    expect(after.mois).toBe(1);
    expect(after.octets).toBeGreaterThan(0);
    expect(after.octets).toBeLessThan(before.octets);
  });
});
