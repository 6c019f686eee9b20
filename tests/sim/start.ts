/**
 * `npm start [-- --seed DIR]` — the demo. Builds the extension, starts the GAR simulator on the
 * committed college seed (or DIR) under the real GAR hostnames, and opens Chromium with the
 * extension loaded on the console dashboard, logged in. Without a display it runs headless and
 * saves screenshots instead. Ctrl-C stops everything.
 */
// First: the domain's messages need the French catalogue before wxt/browser loads.
import '../support/node-i18n';
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext } from '@playwright/test';
import { chromiumExecutable, extensionIdOf, HOSTS, launchWithExtension } from '../e2e/support/browser';
import { startSimulator } from './server/index';

const DEFAULT_SEED = 'tests/sim/seeds/college';
const SCREENS = resolve('.output/demo');
/** The stores' screenshot size (Chrome Web Store, Edge Add-ons; addons.mozilla.org takes it too). */
const STORE = { dir: `${SCREENS}/magasins`, width: 1280, height: 800 } as const;

function hasDisplay(): boolean {
  return Boolean(
    process.env.DISPLAY ||
      process.env.WAYLAND_DISPLAY ||
      process.platform === 'darwin' ||
      process.platform === 'win32',
  );
}

async function saveScreenshots(context: BrowserContext): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.locator('cg-barre-compagnon').getByText('Compagnon GAR').waitFor();
  await page.screenshot({ path: `${SCREENS}/console.png`, fullPage: true });
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 480 });
  await popup.goto(`chrome-extension://${await extensionIdOf(context)}/popup.html`);
  await popup.getByText('fonctionne').first().waitFor();
  await popup.screenshot({ path: `${SCREENS}/popup.png` });
  // The portail's statistics, captured automatically on this first visit, then the history.
  const portail = await context.newPage();
  await portail.goto(`https://${HOSTS.portail}/statistiques`);
  await portail.locator('cg-capture-statistiques [data-cg-capture-resultat]').waitFor();
  await portail.screenshot({ path: `${SCREENS}/portail-statistiques.png` });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${await extensionIdOf(context)}/options.html#statistiques`);
  await options.locator('#statistiques .cg-stats-carte').first().waitFor();
  await options.locator('#statistiques').screenshot({ path: `${SCREENS}/statistiques.png` });
}

/**
 * The stores' screenshots, 1280 × 800, on the simulator's fictitious school: the console reached by
 * its own tabs, as an RA does. The popup is shown over the console, where the RA sees it.
 */
async function saveStoreScreenshots(context: BrowserContext): Promise<void> {
  mkdirSync(STORE.dir, { recursive: true });
  const viewport = { width: STORE.width, height: STORE.height };
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`https://${HOSTS.console}/tableau-de-bord`);
  await page.getByRole('navigation').getByRole('link', { name: 'Parcours ressource', exact: true }).click();
  await page.locator('[data-cg-fin-hote]').first().waitFor();
  await page.screenshot({ path: `${STORE.dir}/1-dates-de-fin.png` });
  const consoleImage = await page.screenshot();

  await page.getByRole('button', { name: 'Affectation groupée…' }).click();
  // On the committed seed, two subscriptions nobody has yet, for one class;
  // on another seed (--seed), the first of each.
  for (const [wanted, any] of [
    ['[data-cg-abonnement="ABO-1-ATLAS"], [data-cg-abonnement="AUTO_GAR_10001"]', '[data-cg-abonnement]'],
    ['[data-cg-cible="division:4A"]', '[data-cg-cible^="division:"]'],
  ] as const) {
    await page.locator(any).first().waitFor();
    const boxes = (await page.locator(wanted).count()) > 0 ? page.locator(wanted) : page.locator(any).first();
    for (const box of await boxes.all()) await box.check();
  }
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  await page.locator('[data-cg-total]').waitFor();
  await page.screenshot({ path: `${STORE.dir}/2-affectation-groupee.png` });

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${await extensionIdOf(context)}/popup.html`);
  await popup.getByText('fonctionne').first().waitFor();
  const popupImage = await popup.screenshot();
  await popup.setContent(
    `<body style="margin:0"><img style="display:block" src="data:image/png;base64,${consoleImage.toString('base64')}">` +
      `<img style="position:absolute;top:8px;right:24px;box-shadow:0 6px 24px #0006;border-radius:8px" src="data:image/png;base64,${popupImage.toString('base64')}"></body>`,
  );
  await popup.setViewportSize(viewport);
  await popup.screenshot({ path: `${STORE.dir}/3-fenetre-de-l-extension.png` });

  const options = await context.newPage();
  await options.setViewportSize(viewport);
  await options.goto(`chrome-extension://${await extensionIdOf(context)}/options.html#statistiques`);
  await options.locator('#statistiques .cg-stats-carte').first().waitFor();
  // The section's title at the top, with the page's own margin above it.
  await options.evaluate(() => window.scrollBy(0, -24));
  await options.screenshot({ path: `${STORE.dir}/4-historique-des-statistiques.png` });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seed: { type: 'string' } } });
  const seedDir = values.seed ?? DEFAULT_SEED;

  console.log('Compagnon GAR — démonstration\n1/3 Construction de l’extension…');
  execSync('npx wxt build', { stdio: 'inherit' });

  console.log(`2/3 Simulateur GAR sur la graine ${seedDir}…`);
  const simulator = await startSimulator({ seedDir, autoLogin: true });
  console.log(`console: https://${HOSTS.console}/ (port local ${simulator.port})`);
  console.log(`portail: https://${HOSTS.portail}/`);

  const visible = hasDisplay();
  const browser = chromiumExecutable() ?? 'Chromium de Playwright';
  console.log(`3/3 ${browser} ${visible ? 'à l’écran' : 'sans écran (headless)'}, extension chargée…`);
  const context = await launchWithExtension(simulator.port, { headless: !visible });
  const stop = async (): Promise<void> => {
    await context.close().catch(() => undefined);
    await simulator.close();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));

  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`https://${HOSTS.console}/tableau-de-bord`);

  if (!visible) {
    await saveScreenshots(context);
    await saveStoreScreenshots(context);
    console.log(
      `Pas d’écran : captures de la console, de la fenêtre de l’extension et des statistiques dans ${SCREENS}/, celles des magasins (${STORE.width} × ${STORE.height}) dans ${STORE.dir}/`,
    );
    console.log('Pour naviguer vous-même, lancez « npm start » sur un poste avec un écran.');
    await stop();
    return;
  }
  console.log('Prêt : la console est ouverte. Fermez le navigateur ou faites Ctrl-C pour arrêter.');
  context.on('close', () => void simulator.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error('La démonstration n’a pas pu démarrer :', error instanceof Error ? error.message : error);
  process.exit(1);
});
