import { type BrowserContext, test as base, type Page } from '@playwright/test';
import { type RunningSimulator, startSimulator } from '../sim/server/index';
import { extensionIdOf, launchWithExtension } from './support/browser';
import { writeTemporarySeed } from './support/seeds';

interface WorkerFixtures {
  /** The simulator's second skin (tests/sim/README.md): a spec asks for it with `test.use({ variante: true })`. */
  variante: boolean;
  /** The folder the simulator reads its seed from (and reads again on reset). */
  seedDir: string;
  /** The GAR simulator on the multi seed: one RA, two collèges. */
  simulator: RunningSimulator;
  browserWithExtension: BrowserContext;
  extensionId: string;
}

interface TestFixtures {
  /** A fresh tab in the extension's browser, closed after the test. */
  page: Page;
  /** Opens an extension page (`popup.html`, `options.html`) as a tab. */
  openExtensionPage(path: string): Promise<Page>;
}

/** One browser with the built extension per worker: launching Chromium is the slow part. */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  variante: [false, { scope: 'worker', option: true }],
  seedDir: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring.
    async ({}, use) => use(writeTemporarySeed('multi')),
    { scope: 'worker' },
  ],
  simulator: [
    async ({ seedDir, variante }, use) => {
      const simulator = await startSimulator({ seedDir, variante });
      await use(simulator);
      await simulator.close();
    },
    { scope: 'worker' },
  ],
  browserWithExtension: [
    async ({ simulator }, use) => {
      const context = await launchWithExtension(simulator.port);
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
  extensionId: [
    async ({ browserWithExtension }, use) => use(await extensionIdOf(browserWithExtension)),
    { scope: 'worker' },
  ],
  context: async ({ browserWithExtension }, use) => use(browserWithExtension),
  page: async ({ context }, use) => {
    const page = await context.newPage();
    await use(page);
    await page.close();
  },
  openExtensionPage: async ({ context, extensionId }, use) => {
    const opened: Page[] = [];
    await use(async (path) => {
      const page = await context.newPage();
      opened.push(page);
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    });
    for (const page of opened) await page.close();
  },
});

export const expect = test.expect;
