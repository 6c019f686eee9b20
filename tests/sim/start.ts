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
    console.log(
      `Pas d’écran : captures de la console, de la fenêtre de l’extension et des statistiques dans ${SCREENS}/`,
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
