import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers } from '../utils/background-handlers';
import { createMessageListener } from '../utils/messaging';
import { openGarDb } from '../utils/store/db';
import { getSettings, purgeJournalOlderThan } from '../utils/store/repositories';

const MAINTENANCE_ALARM = 'maintenance-quotidienne';

export default defineBackground(() => {
  // MV3 workers stop when idle: keep no state but a lazily reopened database, and register every
  // listener synchronously here so a message or an alarm can wake the worker.
  let database: ReturnType<typeof openGarDb> | undefined;
  const db = (): ReturnType<typeof openGarDb> => {
    database ??= openGarDb();
    return database;
  };

  const listener = createMessageListener(
    createHandlers({
      db,
      version: browser.runtime.getManifest().version,
      now: () => new Date(),
      openOptionsPage: () => browser.runtime.openOptionsPage(),
    }),
  );
  browser.runtime.onMessage.addListener((message) => listener(message));

  browser.runtime.onInstalled.addListener(() => {
    void browser.alarms.create(MAINTENANCE_ALARM, { periodInMinutes: 24 * 60 });
  });

  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name !== MAINTENANCE_ALARM) return;
    const store = await db();
    const settings = await getSettings(store);
    await purgeJournalOlderThan(store, settings.journalRetentionDays, new Date());
  });
});
