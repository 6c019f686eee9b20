import { afterEach, describe, expect, it } from 'vitest';
import { type AlertPorts, runDailyCheck } from '../../../utils/background/daily-check';
import { type GarDb, openGarDb } from '../../../utils/store/db';
import { listSeen, updateSettings, upsertSeen } from '../../../utils/store/repositories';
import { sampleAbonnement } from '../abonnement-fixture';
import { speak } from '../speak';

let counter = 0;
const opened: GarDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function dbWith(ends: Record<string, string>): Promise<GarDb> {
  const db = await openGarDb(`daily-check-${++counter}`);
  opened.push(db);
  const abonnement = (id: string, finValidite: string) =>
    sampleAbonnement({
      idAbonnement: id,
      debutValidite: '2025-09-01T00:00:00.000+02:00',
      finValidite,
      anneeFinValidite: undefined,
    });
  const seen = Object.entries(ends).map(([id, end]) => ({ abonnement: abonnement(id, end), counts: {} }));
  await upsertSeen(db, '0561622J', seen, new Date('2026-11-28T08:00:00.000Z'));
  return db;
}

function fakePorts(): AlertPorts & { badge: string; notes: string[]; titles: string[] } {
  const ports = {
    badge: 'jamais',
    notes: [] as string[],
    titles: [] as string[],
    setBadge: async (text: string) => {
      ports.badge = text;
    },
    notify: async (_id: string, title: string, message: string) => {
      ports.titles.push(title);
      ports.notes.push(message);
    },
  };
  return ports;
}

const now = new Date('2026-11-28T10:00:00.000+01:00');
const ENDS = {
  SOON: '2026-12-03T23:59:59.000+01:00',
  LATER: '2027-01-27T23:59:59.000+01:00',
  PAST: '2026-11-25T23:59:59.000+01:00',
  FAR: '2027-08-31T23:59:59.000+02:00',
};

describe('the daily check', () => {
  it('badges what ends within the first threshold and announces each crossing once', async () => {
    const db = await dbWith(ENDS);
    const ports = fakePorts();
    const first = await runDailyCheck(db, ports, now);
    expect(ports.badge).toBe('1');
    expect(first.endingSoon).toBe(1);
    expect(ports.notes.sort()).toEqual([
      'Ressource LATER : expire le 27/01/2027 (établissement 0561622J)',
      'Ressource PAST : expiré depuis 3 j (établissement 0561622J)',
      'Ressource SOON : expire dans 5 j (établissement 0561622J)',
    ]);
    const again = await runDailyCheck(db, ports, new Date('2026-11-29T10:00:00.000+01:00'));
    expect(again.notified).toEqual([]);
  });

  it('titles its notifications in the browser’s language', async () => {
    const french = fakePorts();
    await runDailyCheck(await dbWith({ SOON: ENDS.SOON }), french, now);
    expect(french.titles).toEqual(['Compagnon GAR — fin d’abonnement']);
    speak('en');
    const english = fakePorts();
    await runDailyCheck(await dbWith({ SOON: ENDS.SOON }), english, now);
    expect(english.titles).toEqual(['Compagnon GAR — subscription ending']);
  });

  it('announces the next crossing when a subscription moves into the next band', async () => {
    const db = await dbWith({ LATER: ENDS.LATER });
    const ports = fakePorts();
    await runDailyCheck(db, ports, now);
    const weeksLater = await runDailyCheck(db, ports, new Date('2027-01-10T10:00:00.000+01:00'));
    expect(weeksLater.notified).toEqual(['fin-0561622J-LATER-bientot']);
    const afterEnd = await runDailyCheck(db, ports, new Date('2027-02-01T10:00:00.000+01:00'));
    expect(afterEnd.notified).toEqual(['fin-0561622J-LATER-expire']);
  });

  it('keeps what was announced when the console shows the subscription again', async () => {
    const db = await dbWith({ SOON: ENDS.SOON });
    await runDailyCheck(db, fakePorts(), now);
    const [seen] = await listSeen(db);
    if (!seen) throw new Error('nothing seen');
    await upsertSeen(db, '0561622J', [{ abonnement: seen.abonnement, counts: seen.counts }], now);
    expect((await listSeen(db))[0]?.alertes).toEqual(['plusTard', 'bientot']);
    expect((await runDailyCheck(db, fakePorts(), now)).notified).toEqual([]);
  });

  it('sends no notification when the RA turned them off, but still updates the badge', async () => {
    const db = await dbWith(ENDS);
    await updateSettings(db, { notifications: false });
    const ports = fakePorts();
    const result = await runDailyCheck(db, ports, now);
    expect(result.notified).toEqual([]);
    expect(ports.notes).toEqual([]);
    expect(ports.badge).toBe('1');
  });

  it('clears the badge when nothing ends soon', async () => {
    const db = await dbWith({ FAR: ENDS.FAR });
    const ports = fakePorts();
    await runDailyCheck(db, ports, now);
    expect(ports.badge).toBe('');
  });
});
