import type { Page } from '@playwright/test';
import { parseAbonnementsXml } from '../../utils/gar/abonnement-xml';
import { POPUP_FIRST_RENDER_MARK } from '../../utils/perf-marks';
import { extensionIdOf, HOSTS, launchWithExtension } from '../e2e/support/browser';
import { generateSeed } from '../sim/seed/generate';
import { type Benchmark, type BenchResult, median, withLycee } from './harness';

/**
 * End-date helpers in a real Chromium, on the large lycée seed (DOMAIN.md §8), each figure compared
 * in the same run with the page without the extension where that makes sense.
 */

const RUNS = 7;
const RESOURCES = `https://${HOSTS.console}/ressources`;

/** Long enough for every task the load started (fetches, badges, paints) to have run. */
const SETTLE_MS = 600;

/**
 * Main-thread task time (ms) the page used from navigation until the resource list is complete
 * and the page has settled — so the extension's work after the list appears (badges) is counted.
 */
async function mainThreadMs(page: Page, waitFor: (page: Page) => Promise<unknown>): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = await cdp.send('Performance.getMetrics');
  await page.goto(RESOURCES);
  await waitFor(page);
  await page.waitForTimeout(SETTLE_MS);
  const after = await cdp.send('Performance.getMetrics');
  const task = (metrics: typeof before): number =>
    metrics.metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  await cdp.detach();
  return (task(after) - task(before)) * 1000;
}

const rowsLoaded = (page: Page): Promise<unknown> =>
  page.waitForSelector('table[data-gar-table="ressources"] tbody tr[data-id-abonnement]');

const rowsAndBadgesLoaded = async (page: Page): Promise<unknown> => {
  await rowsLoaded(page);
  return page.waitForFunction(
    () =>
      document.querySelectorAll('[data-cg-fin-hote]').length >=
      document.querySelectorAll('table[data-gar-table="ressources"] tbody tr[data-id-abonnement]').length,
  );
};

/** The list is in the DOM and every row has its badge. (No named helpers inside: tsx would wrap them.) */
async function badgesComplete(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const rowSelector = 'table[data-gar-table="ressources"] tbody tr[data-id-abonnement]';
    while (document.querySelectorAll(rowSelector).length === 0) await new Promise((r) => setTimeout(r, 5));
    const listAt = performance.now();
    const rows = document.querySelectorAll(rowSelector).length;
    while (document.querySelectorAll('[data-cg-fin-hote]').length < rows)
      await new Promise((r) => setTimeout(r, 5));
    return performance.now() - listAt;
  });
}

async function consoleLoad(): Promise<BenchResult[]> {
  return withLycee(async (simulator, rows) => {
    const plain = await launchWithExtension(simulator.port, { extension: false });
    const extended = await launchWithExtension(simulator.port);
    try {
      const without: number[] = [];
      const withExtension: number[] = [];
      const badges: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const plainPage = await plain.newPage();
        without.push(await mainThreadMs(plainPage, rowsLoaded));
        await plainPage.close();
        const page = await extended.newPage();
        withExtension.push(await mainThreadMs(page, rowsAndBadgesLoaded));
        await page.close();
        const timed = await extended.newPage();
        await timed.goto(RESOURCES);
        badges.push(await badgesComplete(timed));
        await timed.close();
      }
      const extra = median(withExtension) - median(without);
      return [
        {
          name: `console, Parcours ressource (${rows} abonnements) : temps principal ajouté par l’extension`,
          medianMs: Math.max(extra, 0),
          baselineMs: median(without),
          budgetMs: (16 * rows) / 100,
          detail: `avec ${median(withExtension).toFixed(1)} ms, sans ${median(without).toFixed(1)} ms ; budget 16 ms / 100 lignes`,
        },
        {
          name: `badges de fin : de la liste affichée au dernier badge (${rows} lignes)`,
          medianMs: median(badges),
          budgetMs: 1000,
          detail: 'comprend la lecture des abonnements par l’API de la console',
        },
      ];
    } finally {
      await extended.close();
      await plain.close();
    }
  });
}

/** 300 subscriptions remembered over two schools, sent to the background as the console would. */
async function popupFirstRender(): Promise<BenchResult> {
  const files = generateSeed({
    profile: 'lycee',
    seed: 1,
    referenceDate: new Date().toISOString().slice(0, 10),
  });
  const abonnements = parseAbonnementsXml(files.get('abonnements.xml') ?? '').filter((a) => !a.supprime);
  const schools = ['0350042K', '0561622J'].map((uai, index) => ({
    uai,
    subscriptions: abonnements.slice(0, 150).map((abonnement) => ({
      abonnement: { ...abonnement, idAbonnement: `${abonnement.idAbonnement}-${index}`, uaiEtab: [uai] },
      counts: {},
    })),
  }));
  const context = await launchWithExtension(1);
  try {
    const id = await extensionIdOf(context);
    const setup = await context.newPage();
    await setup.goto(`chrome-extension://${id}/options.html`);
    for (const school of schools) {
      await setup.evaluate(
        (payload) =>
          chrome.runtime.sendMessage({ channel: 'compagnon-gar', type: 'subscriptions.seen', payload }),
        school,
      );
    }
    const times: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${id}/popup.html`);
      await popup.waitForSelector('.cg-ecole');
      times.push(
        await popup.evaluate(
          (mark) => performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN,
          POPUP_FIRST_RENDER_MARK,
        ),
      );
      await popup.close();
    }
    return {
      name: 'fenêtre de l’extension : premier affichage avec 300 abonnements en mémoire',
      medianMs: median(times),
      budgetMs: 100,
      detail: 'de l’ouverture de popup.html à la liste des établissements rendue (marque de performance)',
    };
  } finally {
    await context.close();
  }
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

export const browserBenchmarks: Benchmark[] = [
  { name: 'console (navigateur)', run: consoleLoad },
  { name: 'fenêtre de l’extension (navigateur)', run: popupFirstRender },
];
