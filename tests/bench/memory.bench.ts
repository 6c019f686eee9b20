import type { CDPSession, Page } from '@playwright/test';
import { HOSTS, launchWithExtension } from '../e2e/support/browser';
import { choose, openBulk, personsOf } from '../e2e/support/console-api';
import { expectConsoleHelpers, settled } from '../e2e/support/ra-navigation';
import { type Benchmark, type BenchResult, median, withLycee } from './harness';

/**
 * Memory the extension adds to a console page of the large lycée (issue 17, item 5), in a real
 * Chromium, against the very same browser and page without the extension.
 *
 * Why the page's heap is the right figure: Chromium runs a content script in an isolated *world*
 * of the page's own V8 isolate, not in an isolate of its own, and `Runtime.getHeapUsage` reports
 * the whole isolate. Checked here: on Parcours ressource the extended page's heap exceeds the plain
 * one by more than the content script's source alone (≈250 ko, which V8 keeps in the heap), and
 * `contentScriptIsCounted` allocates the same objects in the script's world and in the page's,
 * and refuses to report if the heap does not grow alike — were a future Chromium to move content
 * scripts elsewhere, this benchmark would fail rather than report a flattering zero.
 *
 * The figure is V8's heap (JS objects, code, strings); DOM nodes live in Blink's heap, reported
 * beside it for information. Each reading follows two full garbage collections, so only what is
 * retained counts. Playwright's own utility world is in both pages, doing the same waits (`viewLoaded`).
 */

const RUNS = 5;
const RESOURCES = `https://${HOSTS.console}/ressources`;
/** Megabytes as budgets are written: 10⁶ bytes (the stricter reading of « Mo »). */
const MO = 1_000_000;
/** Long enough for what the view's load started (fetches, badges, renders) to have run. */
const SETTLE_MS = 600;

interface Heap {
  /** V8's heap in use, in bytes: what the budgets are about. */
  js: number;
  /** Blink's heap (DOM nodes and other native objects), in bytes. */
  dom: number;
}

/** The isolate's heap after two full collections (the second frees what the first's finalizers let go). */
async function heapOf(cdp: CDPSession): Promise<Heap> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return { js: usage.usedSize, dom: usage.embedderHeapUsedSize };
}

/** The content script's isolated world: the execution context named after the extension's origin. */
async function contentScriptWorld(cdp: CDPSession): Promise<number> {
  const origins = new Map<string, number>();
  cdp.on('Runtime.executionContextCreated', ({ context }) => origins.set(context.origin, context.id));
  // Enabling replays a creation event for every context the page already has.
  await cdp.send('Runtime.enable');
  const world = [...origins].find(([origin]) => origin.startsWith('chrome-extension://'));
  if (!world) throw new Error('mémoire : monde isolé du script de contenu introuvable');
  return world[1];
}

/** Bytes the heap grows by when `contextId` (the page's main world if absent) keeps 10⁶ small objects. */
async function probeGrowth(cdp: CDPSession, contextId?: number): Promise<number> {
  const before = await heapOf(cdp);
  const keep = 'globalThis.__cgSonde = Array.from({ length: 1e6 }, (_, i) => ({ i })); 0';
  await cdp.send('Runtime.evaluate', { expression: keep, ...(contextId ? { contextId } : {}) });
  const after = await heapOf(cdp);
  await cdp.send('Runtime.evaluate', {
    expression: 'delete globalThis.__cgSonde',
    ...(contextId ? { contextId } : {}),
  });
  return after.js - before.js;
}

/** Throws unless what the content script's world keeps shows in the page's heap like the page's own. */
async function contentScriptIsCounted(cdp: CDPSession): Promise<string> {
  const inPage = await probeGrowth(cdp);
  const inContentScript = await probeGrowth(cdp, await contentScriptWorld(cdp));
  if (inContentScript < 0.9 * inPage) {
    throw new Error(
      `mémoire : le tas de la page ne compte pas le script de contenu (${mo(inContentScript)} contre ${mo(inPage)} Mo)`,
    );
  }
  return `contrôle : 10⁶ objets gardés par le script de contenu +${mo(inContentScript)} Mo, par la page +${mo(inPage)} Mo`;
}

const mo = (bytes: number): string => (bytes / MO).toFixed(1);

/**
 * The resource list in, the view no longer busy: the same wait on both pages. Locators only —
 * `page.waitForSelector` would add Playwright's injected script to the page's heap (≈0.5 Mo).
 */
async function viewLoaded(page: Page): Promise<void> {
  await page.locator('table[data-gar-table="ressources"] tbody tr[data-id-abonnement]').first().waitFor();
  await settled(page);
}

/**
 * « Affectation groupée… » clicked, then one subscription and the first division chosen, as an RA
 * starts: the population (every person of the school) is loaded and the head-count computed.
 */
async function panelReady(page: Page): Promise<void> {
  const root = await openBulk(page);
  const subscription = root.locator('[data-cg-abonnement]').first();
  const division = root.locator('[data-cg-cible^="division:"]').first();
  const id = (await subscription.getAttribute('data-cg-abonnement')) ?? '';
  const code = ((await division.getAttribute('data-cg-cible')) ?? '').replace('division:', '');
  await choose(root, [id], [code]);
  await root.locator('[data-cg-selection] strong').waitFor();
}

/** How many persons the console lists for the school the page shows: what the panel loaded. */
async function personsShown(page: Page): Promise<number> {
  const uai = await page.locator('body[data-gar-application]').getAttribute('data-gar-uai-courant');
  if (!uai) throw new Error('mémoire : la page ne dit pas son établissement');
  return (await personsOf(page, uai)).length;
}

interface Readings {
  plain: Heap[];
  helpers: Heap[];
  panel: Heap[];
  check: string;
  persons: number;
}

async function readHeaps(port: number): Promise<Readings> {
  const plain = await launchWithExtension(port, { extension: false });
  const extended = await launchWithExtension(port);
  const readings: Readings = { plain: [], helpers: [], panel: [], check: '', persons: 0 };
  try {
    for (let i = 0; i < RUNS; i++) {
      const plainPage = await plain.newPage();
      await plainPage.goto(RESOURCES);
      await viewLoaded(plainPage);
      await plainPage.waitForTimeout(SETTLE_MS);
      readings.plain.push(await heapOf(await plain.newCDPSession(plainPage)));
      await plainPage.close();

      const page = await extended.newPage();
      const cdp = await extended.newCDPSession(page);
      await page.goto(RESOURCES);
      await viewLoaded(page);
      // Every helper of the view there once and every row badged, as the e2e tests check it.
      await expectConsoleHelpers(page, 'ressources');
      await page.waitForTimeout(SETTLE_MS);
      readings.helpers.push(await heapOf(cdp));
      await panelReady(page);
      await page.waitForTimeout(SETTLE_MS);
      readings.panel.push(await heapOf(cdp));
      if (i === RUNS - 1) {
        readings.check = await contentScriptIsCounted(cdp);
        readings.persons = await personsShown(page);
      }
      await page.close();
    }
    return readings;
  } finally {
    await extended.close();
    await plain.close();
  }
}

/** Median of one kind of reading, in bytes. */
const medianOf = (heaps: Heap[], kind: keyof Heap): number => median(heaps.map((heap) => heap[kind]));

async function memoryOnConsole(): Promise<BenchResult[]> {
  return withLycee(async (simulator, rows) => {
    const { plain, helpers, panel, check, persons } = await readHeaps(simulator.port);
    const page = medianOf(plain, 'js');
    const added = (heaps: Heap[], kind: keyof Heap = 'js'): number =>
      medianOf(heaps, kind) - medianOf(plain, kind);
    const runs = `médianes de ${RUNS} chargements, après 2 ramasse-miettes ; 1 Mo = 10⁶ octets`;
    return [
      {
        name: `mémoire du script de contenu sur une vue de la console, Parcours ressource (${rows} abonnements) (Mo, pas des ms)`,
        medianMs: added(helpers) / MO,
        baselineMs: page / MO,
        budgetMs: 10,
        detail: `tas JS avec l’extension (badges posés) ${mo(medianOf(helpers, 'js'))} Mo, sans ${mo(page)} Mo ; DOM (tas de Blink, hors budget) +${mo(added(helpers, 'dom'))} Mo ; ${runs} ; ${check}`,
      },
      {
        name: `mémoire du panneau d’affectation groupée ouvert sur le lycée (${persons} personnes) (Mo, pas des ms)`,
        medianMs: added(panel) / MO,
        baselineMs: page / MO,
        budgetMs: 30,
        detail: `panneau ouvert, 1 abonnement et 1 division choisis : tas JS ${mo(medianOf(panel, 'js'))} Mo, la même page sans l’extension ${mo(page)} Mo ; le panneau seul +${mo(medianOf(panel, 'js') - medianOf(helpers, 'js'))} Mo de plus que le script de contenu ; DOM (hors budget) +${mo(added(panel, 'dom'))} Mo ; ${runs}`,
      },
    ];
  });
}

export const memoryBenchmarks: Benchmark[] = [{ name: 'mémoire (navigateur)', run: memoryOnConsole }];
