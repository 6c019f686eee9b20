import type { Abonnement } from './abonnement';

/**
 * Validity of a subscription: when it really ends, how many days are left, and its status. Days
 * are counted in calendar days in Europe/Paris — what an RA in France reads on a calendar —
 * whatever the offset the date was written with, and across summer-time changes.
 */

const PARIS = 'Europe/Paris';
const MS_PER_DAY = 86_400_000;

const parisParts = new Intl.DateTimeFormat('en-US', {
  timeZone: PARIS,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * Intl's formatToParts is the slow step when hundreds of badges are computed: remember recent
 * answers (a pure function of the instant, so the cache cannot go stale).
 */
const wallTimes = new Map<number, WallTime>();
const WALL_TIME_CACHE_SIZE = 4096;

function wallTimeInParis(date: Date): WallTime {
  const time = date.getTime();
  const cached = wallTimes.get(time);
  if (cached) return cached;
  const wall = computeWallTime(date);
  if (wallTimes.size >= WALL_TIME_CACHE_SIZE) wallTimes.clear();
  wallTimes.set(time, wall);
  return wall;
}

function computeWallTime(date: Date): WallTime {
  const parts = Object.fromEntries(
    parisParts.formatToParts(date).map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Minutes Paris is ahead of UTC at that instant (60 in winter, 120 in summer). */
function parisOffsetMinutes(date: Date): number {
  const wall = wallTimeInParis(date);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return (wallAsUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000;
}

/** The instant at which Paris clocks show this wall time. */
export function parisInstant(year: number, month: number, day: number, hour = 0, minute = 0, ms = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute) + ms;
  const first = guess - parisOffsetMinutes(new Date(guess)) * 60_000;
  // Re-read the offset at the corrected instant: the guess may sit on the other side of a change.
  return new Date(guess - parisOffsetMinutes(new Date(first)) * 60_000);
}

/** The calendar day of an instant in Paris, as a day number (days since 1970-01-01). */
export function parisDayNumber(date: Date): number {
  const wall = wallTimeInParis(date);
  return Date.UTC(wall.year, wall.month - 1, wall.day) / MS_PER_DAY;
}

/**
 * The end of a school year such as `2025-2026`: 31 August 2026, 23:59:59.999 in Paris. French
 * school years run to 31 August, and subscriptions sold "for a school year" cover the summer.
 */
export function endOfSchoolYear(schoolYear: string): Date {
  const endYear = Number(schoolYear.slice(5, 9));
  return parisInstant(endYear, 8, 31, 23, 59, 59_999);
}

export type EndSource = 'finValidite' | 'anneeFinValidite';

export interface EffectiveEnd {
  date: Date;
  source: EndSource;
  /** Both fields present and naming different days: finValidite is used, the RA should know. */
  mismatch: boolean;
}

export function effectiveEndDate(
  abonnement: Pick<Abonnement, 'finValidite' | 'anneeFinValidite'>,
): EffectiveEnd | null {
  const { finValidite, anneeFinValidite } = abonnement;
  const yearEnd = anneeFinValidite === undefined ? undefined : endOfSchoolYear(anneeFinValidite);
  if (finValidite !== undefined) {
    const date = new Date(finValidite);
    const mismatch = yearEnd !== undefined && parisDayNumber(yearEnd) !== parisDayNumber(date);
    return { date, source: 'finValidite', mismatch };
  }
  if (yearEnd !== undefined) return { date: yearEnd, source: 'anneeFinValidite', mismatch: false };
  return null;
}

/** Calendar days from today to the end day, in Paris: 0 on the last day, negative once past. */
export function daysLeft(end: Date, now: Date): number {
  return parisDayNumber(end) - parisDayNumber(now);
}

export type ValidityStatus = 'pasEncoreActif' | 'actif' | 'expireBientot' | 'expire';

export interface Validity {
  status: ValidityStatus;
  /** Null when the subscription has no end date at all. */
  daysLeft: number | null;
  end: EffectiveEnd | null;
}

export interface ValidityThresholds {
  /** "Expire bientôt" from this many days before the end (e.g. 30). */
  expiringDays: number;
}

export function validityStatus(
  abonnement: Pick<Abonnement, 'debutValidite' | 'finValidite' | 'anneeFinValidite'>,
  now: Date,
  { expiringDays }: ValidityThresholds,
): Validity {
  const end = effectiveEndDate(abonnement);
  const left = end ? daysLeft(end.date, now) : null;
  if (now.getTime() < Date.parse(abonnement.debutValidite))
    return { status: 'pasEncoreActif', daysLeft: left, end };
  if (end && now.getTime() > end.date.getTime()) return { status: 'expire', daysLeft: left, end };
  if (left !== null && left <= expiringDays) return { status: 'expireBientot', daysLeft: left, end };
  return { status: 'actif', daysLeft: left, end };
}
