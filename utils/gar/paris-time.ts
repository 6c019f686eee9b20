import { cachedFormat, t } from '../i18n';

/**
 * The one formatter of dates and times the RA reads. GAR is French: an instant (a capture, a
 * journal step, an end of validity) is shown in Paris time whatever the computer's time zone, and a
 * calendar day or month (an order's period, a statistics month) is shown as that very day or month,
 * never shifted to its neighbour by a time zone. Pure: the instant is always a parameter.
 */

const PARIS = 'Europe/Paris';

type Instant = Date | string | number;

const toDate = (value: Instant): Date => (value instanceof Date ? value : new Date(value));

const formats = new WeakMap<Intl.DateTimeFormatOptions, Map<string, Intl.DateTimeFormat>>();

/** The formatter of these options in the RA's language (« 2 décembre 2026 », « 2 December 2026 »). */
function dateTimeFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cachedFormat(formats, options, (locale, o) => new Intl.DateTimeFormat(locale, o));
}

const DATE: Intl.DateTimeFormatOptions = { timeZone: PARIS, dateStyle: 'short' };
const DATE_TIME: Intl.DateTimeFormatOptions = {
  timeZone: PARIS,
  dateStyle: 'short',
  timeStyle: 'short',
};
const DATE_TIME_SECONDS: Intl.DateTimeFormatOptions = {
  timeZone: PARIS,
  dateStyle: 'short',
  timeStyle: 'medium',
};
const LONG_DATE_TIME: Intl.DateTimeFormatOptions = {
  timeZone: PARIS,
  dateStyle: 'long',
  timeStyle: 'short',
};
const isoDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
// Calendar days and months carry no time: formatted in UTC from their own numbers.
const CALENDAR_DAY: Intl.DateTimeFormatOptions = { timeZone: 'UTC', dateStyle: 'short' };
const CALENDAR_DAY_LONG: Intl.DateTimeFormatOptions = {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
};
const CALENDAR_MONTH: Intl.DateTimeFormatOptions = {
  timeZone: 'UTC',
  month: 'short',
  year: 'numeric',
};

/** « 31/08/2027 »: the Paris calendar day of an instant. */
export function formatParisDate(value: Instant): string {
  return dateTimeFormat(DATE).format(toDate(value));
}

/** « 29/11/2026 09:12 »: when something was captured, checked or started. */
export function formatParisDateTime(value: Instant): string {
  return dateTimeFormat(DATE_TIME).format(toDate(value));
}

/** « 29/11/2026 09:12:05 »: the steps of one operation are often seconds apart. */
export function formatParisDateTimeSeconds(value: Instant): string {
  return dateTimeFormat(DATE_TIME_SECONDS).format(toDate(value));
}

/** « 29 novembre 2026 à 09:12 »: a backup's date, in a sentence. */
export function formatParisLongDateTime(value: Instant): string {
  return dateTimeFormat(LONG_DATE_TIME).format(toDate(value));
}

/** « 2026-11-29 »: the Paris day of an instant, for file names and day comparisons. */
export function parisIsoDay(value: Instant): string {
  return isoDayFormat.format(toDate(value));
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

function utcOf(year: string, month: string, day = '1'): number {
  return Date.UTC(Number(year), Number(month) - 1, Number(day));
}

/** « 03/09/2026 » for the calendar day « 2026-09-03 »; anything else is returned as written. */
export function formatCalendarDay(isoDay: string): string {
  const match = ISO_DAY.exec(isoDay);
  return match
    ? dateTimeFormat(CALENDAR_DAY).format(utcOf(match[1] ?? '', match[2] ?? '', match[3]))
    : isoDay;
}

/** « 3 septembre 2026 » for « 2026-09-03 », in a sentence. */
export function formatCalendarDayLong(isoDay: string): string {
  const match = ISO_DAY.exec(isoDay);
  return match
    ? dateTimeFormat(CALENDAR_DAY_LONG).format(utcOf(match[1] ?? '', match[2] ?? '', match[3]))
    : isoDay;
}

/** « nov. 2025 » for the month « 2025-11 »; anything else is returned as written. */
export function formatCalendarMonth(isoMonth: string): string {
  const match = ISO_MONTH.exec(isoMonth);
  return match ? dateTimeFormat(CALENDAR_MONTH).format(utcOf(match[1] ?? '', match[2] ?? '')) : isoMonth;
}

/** « 03/09/2026 → 27/11/2026 », « à partir du 03/09/2026 » when there is no end. */
export function formatCalendarPeriod(start: string, end: string | null | undefined): string {
  return end
    ? `${formatCalendarDay(start)} → ${formatCalendarDay(end)}`
    : t('parisTimeFrom', formatCalendarDay(start));
}

/** « nov. 2025 – déc. 2026 », or one month alone. */
export function formatMonthRange(depuis: string, jusqua: string): string {
  return depuis === jusqua
    ? formatCalendarMonth(depuis)
    : `${formatCalendarMonth(depuis)} – ${formatCalendarMonth(jusqua)}`;
}
