import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type BrowserContext, test as base, type Page } from '@playwright/test';
import { type RunningSimulator, startSimulator } from '../sim/server/index';
import { extensionIdOf, launchWithExtension } from './support/browser';
import { setExtensionStorage } from './support/extension-pages';
import { writeTemporarySeed } from './support/seeds';
import { useSkin } from './support/skin';

interface WorkerFixtures {
  /** The simulator's second skin (tests/sim/README.md): a spec asks for it with `test.use({ variante: true })`. */
  variante: boolean;
  /** The folder the simulator reads its seed from (and reads again on reset). */
  seedDir: string;
  /** The GAR simulator on the multi seed: one RA, two collèges. */
  simulator: RunningSimulator;
  browserWithExtension: BrowserContext;
  extensionId: string;
  /** Sets the page objects' skin (./support/skin.ts) for this worker. */
  skin: undefined;
}

interface TestFixtures {
  /** A fresh tab in the extension's browser, closed after the test. */
  page: Page;
  /** Opens an extension page (`popup.html`, `options.html`) as a tab. */
  openExtensionPage(path: string): Promise<Page>;
  /**
   * On the second skin, the worked example's fichier d'étalonnage is in storage when each test
   * starts (as after its import in the options page, which tests/e2e/variante.spec.ts goes through).
   */
  calibration: undefined;
}

/** One browser with the built extension per worker: launching Chromium is the slow part. */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  variante: [false, { scope: 'worker', option: true }],
  skin: [
    async ({ variante }, use) => {
      useSkin(variante);
      await use(undefined);
    },
    { scope: 'worker', auto: true },
  ],
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
  calibration: [
    async ({ variante, browserWithExtension }, use) => {
      if (variante) await storeWorkedCalibration(browserWithExtension);
      await use(undefined);
    },
    { auto: true },
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

/** The calibration of the second skin, kept in tests/sim as the worked example for the real console. */
export const WORKED_CALIBRATION = resolve(import.meta.dirname, '../sim/etalonnage-variante.json');

async function storeWorkedCalibration(context: BrowserContext): Promise<void> {
  const calibration = JSON.parse(await readFile(WORKED_CALIBRATION, 'utf8'));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await setExtensionStorage(worker, { etalonnage: calibration });
}
