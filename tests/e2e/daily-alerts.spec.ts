import type { BrowserContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { launchWithExtension } from './support/browser';
import { logIn } from './support/gar-pages';

/** The few extension APIs these checks call inside the service worker. */
declare const chrome: {
  action: { getBadgeText(details: object): Promise<string> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
  alarms: { create(name: string, info: { when: number }): Promise<void> };
};

// The toolbar badge and the notifications follow what the console showed, without opening the popup.
// A browser of its own: notifications are sent once per crossing, so an earlier spec's console
// visit in the shared browser would already have sent (and let expire) the ones checked here.
test('after a console visit the toolbar badge counts what ends soon and each crossing is notified once', async ({
  simulator,
}) => {
  const context = await launchWithExtension(simulator.port);
  try {
    await checkBadgeAndNotifications(context);
  } finally {
    await context.close();
  }
});

async function checkBadgeAndNotifications(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  // The login lands on the dashboard: the visit the extension learns from.
  await logIn(page);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));

  await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toMatch(/^[1-9]\d*$/);
  const notifications = () => worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
  await expect.poll(notifications).toContain('fin-0561622J-ABO-1-MATHS-6E-1-bientot');
  // The visit's notifications are created one after another: wait until their number holds still.
  let before = -1;
  await expect
    .poll(
      async () => {
        const count = (await notifications()).length;
        const settled = count === before;
        before = count;
        return settled;
      },
      { intervals: [500] },
    )
    .toBe(true);

  // The daily alarm fires (made immediate here): nothing new to announce, the badge stays.
  await worker.evaluate(() => chrome.alarms.create('maintenance-quotidienne', { when: Date.now() + 50 }));
  await page.waitForTimeout(1500);
  expect((await notifications()).length).toBe(before);
  expect(await worker.evaluate(() => chrome.action.getBadgeText({}))).toMatch(/^[1-9]\d*$/);
}
