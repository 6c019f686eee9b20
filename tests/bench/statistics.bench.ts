import type { Page } from '@playwright/test';
import type { UsageRow } from '../../utils/gar/usage-row';
import { addMonths, monthOf } from '../../utils/gar/usage-stats';
import { STATISTICS_FIRST_RENDER_MARK, STATISTICS_READ_START_MARK } from '../../utils/perf-marks';
import { extensionIdOf, launchWithExtension } from '../e2e/support/browser';
import { type Benchmark, type BenchResult, median } from './harness';

/**
 * The usage history at the size DOMAIN.md §8 gives for one school and year: 12 months × 300
 * resources × 4 profiles (14,400 figures), in a real Chromium with the built extension.
 */

const RUNS = 7;
const UAI = '0350042K';
const MONTHS = 12;
const RESOURCES = 300;

const PROFILES = ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'] as const;

/** A full year of the portail's statistics rows: every resource, month and profile has a line. */
function yearOfRows(): UsageRow[] {
  const first = addMonths(monthOf(new Date()), -MONTHS);
  const rows: UsageRow[] = [];
  for (let resource = 0; resource < RESOURCES; resource++) {
    for (let month = 0; month < MONTHS; month++) {
      PROFILES.forEach((profil, index) => {
        const acces = (resource * 7 + month * 13 + index * 29) % 400;
        rows.push({
          idRessource: `ark:/99999/ressource-${resource}`,
          libelleRessource: `Ressource numérique ${resource}`,
          mois: addMonths(first, month),
          profil,
          acces,
          utilisateurs: Math.floor(acces / 3),
        });
      });
    }
  }
  return rows;
}

/**
 * Sends captures from an extension page and times each until the background has stored it. (No
 * named helpers inside the evaluated function: tsx would wrap them in a helper the page lacks.)
 */
async function timeCapture(
  page: Page,
  rows: readonly UsageRow[],
  runs: number,
  fresh: boolean,
): Promise<number[]> {
  return page.evaluate(
    async ({ rows, runs, fresh, uai }) => {
      const payload = { uai, source: 'portail', usage: rows, subscriptions: [] };
      const times: number[] = [];
      for (let i = 0; i < runs + 1; i++) {
        if (fresh) {
          await new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('compagnon-gar');
            open.onsuccess = () => {
              const tx = open.result.transaction('snapshots', 'readwrite');
              tx.objectStore('snapshots').clear();
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          });
        }
        const start = performance.now();
        const reply = await chrome.runtime.sendMessage({
          channel: 'compagnon-gar',
          type: 'stats.capture',
          payload,
        });
        if (!reply?.ok) throw new Error(`capture refusée : ${JSON.stringify(reply)}`);
        // The first run wakes the worker and compiles its code: not what a capture costs.
        if (i > 0) times.push(performance.now() - start);
      }
      return times;
    },
    { rows, runs, fresh, uai: UAI },
  );
}

/**
 * Opens the options page on the history the captures left (a year of 300 resources × 4 profiles)
 * and reads its marks: from the section's first read to its first figures, and from navigation.
 */
async function timeHistoryView(
  page: Page,
  url: string,
): Promise<{ view: number; sinceNavigation: number }[]> {
  const times: { view: number; sinceNavigation: number }[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await page.goto(url);
    await page.waitForFunction(
      (mark) => performance.getEntriesByName(mark).length > 0,
      STATISTICS_FIRST_RENDER_MARK,
    );
    const marks = await page.evaluate(
      ([start, end]) => ({
        start: performance.getEntriesByName(start)[0]?.startTime ?? Number.NaN,
        end: performance.getEntriesByName(end)[0]?.startTime ?? Number.NaN,
      }),
      [STATISTICS_READ_START_MARK, STATISTICS_FIRST_RENDER_MARK] as const,
    );
    if (i > 0) times.push({ view: marks.end - marks.start, sinceNavigation: marks.end });
  }
  return times;
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean } | undefined> } };

async function statistics(): Promise<BenchResult[]> {
  const rows = yearOfRows();
  const context = await launchWithExtension(1);
  try {
    const id = await extensionIdOf(context);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/options.html`);
    const first = median(await timeCapture(page, rows, RUNS, true));
    const again = median(await timeCapture(page, rows, RUNS, false));
    const views = await timeHistoryView(page, `chrome-extension://${id}/options.html`);
    const size = `${rows.length.toLocaleString('fr-FR')} lignes (${MONTHS} mois × ${RESOURCES} ressources × 4 profils)`;
    return [
      {
        name: 'statistiques : capture et enregistrement d’une année',
        medianMs: first,
        budgetMs: 200,
        detail: `${size}, historique vide : message au service, validation, fusion, écriture IndexedDB`,
      },
      {
        name: 'statistiques : même capture sur un historique déjà rempli',
        medianMs: again,
        budgetMs: 200,
        detail: `${size} déjà enregistrées : lecture, fusion sans double compte, écriture`,
      },
      {
        name: 'statistiques : affichage de l’historique d’une année',
        medianMs: median(views.map((time) => time.view)),
        budgetMs: 200,
        detail: `${size} : lecture et validation IndexedDB, indicateurs, graphique et tableau (page de réglages ouverte en ${Math.round(median(views.map((time) => time.sinceNavigation)))} ms)`,
      },
    ];
  } finally {
    await context.close();
  }
}

export const statisticsBenchmarks: Benchmark[] = [{ name: 'statistiques (navigateur)', run: statistics }];
