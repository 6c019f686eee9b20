import { expect, test } from './fixtures';
import { consoleUrl, logIn } from './support/gar-pages';

/** The few extension APIs these checks call inside the service worker. */
declare const chrome: {
  action: { getBadgeText(details: object): Promise<string> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
  alarms: { create(name: string, info: { when: number }): Promise<void> };
};

// The toolbar badge and the notifications follow what the console showed, without opening the popup.
test('after a console visit the toolbar badge counts what ends soon and each crossing is notified once', async ({
  page,
}) => {
  await logIn(page);
  await page.goto(consoleUrl('/tableau-de-bord'));
  const [worker] = page.context().serviceWorkers();
  if (!worker) throw new Error('no service worker');

  await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toMatch(/^[1-9]\d*$/);
  const notifications = () => worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
  await expect.poll(notifications).toContain('fin-0561622J-ABO-1-MATHS-6E-1-bientot');
  const before = (await notifications()).length;

  // The daily alarm fires (made immediate here): nothing new to announce, the badge stays.
  await worker.evaluate(() => chrome.alarms.create('maintenance-quotidienne', { when: Date.now() + 50 }));
  await page.waitForTimeout(1500);
  expect((await notifications()).length).toBe(before);
  expect(await worker.evaluate(() => chrome.action.getBadgeText({}))).toMatch(/^[1-9]\d*$/);
});
