import { describe, expect, it } from 'vitest';
import {
  formatCalendarDay,
  formatCalendarDayLong,
  formatCalendarMonth,
  formatCalendarPeriod,
  formatMonthRange,
  formatParisDate,
  formatParisDateTime,
  formatParisDateTimeSeconds,
  parisIsoDay,
} from '../../../utils/gar/paris-time';

describe('the one formatter of dates and times', () => {
  it('shows an instant in Paris time, winter and summer', () => {
    expect(formatParisDateTime('2026-01-15T08:05:00Z')).toBe('15/01/2026 09:05');
    expect(formatParisDateTime('2026-07-15T08:05:00Z')).toBe('15/07/2026 10:05');
    expect(formatParisDateTimeSeconds(new Date('2026-07-15T08:05:07Z'))).toBe('15/07/2026 10:05:07');
  });

  it('gives the Paris day of an instant late in the UTC evening', () => {
    expect(formatParisDate('2026-08-31T22:30:00Z')).toBe('01/09/2026');
    expect(parisIsoDay('2026-08-31T22:30:00Z')).toBe('2026-09-01');
  });

  it('writes calendar days and months as they are, in French', () => {
    expect(formatCalendarDay('2026-09-03')).toBe('03/09/2026');
    expect(formatCalendarDayLong('2026-09-03')).toBe('3 septembre 2026');
    expect(formatCalendarMonth('2025-11')).toBe('nov. 2025');
    expect(['2025-09', '2025-12', '2026-01', '2026-02'].map(formatCalendarMonth)).toEqual([
      'sept. 2025',
      'déc. 2025',
      'janv. 2026',
      'févr. 2026',
    ]);
    expect(formatCalendarPeriod('2026-09-03', '2026-11-27')).toBe('03/09/2026 → 27/11/2026');
    expect(formatCalendarPeriod('2026-09-03', null)).toBe('à partir du 03/09/2026');
    expect(formatMonthRange('2025-11', '2026-12')).toBe('nov. 2025 – déc. 2026');
    expect(formatMonthRange('2025-11', '2025-11')).toBe('nov. 2025');
  });

  it('returns what it cannot read as it was written', () => {
    expect(formatCalendarDay('bientôt')).toBe('bientôt');
    expect(formatCalendarMonth('13/2025')).toBe('13/2025');
  });
});
