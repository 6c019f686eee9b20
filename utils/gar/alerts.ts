import { t } from '../i18n';
import { type Expiry, type ExpiryThresholds, expiryOf } from './expiry';
import type { SeenEntry } from './school-summary';

/**
 * The daily check: which subscriptions crossed an expiry threshold since they were last announced,
 * and how many end within the first threshold (the toolbar badge). Each level is announced once
 * per subscription: a crossing, not a daily reminder.
 */

export const ALERT_LEVELS = ['plusTard', 'bientot', 'expire'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export interface AlertEntry extends SeenEntry {
  alertes?: AlertLevel[];
}

export interface PendingAlert {
  entry: AlertEntry;
  level: AlertLevel;
  expiry: Expiry;
  /** This level and the ones below it: announcing "expired" makes "ends soon" moot. */
  levelsToMark: AlertLevel[];
}

export function alertLevel(expiry: Expiry): AlertLevel | null {
  if (expiry.tone === 'expire') return 'expire';
  if (expiry.tone === 'urgent') return 'bientot';
  if (expiry.tone === 'proche') return 'plusTard';
  return null;
}

function watched(entry: AlertEntry): boolean {
  return !entry.abonnement.supprime && entry.goneSince === undefined;
}

export function pendingAlerts(
  entries: AlertEntry[],
  now: Date,
  thresholds: ExpiryThresholds,
): PendingAlert[] {
  return entries.filter(watched).flatMap((entry) => {
    const expiry = expiryOf(entry.abonnement, now, thresholds);
    const level = alertLevel(expiry);
    if (!level || entry.alertes?.includes(level)) return [];
    const levelsToMark = ALERT_LEVELS.slice(0, ALERT_LEVELS.indexOf(level) + 1);
    return [{ entry, level, expiry, levelsToMark }];
  });
}

/** How many subscriptions end within the first threshold (not yet ended). */
export function endingSoonCount(entries: AlertEntry[], now: Date, thresholds: ExpiryThresholds): number {
  return entries
    .filter(watched)
    .filter((entry) => expiryOf(entry.abonnement, now, thresholds).tone === 'urgent').length;
}

export function alertMessage({ entry, expiry }: PendingAlert): string {
  return t('alertsMessage', entry.abonnement.libelleRessource, expiry.label, entry.uai);
}
