import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers } from '../utils/background-handlers';
import { type AlertPorts, runDailyCheck } from '../utils/daily-check';
import { retentionCutoff } from '../utils/gar/usage-stats';
import { createMessageListener } from '../utils/messaging';
import { openGarDb } from '../utils/store/db';
import { getSettings, purgeJournalOlderThan } from '../utils/store/repositories';
import { purgeUsage } from '../utils/store/usage-history';

const MAINTENANCE_ALARM = 'maintenance-quotidienne';
const DAY_MINUTES = 24 * 60;

export default defineBackground(() => {
  // MV3 workers stop when idle: keep no state but a lazily reopened database, and register every
  // listener synchronously here so a message or an alarm can wake the worker.
  let database: ReturnType<typeof openGarDb> | undefined;
  const db = (): ReturnType<typeof openGarDb> => {
    database ??= openGarDb();
    return database;
  };

  const ports: AlertPorts = {
    setBadge: async (text) => {
      await browser.action.setBadgeBackgroundColor({ color: '#8a4b00' });
      await browser.action.setBadgeText({ text });
    },
    notify: async (id, title, message) => {
      await browser.notifications.create(id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title,
        message,
      });
    },
  };
  const check = async (): Promise<unknown> => runDailyCheck(await db(), ports, new Date());

  const listener = createMessageListener(
    createHandlers({
      db,
      version: browser.runtime.getManifest().version,
      now: () => new Date(),
      // runtime.openOptionsPage cannot take a fragment: a section opens the page in a tab of its own.
      openOptionsPage: async (section) => {
        if (section === undefined) return browser.runtime.openOptionsPage();
        await browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${section}`) });
      },
      afterSubscriptionsSeen: check,
    }),
  );
  browser.runtime.onMessage.addListener((message) => listener(message));

  // Alarms survive a browser restart; creating them again on start-up only resets the period.
  const scheduleDaily = (): void => {
    void browser.alarms.create(MAINTENANCE_ALARM, { periodInMinutes: DAY_MINUTES, delayInMinutes: 1 });
  };
  browser.runtime.onInstalled.addListener(scheduleDaily);
  browser.runtime.onStartup.addListener(scheduleDaily);

  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name !== MAINTENANCE_ALARM) return;
    const store = await db();
    const settings = await getSettings(store);
    const now = new Date();
    await purgeJournalOlderThan(store, settings.journalRetentionDays, now);
    await purgeUsage(store, retentionCutoff(now, settings.statsRetentionMonths));
    await check();
  });
});
