import { describe, expect, it } from 'vitest';
import type { Abonnement } from '../../../utils/gar/abonnement';
import { matchesSearch, type SeenEntry, schoolSummaries } from '../../../utils/gar/school-summary';
import { sampleAbonnement } from '../abonnement-fixture';

const now = new Date('2026-11-28T10:00:00.000+01:00');
const thresholds = { soonDays: 30, laterDays: 90 };

function entry(id: string, overrides: Partial<Abonnement> = {}, extra: Partial<SeenEntry> = {}): SeenEntry {
  return {
    uai: '0561622J',
    abonnement: sampleAbonnement({ idAbonnement: id, ...overrides }),
    counts: { GLOBAL: { achetees: 10, affectees: 4, verrouillees: 0, disponibles: 6 } },
    lastSeenAt: '2026-11-25T08:00:00.000Z',
    ...extra,
  };
}

describe('schoolSummaries', () => {
  it('is empty when nothing was seen yet', () => {
    expect(schoolSummaries([], now, thresholds)).toEqual([]);
  });

  it('groups by school, soonest end first, with the latest time seen', () => {
    const summaries = schoolSummaries(
      [
        entry('A'),
        entry(
          'B',
          { finValidite: '2026-12-03T23:59:59.000+01:00' },
          { lastSeenAt: '2026-11-27T08:00:00.000Z' },
        ),
        entry('C', {}, { uai: '0290009C' }),
      ],
      now,
      thresholds,
    );
    expect(summaries.map((s) => s.uai)).toEqual(['0290009C', '0561622J']);
    const school = summaries[1];
    expect(school?.lines.map((line) => line.entry.abonnement.idAbonnement)).toEqual(['B', 'A']);
    expect(school?.lastSeenAt.toISOString()).toBe('2026-11-27T08:00:00.000Z');
  });

  it('counts free licences on running individual subscriptions only', () => {
    const [school] = schoolSummaries(
      [
        entry('running'),
        entry('expired', {
          debutValidite: '2025-09-01T00:00:00.000+02:00',
          finValidite: '2026-11-01T23:59:59.000+01:00',
        }),
        entry('etabl', { typeAffectation: 'ETABL', licences: { kind: 'global', count: 1 } }),
        entry('gone', {}, { goneSince: '2026-11-26T08:00:00.000Z' }),
      ],
      now,
      thresholds,
    );
    expect(school?.free).toEqual({ GLOBAL: 6 });
  });

  it('gives each subscription the expiry of its own three dates, however many share some of them', () => {
    const end = '2026-12-10T23:59:59.000+01:00';
    const [school] = schoolSummaries(
      [
        entry('running', { finValidite: end }),
        entry('same-dates', { finValidite: end }),
        entry('later-start', { debutValidite: '2026-12-01T00:00:00.000+01:00', finValidite: end }),
        entry('year-only', { finValidite: undefined, anneeFinValidite: '2026-2027' }),
        entry('year-and-end', { finValidite: end, anneeFinValidite: '2026-2027' }),
      ],
      now,
      thresholds,
    );
    const tones = Object.fromEntries(
      (school?.lines ?? []).map((line) => [line.entry.abonnement.idAbonnement, line.expiry.tone]),
    );
    expect(tones).toEqual({
      running: 'urgent',
      'same-dates': 'urgent',
      'later-start': 'pasEncoreActif',
      'year-only': 'lointain',
      'year-and-end': 'urgent',
    });
    const mismatch = school?.lines.find((line) => line.entry.abonnement.idAbonnement === 'year-and-end');
    expect(mismatch?.expiry.end?.mismatch).toBe(true);
  });

  it('leaves deleted subscriptions out', () => {
    expect(schoolSummaries([entry('_X', { supprime: true })], now, thresholds)).toEqual([]);
  });
});

describe('matchesSearch', () => {
  it('ignores case and accents', () => {
    expect(matchesSearch({ libelleRessource: 'Éducation musicale 5e' }, 'education MUS')).toBe(true);
    expect(matchesSearch({ libelleRessource: 'Maths 6e' }, 'presse')).toBe(false);
  });
});
