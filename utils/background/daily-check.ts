import { alertMessage, endingSoonCount, pendingAlerts } from '../gar/alerts';
import { expiryThresholdsOf } from '../gar/expiry';
import { t } from '../i18n';
import type { GarDb } from '../store/db';
import { getSettings, listSeen, markAlerted } from '../store/repositories';

/** What the check needs from the browser: the toolbar badge and notifications (fakes in tests). */
export interface AlertPorts {
  setBadge(text: string): Promise<void>;
  notify(id: string, title: string, message: string): Promise<void>;
}

export interface CheckResult {
  endingSoon: number;
  notified: string[];
}

/**
 * Re-evaluates the remembered end dates: the toolbar badge counts what ends within the first
 * threshold; each new threshold crossing is notified once (unless the RA turned notifications off).
 */
export async function runDailyCheck(db: GarDb, ports: AlertPorts, now: Date): Promise<CheckResult> {
  const [seen, settings] = await Promise.all([listSeen(db), getSettings(db)]);
  const thresholds = expiryThresholdsOf(settings);
  const endingSoon = endingSoonCount(seen, now, thresholds);
  await ports.setBadge(endingSoon > 0 ? String(endingSoon) : '');
  const notified: string[] = [];
  if (!settings.notifications) return { endingSoon, notified };
  for (const alert of pendingAlerts(seen, now, thresholds)) {
    const { uai, abonnement } = alert.entry;
    const id = `fin-${uai}-${abonnement.idAbonnement}-${alert.level}`;
    await ports.notify(id, t('dailyCheckNotificationTitle'), alertMessage(alert));
    await markAlerted(db, uai, abonnement.idAbonnement, alert.levelsToMark);
    notified.push(id);
  }
  return { endingSoon, notified };
}
