import type { Page } from '@playwright/test';
import { type UsageMonth, usageMonthId } from '../../utils/gar/usage-month';
import { type PackedUsage, packUsage, type UsageRow } from '../../utils/gar/usage-row';
import { addMonths, mergeFacts, monthOf, usageFactsFromRows } from '../../utils/gar/usage-stats';
import { STATISTICS_FIRST_RENDER_MARK, STATISTICS_READ_START_MARK } from '../../utils/perf-marks';
import { byMonth } from '../../utils/store/usage-history';
import { extensionIdOf, launchWithExtension } from '../e2e/support/browser';
import { withExtensionCopy } from './extension-copy';
import { type Benchmark, type BenchResult, median } from './harness';

/**
 * The usage history at the size DOMAIN.md §8 gives for one school and year: 12 months × 300
 * resources × 4 profiles (14,400 figures), in a real Chromium with the built extension. Each figure
 * is compared with its « plancher », measured in the same run in the same extension page: IndexedDB
 * itself writing the same month records in one transaction (no message, validation nor merge), and
 * reading them back in one getAll (no validation, figures nor rendering).
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
 * The month records a capture of `rows` leaves in the `snapshots` store, built with the product's
 * own functions (facts from the rows, merged into empty months): the plancher writes exactly these.
 */
function monthRecordsOf(rows: readonly UsageRow[], now: Date): UsageMonth[] {
  return [...byMonth(usageFactsFromRows(rows, 'portail'))].map(([mois, facts]) => ({
    id: usageMonthId(UAI, mois),
    uai: UAI,
    mois,
    majLe: now.toISOString(),
    lignes: mergeFacts([], facts).facts,
  }));
}

interface CaptureTimes {
  capture: number[];
  /** The same month records written straight to the store (only when `fresh`). */
  plancher: number[];
}

/**
 * Sends captures from an extension page and times each until the background has stored it. With
 * `fresh`, the history is emptied before each capture, and before each capture the plancher is
 * timed on an emptied store too: the capture runs last, so what stays is the capture's records.
 * (No named helpers inside the evaluated function: tsx would wrap them in a helper the page lacks.)
 */
async function timeCapture(
  page: Page,
  usage: PackedUsage,
  records: readonly UsageMonth[],
  runs: number,
  fresh: boolean,
): Promise<CaptureTimes> {
  return page.evaluate(
    async ({ usage, records, runs, fresh, uai }) => {
      const payload = { uai, source: 'portail', usage, subscriptions: [] };
      const open = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('compagnon-gar');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const times = { capture: [] as number[], plancher: [] as number[] };
      for (let i = 0; i < runs + 1; i++) {
        // Each step is one readwrite transaction: emptying the store, or the plancher's writes.
        for (const step of fresh ? ['vider', 'plancher', 'vider'] : []) {
          const start = performance.now();
          await new Promise<void>((resolve, reject) => {
            const tx = open.transaction('snapshots', 'readwrite');
            const store = tx.objectStore('snapshots');
            if (step === 'plancher') for (const record of records) store.put(record);
            else store.clear();
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          });
          if (step === 'plancher' && i > 0) times.plancher.push(performance.now() - start);
        }
        const start = performance.now();
        const reply = await chrome.runtime.sendMessage({
          channel: 'compagnon-gar',
          type: 'stats.capture',
          payload,
        });
        if (!reply?.ok) throw new Error(`capture refusée : ${JSON.stringify(reply)}`);
        // The first run wakes the worker and compiles its code: not what a capture costs.
        if (i > 0) times.capture.push(performance.now() - start);
      }
      open.close();
      return times;
    },
    { usage, records, runs, fresh, uai: UAI },
  );
}

interface ViewTimes {
  view: number;
  sinceNavigation: number;
  /** The same history read back in one getAll, in the same page once it has shown its figures. */
  plancher: number;
}

/**
 * Opens the options page on the history the captures left (a year of 300 resources × 4 profiles)
 * and reads its marks: from the section's first read to its first figures, and from navigation.
 * Then, on that page, times the plancher: the store's getAll alone.
 */
async function timeHistoryView(page: Page, url: string): Promise<ViewTimes[]> {
  const times: ViewTimes[] = [];
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
    const plancher = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const request = indexedDB.open('compagnon-gar');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const start = performance.now();
            const read = request.result.transaction('snapshots').objectStore('snapshots').getAll();
            read.onerror = () => reject(read.error);
            read.onsuccess = () => {
              // The values as the page gets them: Chromium deserializes them when result is read.
              const months = read.result.length;
              const elapsed = performance.now() - start;
              request.result.close();
              if (months === 0) reject(new Error('historique vide'));
              else resolve(elapsed);
            };
          };
        }),
    );
    if (i > 0) times.push({ view: marks.end - marks.start, sinceNavigation: marks.end, plancher });
  }
  return times;
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean } | undefined> } };

async function statistics(): Promise<BenchResult[]> {
  const rows = yearOfRows();
  const records = monthRecordsOf(rows, new Date());
  return withExtensionCopy({}, async (extensionDir) => {
    const context = await launchWithExtension(1, { extensionDir });
    try {
      const id = await extensionIdOf(context);
      const page = await context.newPage();
      await page.goto(`chrome-extension://${id}/options.html`);
      // The rows as the capture panel sends them (packed: utils/gar/usage-row.ts).
      const usage = packUsage(rows);
      const first = await timeCapture(page, usage, records, RUNS, true);
      const again = await timeCapture(page, usage, records, RUNS, false);
      const views = await timeHistoryView(page, `chrome-extension://${id}/options.html`);
      const write = median(first.plancher);
      const read = median(views.map((time) => time.plancher));
      const size = `${rows.length.toLocaleString('fr-FR')} lignes (${MONTHS} mois × ${RESOURCES} ressources × 4 profils)`;
      const writePlancher = `plancher : les ${records.length} mois écrits tels quels dans IndexedDB en une transaction ; budget 2 × plancher`;
      return [
        {
          name: 'statistiques : capture et enregistrement d’une année',
          medianMs: median(first.capture),
          baselineMs: write,
          budgetMs: 2 * write,
          detail: `${size}, historique vide : message au service, validation, fusion, écriture IndexedDB ; ${writePlancher}`,
        },
        {
          name: 'statistiques : même capture sur un historique déjà rempli',
          medianMs: median(again.capture),
          baselineMs: write,
          budgetMs: 2 * write,
          detail: `${size} déjà enregistrées : lecture, fusion sans double compte, écriture ; ${writePlancher}`,
        },
        {
          name: 'statistiques : affichage de l’historique d’une année',
          medianMs: median(views.map((time) => time.view)),
          baselineMs: read,
          budgetMs: 2 * read,
          detail: `${size} : lecture et validation IndexedDB, indicateurs, graphique et tableau (page de réglages ouverte en ${Math.round(median(views.map((time) => time.sinceNavigation)))} ms) ; plancher : les mêmes mois lus en un getAll ; budget 2 × plancher`,
        },
      ];
    } finally {
      await context.close();
    }
  });
}

export const statisticsBenchmarks: Benchmark[] = [{ name: 'statistiques (navigateur)', run: statistics }];
