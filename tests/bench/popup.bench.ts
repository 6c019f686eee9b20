import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { parseAbonnementsXml } from '../../utils/gar/abonnement-xml';
import { POPUP_FIRST_RENDER_MARK } from '../../utils/perf-marks';
import { EXTENSION_DIR, extensionIdOf, launchWithExtension } from '../e2e/support/browser';
import { generateSeed } from '../sim/seed/generate';
import { withExtensionCopy } from './extension-copy';
import { type Benchmark, type BenchResult, median } from './harness';

/**
 * The popup's first render, compared in the same run with its « plancher »: an extension page with
 * the popup's shell — its built HTML and stylesheets — and none of our code. MV3 pages cannot run
 * inline scripts, so the plancher loads a one-line module script of its own, where the popup's was,
 * that sets the same performance mark at the same moment the popup does: Preact runs the popup's
 * effect (which sets it) after the frame that shows the list, i.e. after a requestAnimationFrame
 * and a task. Both marks are read as time since navigation start, in the same browser.
 */

const RUNS = 7;
const PLANCHER_PAGE = 'bench-plancher-popup.html';
const PLANCHER_SCRIPT = 'bench-plancher-popup.js';

/** The built popup.html without our script and its preloads, with the plancher's script instead. */
function plancherPage(popupHtml: string): string {
  const shell = popupHtml
    .replace(/<script\b[^>]*\bsrc="[^"]*"[^>]*><\/script>\s*/g, '')
    .replace(/<link rel="modulepreload"[^>]*>\s*/g, '');
  if (shell === popupHtml || !shell.includes('</head>')) {
    throw new Error(
      'popup.html no longer has the shape the plancher is cut from (a module script in <head>).',
    );
  }
  return shell.replace('</head>', `  <script type="module" src="/${PLANCHER_SCRIPT}"></script>\n  </head>`);
}

const plancherScript = `requestAnimationFrame(() => setTimeout(() => performance.mark(${JSON.stringify(POPUP_FIRST_RENDER_MARK)})));\n`;

/** 300 subscriptions remembered over two schools, as the console would report them. */
function rememberedSchools() {
  const files = generateSeed({
    profile: 'lycee',
    seed: 1,
    referenceDate: new Date().toISOString().slice(0, 10),
  });
  const abonnements = parseAbonnementsXml(files.get('abonnements.xml') ?? '').filter((a) => !a.supprime);
  return ['0350042K', '0561622J'].map((uai, index) => ({
    uai,
    subscriptions: abonnements.slice(0, 150).map((abonnement) => ({
      abonnement: { ...abonnement, idAbonnement: `${abonnement.idAbonnement}-${index}`, uaiEtab: [uai] },
      counts: {},
    })),
  }));
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/** Sends the schools to the background from an extension page, as the console's content script does. */
async function remember(context: BrowserContext, id: string): Promise<void> {
  const setup = await context.newPage();
  await setup.goto(`chrome-extension://${id}/options.html`);
  for (const school of rememberedSchools()) {
    await setup.evaluate(
      (payload) =>
        chrome.runtime.sendMessage({ channel: 'compagnon-gar', type: 'subscriptions.seen', payload }),
      school,
    );
  }
  await setup.close();
}

/**
 * Opens `url` in a new tab and returns the first-render mark's time since navigation. The wait
 * polls from inside the page with timers: Playwright's selector and function waits would first
 * inject their own script into the page, whose evaluation lands in the middle of the popup's load.
 * `expected` (a selector) must be in the page once the mark is set. (No named helpers inside the
 * evaluated function: tsx would wrap them in a helper the page lacks.)
 */
async function markTime(context: BrowserContext, url: string, expected: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    return await page.evaluate(
      async ({ mark, expected }) => {
        while (performance.getEntriesByName(mark).length === 0) await new Promise((r) => setTimeout(r, 5));
        if (!document.querySelector(expected)) throw new Error(`${expected} absent at ${mark}`);
        return performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN;
      },
      { mark: POPUP_FIRST_RENDER_MARK, expected },
    );
  } finally {
    await page.close();
  }
}

async function popupFirstRender(): Promise<BenchResult> {
  const extraFiles = {
    [PLANCHER_PAGE]: plancherPage(readFileSync(join(EXTENSION_DIR, 'popup.html'), 'utf8')),
    [PLANCHER_SCRIPT]: plancherScript,
  };
  return withExtensionCopy(extraFiles, async (extensionDir) => {
    const context = await launchWithExtension(1, { extensionDir });
    try {
      const id = await extensionIdOf(context);
      await remember(context, id);
      const popup: number[] = [];
      const plancher: number[] = [];
      // Interleaved, so that a busy moment of the machine weighs on both; the first pair warms the
      // browser's caches (a popup opened again finds its code compiled) and is not counted.
      for (let i = 0; i < RUNS + 1; i++) {
        const popupMs = await markTime(context, `chrome-extension://${id}/popup.html`, '.cg-ecole');
        const plancherMs = await markTime(context, `chrome-extension://${id}/${PLANCHER_PAGE}`, 'body');
        if (i === 0) continue;
        popup.push(popupMs);
        plancher.push(plancherMs);
      }
      const floor = median(plancher);
      return {
        name: 'fenêtre de l’extension : premier affichage avec 300 abonnements en mémoire',
        medianMs: median(popup),
        baselineMs: floor,
        budgetMs: floor + 30,
        detail:
          'de l’ouverture de popup.html à la liste des établissements rendue (marque de performance) ; ' +
          'plancher : même coquille HTML et CSS sans notre code, même marque après l’image suivante ; budget plancher + 30 ms',
      };
    } finally {
      await context.close();
    }
  });
}

export const popupBenchmarks: Benchmark[] = [
  { name: 'fenêtre de l’extension (navigateur)', run: popupFirstRender },
];
