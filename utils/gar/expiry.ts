import { t, tn } from '../i18n';
import type { Abonnement } from './abonnement';
import { formatParisDate } from './paris-time';
import type { Settings } from './settings';
import { type EffectiveEnd, validityStatus } from './validity';

/**
 * What an RA needs to read about a subscription's end, in a few words: "expire dans 12 j",
 * "expire le 31/08/2027", "expiré depuis 3 j", "pas encore actif". The tone is always doubled by
 * the words (and by an icon where it is shown), never colour alone.
 */

export interface ExpiryThresholds {
  /** Urgent from this many days before the end (setting, 30 by default). */
  soonDays: number;
  /** Worth a look from this many days before the end (setting, 90 by default). */
  laterDays: number;
}

/** The RA's two settings, as the thresholds every end badge, filter, summary and alert reads. */
export function expiryThresholdsOf(
  settings: Pick<Settings, 'expiringSoonDays' | 'expiringLaterDays'>,
): ExpiryThresholds {
  return { soonDays: settings.expiringSoonDays, laterDays: settings.expiringLaterDays };
}

export type ExpiryTone = 'expire' | 'urgent' | 'proche' | 'lointain' | 'pasEncoreActif' | 'sansFin';

export interface Expiry {
  tone: ExpiryTone;
  /** The badge's words. */
  label: string;
  /** The tooltip: exact date and the field it came from. */
  detail: string;
  daysLeft: number | null;
  end: EffectiveEnd | null;
}

/** `date` is `end.date` as the RA reads it (formatParisDate), formatted once per subscription. */
function detailOf(abonnement: Pick<Abonnement, 'anneeFinValidite'>, end: EffectiveEnd, date: string): string {
  // The field the date came from, by its name in GAR's files: what the RA can look up.
  const source =
    end.source === 'finValidite'
      ? 'finValidite'
      : `anneeFinValidite ${abonnement.anneeFinValidite ?? ''}`.trim();
  return end.mismatch
    ? t('expiryDetailMismatch', date, source, abonnement.anneeFinValidite ?? '')
    : t('expiryDetail', date, source);
}

function remaining(days: number): string {
  if (days === 0) return t('expiryToday');
  if (days === 1) return t('expiryTomorrow');
  return t('expiryInDays', String(days));
}

export function expiryOf(
  abonnement: Pick<Abonnement, 'debutValidite' | 'finValidite' | 'anneeFinValidite'>,
  now: Date,
  { soonDays, laterDays }: ExpiryThresholds,
): Expiry {
  const validity = validityStatus(abonnement, now, { expiringDays: soonDays });
  const { end, daysLeft } = validity;
  // Badges and the popup compute hundreds of these: the date is formatted once for both texts.
  const date = end ? formatParisDate(end.date) : '';
  const detail = end ? detailOf(abonnement, end, date) : t('expiryNoEnd');
  const base = { detail, daysLeft, end };
  if (validity.status === 'pasEncoreActif') {
    return { ...base, tone: 'pasEncoreActif', label: t('expiryNotYetActive') };
  }
  if (!end || daysLeft === null) return { ...base, tone: 'sansFin', label: t('expiryUnlimited') };
  if (validity.status === 'expire') {
    const since = -daysLeft;
    return {
      ...base,
      tone: 'expire',
      label: since === 0 ? t('expiryExpiredToday') : tn(since, 'expiryExpiredSince'),
    };
  }
  if (daysLeft <= soonDays) return { ...base, tone: 'urgent', label: remaining(daysLeft) };
  const tone = daysLeft <= laterDays ? 'proche' : 'lointain';
  return { ...base, tone, label: t('expiryOn', date) };
}

/** Soonest end first; subscriptions without an end last. */
export function byEndDate<T extends { expiry: Expiry }>(a: T, b: T): number {
  const endA = a.expiry.end?.date.getTime() ?? Number.POSITIVE_INFINITY;
  const endB = b.expiry.end?.date.getTime() ?? Number.POSITIVE_INFINITY;
  return endA - endB;
}
