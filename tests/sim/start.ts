/**
 * `npm start` — the demo. Builds the extension, serves the GAR pages under their real hostnames
 * on loopback, and opens Chromium with the extension loaded on the console.
 *
 * Until the simulator lands (issue 3), the pages served are plain fixture pages: the demo shows the
 * extension injecting its helper bar on GAR hostnames, its popup and its options page.
 */
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromiumExecutable, extensionIdOf, HOSTS, launchWithExtension } from '../e2e/support/browser';
import { fixturePages } from '../e2e/support/fixture-pages';
import { startHttpsServer } from '../e2e/support/https-server';

const SCREENS = '.output/demo';

async function main(): Promise<void> {
  console.log('Compagnon GAR — démonstration\n1/3 Construction de l’extension…');
  execSync('npx wxt build', { stdio: 'inherit' });

  console.log('2/3 Pages GAR de démonstration sur https://*.gar.education.fr (boucle locale)…');
  const server = await startHttpsServer(fixturePages);

  const visible = Boolean(
    process.env.DISPLAY || process.platform === 'darwin' || process.platform === 'win32',
  );
  console.log(
    `3/3 Chromium ${chromiumExecutable() ?? '(celui de Playwright)'} ${visible ? 'à l’écran' : 'sans écran (headless)'}…`,
  );
  const context = await launchWithExtension(server.port, { headless: !visible });
  const page = await context.newPage();
  await page.goto(`https://${HOSTS.console}/`);

  if (!visible) {
    // No display on this machine: show what a person would see as pictures instead.
    mkdirSync(SCREENS, { recursive: true });
    await page.locator('cg-barre-compagnon').getByText('Compagnon GAR').waitFor();
    await page.screenshot({ path: `${SCREENS}/console.png` });
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 320 });
    await popup.goto(`chrome-extension://${await extensionIdOf(context)}/popup.html`);
    await popup.getByText('fonctionne').first().waitFor();
    await popup.screenshot({ path: `${SCREENS}/popup.png` });
    console.log(
      `Pas d’écran : captures écrites dans ${SCREENS}/. Lancez sur un poste avec écran pour naviguer.`,
    );
    await context.close();
    await server.close();
    return;
  }
  console.log('Prêt. Fermez le navigateur ou faites Ctrl+C pour arrêter.');
  context.on('close', () => void server.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error('La démonstration n’a pas pu démarrer :', error);
  process.exit(1);
});
