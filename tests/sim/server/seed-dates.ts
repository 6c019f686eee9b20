import { parisDayNumber } from '../../../utils/gar/validity';

/**
 * A seed is written on its `dateReference`; at load every date moves by the same whole number of
 * days so that « expire dans 12 jours » stays true whatever the day the simulator runs.
 */

const MS_PER_DAY = 86_400_000;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(T.*)$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** Whole days from the seed's reference day to today (Paris calendar). */
export function daysSince(dateReference: string, today: Date): number {
  const reference = Date.parse(`${dateReference}T00:00:00Z`) / MS_PER_DAY;
  return parisDayNumber(today) - reference;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `2024-09-01T00:00:00.000+02:00` moved by `days`, time and offset kept as written. */
export function shiftDateTime(value: string, days: number): string {
  const match = DATE_TIME.exec(value);
  if (!match) return value;
  const [, year, month, day, rest] = match;
  const moved = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)) + days * MS_PER_DAY);
  return `${pad(moved.getUTCFullYear(), 4)}-${pad(moved.getUTCMonth() + 1)}-${pad(moved.getUTCDate())}${rest}`;
}

/** `2024-2025` moved by round(days / 365) years. */
export function shiftSchoolYear(value: string, days: number): string {
  const years = Math.round(days / 365);
  const [start, end] = value.split('-').map(Number);
  return `${(start ?? 0) + years}-${(end ?? 0) + years}`;
}

/** `2025-02` moved by round(days / 30.44) months (statistics stay "the last months"). */
export function shiftMonth(value: string, days: number): string {
  const match = MONTH.exec(value);
  if (!match) return value;
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + Math.round(days / 30.44);
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}
