import { afterAll, describe, expect, it } from 'vitest';

// A computer set to New York, before anything formats a date: what the RA reads must not move.
const machineZone = process.env.TZ;
process.env.TZ = 'America/New_York';
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});
const {
  formatCalendarDay,
  formatCalendarDayLong,
  formatCalendarMonth,
  formatCalendarPeriod,
  formatMonthRange,
  formatParisDate,
  formatParisDateTime,
  formatParisDateTimeSeconds,
  formatParisLongDateTime,
  parisIsoDay,
} = await import('../../../utils/gar/paris-time');
const { journalCsvFileName } = await import('../../../utils/gar/journal-view');

/** 22:30 UTC on 31 August: 18:30 on the 31st in New York, already 00:30 on 1 September in Paris. */
const LATE_AUGUST = new Date('2026-08-31T22:30:00.000Z');

describe('the one formatter on a computer outside Paris', () => {
  it('runs in a zone where the local day and hour are not Paris’s', () => {
    expect([LATE_AUGUST.getDate(), LATE_AUGUST.getHours()]).toEqual([31, 18]);
  });

  it('shows instants in Paris time', () => {
    expect(formatParisDateTime(LATE_AUGUST)).toBe('01/09/2026 00:30');
    expect(formatParisDate(LATE_AUGUST)).toBe('01/09/2026');
    expect(formatParisDateTimeSeconds(LATE_AUGUST)).toBe('01/09/2026 00:30:00');
    expect(formatParisLongDateTime(LATE_AUGUST)).toBe('1 septembre 2026 à 00:30');
    expect(parisIsoDay(LATE_AUGUST)).toBe('2026-09-01');
    expect(journalCsvFileName(LATE_AUGUST)).toBe('journal-compagnon-gar-2026-09-01.csv');
  });

  it('writes calendar days and months as they are, never shifted to their neighbour', () => {
    expect(formatCalendarDay('2026-09-01')).toBe('01/09/2026');
    expect(formatCalendarDayLong('2026-09-01')).toBe('1 septembre 2026');
    expect(formatCalendarPeriod('2026-09-01', '2027-08-31')).toBe('01/09/2026 → 31/08/2027');
    expect(formatCalendarMonth('2025-09')).toBe('sept. 2025');
    expect(formatMonthRange('2025-11', '2026-12')).toBe('nov. 2025 – déc. 2026');
  });
});
