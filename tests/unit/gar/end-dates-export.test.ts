import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Abonnement } from '../../../utils/gar/abonnement';
import { endDatesCsv, endDatesIcs } from '../../../utils/gar/end-dates-export';
import { type SeenEntry, schoolSummaries } from '../../../utils/gar/school-summary';
import { sampleAbonnement } from '../abonnement-fixture';
import { speak } from '../speak';

const now = new Date('2026-11-28T10:00:00.000+01:00');
const thresholds = { soonDays: 30, laterDays: 90 };

function entry(id: string, title: string, fields: Partial<Abonnement>): SeenEntry {
  return {
    uai: '0561622J',
    abonnement: sampleAbonnement({
      idAbonnement: id,
      libelleRessource: title,
      anneeFinValidite: undefined,
      ...fields,
    }),
    counts: {},
    lastSeenAt: '2026-11-28T08:00:00.000Z',
  };
}

/** Built inside each test: the words come from the catalogue the test speaks. */
const summaries = () =>
  schoolSummaries(
    [
      entry('ABO-1', 'Maths 6e; édition « Hirondelle », tome 1', {
        finValidite: '2026-12-03T23:59:59.000+01:00',
      }),
      entry('ABO-2', 'Dictionnaire', { anneeFinValidite: '2026-2027' }),
    ],
    now,
    thresholds,
  );

describe('endDatesIcs', () => {
  it('writes one all-day event per end date on the Paris day, with reminders at the thresholds', () => {
    const ics = endDatesIcs(summaries(), thresholds, now);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain('DTSTART;VALUE=DATE:20261203\r\nDTEND;VALUE=DATE:20261204');
    expect(ics).toContain('DTSTART;VALUE=DATE:20270831');
    expect(ics.match(/TRIGGER:-P30D/g)).toHaveLength(2);
    expect(ics.match(/TRIGGER:-P90D/g)).toHaveLength(2);
  });

  it('escapes text and folds long lines as RFC 5545 requires', () => {
    const ics = endDatesIcs(summaries(), thresholds, now);
    expect(ics).toContain('SUMMARY:Fin d’abonnement : Maths 6e\\; édition « Hirondelle »\\, tome 1');
    for (const line of ics.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it('speaks English with an English catalogue', () => {
    speak('en');
    // Unfolded: a long line continues on the next one after a space.
    const ics = endDatesIcs(summaries(), thresholds, now).replaceAll('\r\n ', '');
    expect(ics).toContain('SUMMARY:End of subscription: Maths 6e\\; édition « Hirondelle »\\, tome 1');
    expect(ics).toContain(
      'DESCRIPTION:End of subscription: Maths 6e\\; édition « Hirondelle »\\, tome 1 in 30 days',
    );
  });
});

describe('endDatesCsv', () => {
  it('opens in French Excel: BOM, semicolons, quoted fields where needed', () => {
    const csv = endDatesCsv(summaries());
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { delimiter: ';' });
    expect(parsed.data[0]).toEqual([
      'Établissement',
      'Ressource',
      'Identifiant ressource',
      'Abonnement',
      'Date de fin',
      'Source de la date',
      'Jours restants',
      'État',
      'Encore dans la console',
    ]);
    expect(parsed.data[1]).toEqual([
      '0561622J',
      'Maths 6e; édition « Hirondelle », tome 1',
      'ark:/1/ABO-1',
      'ABO-1',
      '03/12/2026',
      'finValidite',
      '5',
      'expire dans 5 j',
      'oui',
    ]);
    expect(parsed.data[2]?.[5]).toBe('anneeFinValidite');
  });

  it('writes English headers and words with an English catalogue', () => {
    speak('en');
    const parsed = Papa.parse<string[]>(endDatesCsv(summaries()).slice(1).trim(), { delimiter: ';' });
    expect(parsed.data[0]).toEqual([
      'School',
      'Resource',
      'Resource id',
      'Subscription',
      'End date',
      'Date source',
      'Days left',
      'Status',
      'Still in the console',
    ]);
    expect(parsed.data[1]?.slice(7)).toEqual(['expires in 5 days', 'yes']);
  });
});
