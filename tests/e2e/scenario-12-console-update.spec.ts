import { expect, test } from './fixtures';
import { logIn } from './support/gar-pages';
import { clickTab, expectConsoleHelpers, goToConsoleView, HELPERS, settled } from './support/ra-navigation';
import { clearFaults, setFaults } from './support/sim-admin';

/**
 * Scenario 12 — a console update. GAR ships a new console version whose resource list no longer
 * marks the end-date cell the way the extension expects (the simulator's `crochetsRetires` fault:
 * pages loaded from then on do not render `data-gar-fin`). The affected helpers say « indisponible »
 * where the RA is and in the popup's health report; everything else, and the console, keep working.
 */

test.beforeEach(async ({ simulator }) => {
  await simulator.reset();
  await clearFaults(simulator.port);
});
test.afterEach(async ({ simulator }) => {
  await clearFaults(simulator.port);
});

test('a selector that no longer matches: « indisponible » in place and in the popup, the console untouched', async ({
  page,
  simulator,
  openExtensionPage,
}) => {
  await setFaults(simulator.port, { crochetsRetires: ['garFin'] });
  await logIn(page);
  await goToConsoleView(page, 'ressources');
  const rows = page.locator('table[data-gar-table="ressources"] tbody tr[data-id-abonnement]');
  await expect(rows.first()).toBeVisible();
  const rowCount = await rows.count();

  // In place: the sort bar says it cannot work, and no end badge is guessed.
  const sortBar = page.locator(HELPERS.triParFin);
  await expect(sortBar.locator('[data-cg-indisponible]')).toContainText('Tri par date de fin indisponible');
  await expect(sortBar.getByRole('button', { name: 'Trier par date de fin' })).toHaveCount(0);
  await expect(page.locator('#contenu [data-cg-fin-hote]')).toHaveCount(0);
  // The bar names what is unavailable here, once the helpers have waited for the page (5 s).
  const unavailable = page.locator(HELPERS.barre).locator('[data-cg-indisponibles]');
  await expect(unavailable).toContainText('Badges de fin d’abonnement dans la console', { timeout: 15_000 });
  await expect(unavailable).toContainText('Tri et filtre par date de fin');
  await page.screenshot({ path: 'test-results/screens/scenario-12-indisponible.png' });

  // The popup's health report says which helper is unavailable, and why, in French.
  const popup = await openExtensionPage('popup.html');
  const entry = popup.getByRole('listitem').filter({ hasText: 'Badges de fin d’abonnement dans la console' });
  await expect(entry).toContainText('indisponible');
  await expect(entry).toContainText('Élément de la page introuvable : la console a peut-être changé.');
  await popup.screenshot({ path: 'test-results/screens/scenario-12-popup.png', fullPage: true });
  await popup.close();

  // The helpers that do not depend on it still work; the console's own filter still works.
  await expect(
    page.locator(HELPERS.affectationGroupee).getByRole('button', { name: 'Affectation groupée…' }),
  ).toBeVisible();
  const quickFilter = page.locator('input[data-gar-filtre="ressources"]');
  await quickFilter.fill('maths');
  await expect(
    page.locator('table[data-gar-table="ressources"] tbody tr[data-id-abonnement]:visible'),
  ).not.toHaveCount(rowCount);
  await quickFilter.fill('');
  // A resource page opens as usual from its « Visualiser » link.
  await goToConsoleView(page, 'ressource');
  await expect(page.locator('#contenu h1[data-id-abonnement]')).toBeVisible();

  // Calibration restored (here: the old version back): the next pages get every helper again.
  await clearFaults(simulator.port);
  await page.reload();
  await settled(page);
  await clickTab(page, 'Parcours ressource');
  await expectConsoleHelpers(page, 'ressources');
  await expect(unavailable).toHaveCount(0);
});
