import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import * as z from 'zod/mini';
import { type AlertPorts, runDailyCheck } from '../utils/background/daily-check';
import { createBackground, type PresenceService } from '../utils/background/handlers';
import { type ExtensionSelf, senderOf } from '../utils/background/message-senders';
import { retentionCutoff } from '../utils/gar/usage-stats';
import type { MessageKey } from '../utils/i18n';
import { createMessageListener, PRESENCE_PORT, type PresenceNotice } from '../utils/messaging';
import { openGarDb } from '../utils/store/db';
import { getSettings, purgeJournalOlderThan } from '../utils/store/repositories';
import { purgeUsage } from '../utils/store/usage-history';

const MAINTENANCE_ALARM = 'maintenance-quotidienne';
const DAY_MINUTES = 24 * 60;

/**
 * The keys of the message catalogue, read from the extension's own files (the French one is the
 * reference: every catalogue has the same keys, tests/unit/i18n.test.ts).
 */
async function catalogueKeys(): Promise<MessageKey[]> {
  const response = await fetch(browser.runtime.getURL('/_locales/fr/messages.json'));
  // The keys of the very catalogue MessageKey is typed from.
  return Object.keys(z.record(z.string(), z.unknown()).parse(await response.json())) as MessageKey[];
}

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

  const background = createBackground({
    db,
    version: browser.runtime.getManifest().version,
    now: () => new Date(),
    // runtime.openOptionsPage cannot take a fragment: a section opens the page in a tab of its own.
    openOptionsPage: async (section) => {
      if (section === undefined) return browser.runtime.openOptionsPage();
      await browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${section}`) });
    },
    afterSubscriptionsSeen: check,
    messageKeys: catalogueKeys,
  });
  const listener = createMessageListener(background.handlers, background.authorize);
  // Who sent a message is what the browser says (MessageSender), never what the message claims.
  const self: ExtensionSelf = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((message, sender) => listener(message, senderOf(sender, self)));
  browser.runtime.onConnect.addListener((port) => acceptPresence(port, self, background.presence));

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

type RuntimePort = Parameters<Parameters<typeof browser.runtime.onConnect.addListener>[0]>[0];

let portCounter = 0;

/**
 * A content script's presence port: it lives as long as its document, so its disconnection is how
 * the background learns that a tab running a job was closed, reloaded or navigated away.
 */
function acceptPresence(port: RuntimePort, self: ExtensionSelf, presence: PresenceService): void {
  if (port.name !== PRESENCE_PORT) return;
  const sender = senderOf(port.sender ?? {}, self);
  // Extension pages hold no job, and other pages have no business here.
  if (sender?.kind !== 'content') {
    port.disconnect();
    return;
  }
  const handle = {
    id: `presence-${++portCounter}`,
    post: (notice: PresenceNotice): void => {
      try {
        port.postMessage(notice);
      } catch {
        // The port closed meanwhile: its onDisconnect cleans up.
      }
    },
  };
  presence.connect(handle, sender);
  port.onMessage.addListener(
    (message: unknown) => void presence.receive(handle, message).catch(() => undefined),
  );
  port.onDisconnect.addListener(() => presence.disconnect(handle.id));
}
