import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { parseAbonnementsXml } from '../../utils/gar/abonnement-xml';
import { launchWithExtension } from '../e2e/support/browser';
import { startSimulator } from '../sim/server/index';
import { withExtensionCopy } from './extension-copy';
import { type Benchmark, type BenchResult, median, withLyceeSeed } from './harness';
import { longTasksOf, type TraceEvent } from './trace';

/**
 * What the extension costs the console's main thread (issue 17, item 1), every figure against the
 * same page without the extension, in the same browser build and run: Parcours ressource with no
 * row (the coût fixe), with 50 and 400 rows (the coût par 100 lignes, a slope), and the generated
 * lycée as it is (193 rows). Also: the long tasks the extension causes, from a trace, and how long
 * the end badges take once the list is there.
 */

const RUNS = 7;
const RESOURCES = 'https://affectation.gar.education.fr/ressources';
const ROWS = 'table[data-gar-table="ressources"] tbody tr[data-id-abonnement]';
/** Written by the page once its list is rendered, rows or not. */
const LIST_RENDERED = '[data-gar-compteur="ressources"][data-valeur]';
const BADGE = '[data-cg-fin-hote]';
/** Long enough for every task the load started (fetches, badges, paints) to have run. */
const SETTLE_MS = 600;
const LONG_TASK_MS = 50;

const BUDGET = {
  fixedMs: 40,
  perHundredRowsMs: 10,
  lyceeShare: 0.25,
  badgesAfterListMs: 150,
};

/**
 * The lycée's subscriptions cut or repeated to `rows` (copies get their own ids), so the page
 * size changes and nothing else: same school, same people, same API.
 */
function resizedSubscriptions(xml: string, rows: number): string {
  const elements = xml.match(/<abonnement>[\s\S]*?<\/abonnement>/g) ?? [];
  if (rows > 0 && elements.length === 0) throw new Error('aucun abonnement dans la graine du lycée');
  const chosen = Array.from({ length: rows }, (_, index) => {
    const element = elements[index % elements.length] ?? '';
    const copy = Math.floor(index / elements.length);
    return copy === 0
      ? element
      : element.replace(
          /<idAbonnement>([^<]+)<\/idAbonnement>/,
          `<idAbonnement>$1-COPIE${copy}</idAbonnement>`,
        );
  });
  const head = xml.slice(0, xml.indexOf('>', xml.indexOf('<abonnements')) + 1);
  return `${head}\n${chosen.map((element) => `  ${element}`).join('\n')}\n</abonnements>\n`;
}

/** The seed's affectations of the subscriptions kept (a removed one would make the seed invalid). */
function affectationsOfKept(csv: string, xml: string): string {
  const kept = new Set([...xml.matchAll(/<idAbonnement>([^<]+)<\/idAbonnement>/g)].map((match) => match[1]));
  const [header = '', ...lines] = csv.split('\n');
  return [header, ...lines.filter((line) => kept.has(line.split(';')[1]))].join('\n');
}

/** Main-thread task time (ms) of the renderer from `Performance.getMetrics`, cumulative. */
async function taskDurationMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/**
 * Main-thread time the page used from navigation until its list is rendered and the page has
 * settled — so the extension's work after the list appears (badges) is counted.
 */
async function mainThreadMs(page: Page, ready: (page: Page) => Promise<unknown>): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = await taskDurationMs(cdp);
  await page.goto(RESOURCES);
  await ready(page);
  await page.waitForTimeout(SETTLE_MS);
  const after = await taskDurationMs(cdp);
  await cdp.detach();
  return after - before;
}

const listRendered = (page: Page): Promise<unknown> =>
  page.waitForSelector(LIST_RENDERED, { state: 'attached' });

const listAndBadges = async (page: Page): Promise<unknown> => {
  await listRendered(page);
  return page.waitForFunction(
    ([rows, badge]) => document.querySelectorAll(badge).length >= document.querySelectorAll(rows).length,
    [ROWS, BADGE] as const,
  );
};

/**
 * From the list in the DOM to its last badge, watched from the page's start by an observer
 * installed before any of its scripts (so a list rendered early is still seen when it appears).
 */
async function badgesAfterList(page: Page): Promise<number> {
  await page.addInitScript(
    ([rowSelector, badge]) => {
      const times: { list?: number; badges?: number } = {};
      Object.assign(window, { __cgBadgeTimes: times });
      new MutationObserver(() => {
        const rows = document.querySelectorAll(rowSelector).length;
        if (rows === 0) return;
        times.list ??= performance.now();
        if (times.badges === undefined && document.querySelectorAll(badge).length >= rows)
          times.badges = performance.now();
      }).observe(document, { childList: true, subtree: true });
    },
    [ROWS, BADGE] as const,
  );
  await page.goto(RESOURCES);
  const handle = await page.waitForFunction(() => {
    const times = (window as unknown as { __cgBadgeTimes: { list?: number; badges?: number } })
      .__cgBadgeTimes;
    return times.list !== undefined && times.badges !== undefined ? times.badges - times.list : undefined;
  });
  return (await handle.jsonValue()) as number;
}

interface Load {
  rows: number;
  withoutMs: number;
  withMs: number;
  /** Badges complete after the list (ms), when there are rows. */
  badgesMs?: number;
}

async function measureLoad(plain: BrowserContext, extended: BrowserContext, rows: number): Promise<Load> {
  const without: number[] = [];
  const withExtension: number[] = [];
  const badges: number[] = [];
  const loadPlain = async (): Promise<number> => {
    const page = await plain.newPage();
    const ms = await mainThreadMs(page, listRendered);
    await page.close();
    return ms;
  };
  const loadExtended = async (): Promise<number> => {
    const page = await extended.newPage();
    const ms = await mainThreadMs(page, rows > 0 ? listAndBadges : listRendered);
    await page.close();
    return ms;
  };
  // One unmeasured load each: the first compiles the page's and the extension's code. The two
  // browsers take turns going first, so neither always runs right after the other's load.
  for (let i = 0; i <= RUNS; i++) {
    let plainMs: number;
    let extendedMs: number;
    if (i % 2 === 0) {
      plainMs = await loadPlain();
      extendedMs = await loadExtended();
    } else {
      extendedMs = await loadExtended();
      plainMs = await loadPlain();
    }
    if (i === 0) continue;
    without.push(plainMs);
    withExtension.push(extendedMs);
    if (rows > 0) {
      const timed = await extended.newPage();
      badges.push(await badgesAfterList(timed));
      await timed.close();
    }
  }
  return {
    rows,
    withoutMs: median(without),
    withMs: median(withExtension),
    badgesMs: rows > 0 ? median(badges) : undefined,
  };
}

/** One load traced: the main thread's tasks and which JavaScript ran in them. */
async function tracedLoad(extended: BrowserContext): Promise<TraceEvent[]> {
  const page = await extended.newPage();
  const cdp = await extended.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'disabled-by-default-devtools.timeline',
        'devtools.timeline',
        'disabled-by-default-v8.cpu_profiler',
        'v8.execute',
        '__metadata',
      ],
    },
  });
  await page.goto(RESOURCES);
  await listAndBadges(page);
  await page.waitForTimeout(SETTLE_MS);
  await cdp.send('Tracing.end');
  await complete;
  await page.close();
  return events;
}

/**
 * The lycée's seed resized to `rows` subscriptions (or as generated), served by the simulator, and
 * two browsers on it: one without the extension, one with a private copy of the build.
 */
async function withResizedLycee<T>(
  rows: number | 'lycée',
  use: (plain: BrowserContext, extended: BrowserContext, rows: number) => Promise<T>,
): Promise<T> {
  return withLyceeSeed(async (dir, files) => {
    const xml = files.get('abonnements.xml') ?? '';
    // The page lists the subscriptions that are not deleted.
    const count =
      rows === 'lycée' ? parseAbonnementsXml(xml).filter((abonnement) => !abonnement.supprime).length : rows;
    if (rows !== 'lycée') {
      const resized = resizedSubscriptions(xml, rows);
      writeFileSync(join(dir, 'abonnements.xml'), resized);
      writeFileSync(
        join(dir, 'affectations.csv'),
        affectationsOfKept(files.get('affectations.csv') ?? '', resized),
      );
    }
    const simulator = await startSimulator({ seedDir: dir, autoLogin: true });
    try {
      return await withExtensionCopy({}, async (extensionDir) => {
        const plain = await launchWithExtension(simulator.port, { extension: false });
        const extended = await launchWithExtension(simulator.port, { extensionDir });
        try {
          return await use(plain, extended, count);
        } finally {
          await extended.close();
          await plain.close();
        }
      });
    } finally {
      await simulator.close();
    }
  });
}

const extraOf = (load: Load): number => load.withMs - load.withoutMs;
const figures = (load: Load): string =>
  `avec ${load.withMs.toFixed(1)} ms, sans ${load.withoutMs.toFixed(1)} ms (médianes de ${RUNS})`;

async function consoleCost(): Promise<BenchResult[]> {
  const empty = await withResizedLycee(0, (plain, extended) => measureLoad(plain, extended, 0));
  const small = await withResizedLycee(50, (plain, extended) => measureLoad(plain, extended, 50));
  const large = await withResizedLycee(400, (plain, extended) => measureLoad(plain, extended, 400));
  const { lycee, trace } = await withResizedLycee('lycée', async (plain, extended, rows) => ({
    lycee: await measureLoad(plain, extended, rows),
    trace: longTasksOf(await tracedLoad(extended), LONG_TASK_MS),
  }));
  const slope = ((extraOf(large) - extraOf(small)) * 100) / (large.rows - small.rows);
  const attributable = trace.filter((task) => task.attributable);
  return [
    {
      name: 'console, coût fixe : temps principal ajouté sur Parcours ressource sans ligne',
      medianMs: extraOf(empty),
      baselineMs: empty.withoutMs,
      budgetMs: BUDGET.fixedMs,
      detail: `${figures(empty)} ; plancher : la même page sans l’extension`,
    },
    {
      name: `console, coût par 100 lignes : pente entre ${small.rows} et ${large.rows} lignes`,
      medianMs: slope,
      budgetMs: BUDGET.perHundredRowsMs,
      detail: `ajout ${extraOf(small).toFixed(1)} ms à ${small.rows} lignes, ${extraOf(large).toFixed(1)} ms à ${large.rows} lignes ; page seule ${small.withoutMs.toFixed(1)} → ${large.withoutMs.toFixed(1)} ms`,
    },
    {
      name: `console, lycée (${lycee.rows} lignes) : temps principal ajouté, part de celui de la page`,
      medianMs: extraOf(lycee),
      baselineMs: lycee.withoutMs,
      budgetMs: lycee.withoutMs * BUDGET.lyceeShare,
      detail: `${figures(lycee)} ; budget : 25 % du temps de la page sans l’extension`,
    },
    {
      name: `console, tâche longue (> ${LONG_TASK_MS} ms) imputable à l’extension : combien (nombre, pas des ms)`,
      medianMs: attributable.length,
      budgetMs: 0,
      detail: `lycée, un chargement tracé : ${trace.length} tâche(s) longue(s), part de l’extension la plus grande ${Math.max(0, ...trace.map((task) => task.extensionMs)).toFixed(1)} ms ; imputable : sans le code de l’extension, la tâche ne serait pas longue`,
    },
    {
      name: `console, badges de fin : de la liste affichée au dernier badge (${lycee.rows} lignes)`,
      medianMs: lycee.badgesMs ?? Number.NaN,
      budgetMs: BUDGET.badgesAfterListMs,
      detail: 'la liste des abonnements vient de l’API de la console, lue dès le début du chargement',
    },
  ];
}

export const consoleBenchmarks: Benchmark[] = [{ name: 'console (navigateur)', run: consoleCost }];
