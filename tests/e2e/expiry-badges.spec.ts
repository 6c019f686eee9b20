import { expect, test } from './fixtures';
import { logIn, portailUrl } from './support/gar-pages';
import { clickTab, goToConsoleView, switchSchool } from './support/ra-navigation';
import { skinCss } from './support/skin';

// End dates where decisions are made: next to each subscription in the console.
test('Parcours ressource shows an end badge on every subscription, with the exact date on hover', async ({
  page,
}) => {
  await logIn(page);
  await goToConsoleView(page, 'ressources');
  const rows = page.locator(skinCss('table[data-gar-table="ressources"] tbody tr[data-id-abonnement]'));
  await expect(rows.first()).toBeVisible();
  const badges = page.locator('[data-cg-fin-hote]');
  await expect(badges).toHaveCount(await rows.count());

  const maths = page.locator(skinCss('tr[data-id-abonnement="ABO-1-MATHS-6E-1"]'));
  const badge = maths.locator('[data-cg-fin]');
  await expect(badge).toHaveText(/⚠\s+expire dans 5 j/);
  await expect(badge).toHaveAttribute(
    'title',
    /Fin de validité : \d\d\/\d\d\/\d{4} \(finValidite\)\nLicences disponibles — élèves : \d+/,
  );
  await expect(page.locator(skinCss('tr[data-id-abonnement="ABO-1-ANGLAIS-5E-1"] [data-cg-fin]'))).toHaveText(
    /✖\s+expiré depuis 3 j/,
  );
  await expect(page.locator(skinCss('tr[data-id-abonnement="ABO-1-BIBLIO-2027"] [data-cg-fin]'))).toHaveText(
    /pas encore actif/,
  );
  await page.screenshot({ path: 'test-results/screens/console-badges-fin.png' });
});

test('the dashboard and a resource page show end badges too', async ({ page }) => {
  await logIn(page);
  await expect(page.locator(skinCss('[data-gar-liste="expirees"] [data-cg-fin]')).first()).toHaveText(
    /expiré depuis/,
  );
  // The expired resource's own page, by its link on the dashboard.
  await page.locator(skinCss('[data-gar-liste="expirees"] li a')).first().click();
  await expect(page.locator(skinCss('h1[data-id-abonnement] [data-cg-fin]'))).toHaveText(/expiré depuis/);
  // Another resource's page by « Visualiser » in Parcours ressource.
  await clickTab(page, 'Parcours ressource');
  await page
    .locator(skinCss('tr[data-id-abonnement="ABO-1-SVT-6E-1"] [data-gar-action="visualiser"]'))
    .click();
  await expect(page.locator(skinCss('h1[data-id-abonnement] [data-cg-fin]'))).toHaveText(/expire dans 12 j/);
});

test('the portail list shows the same end badges', async ({ page }) => {
  await logIn(page, portailUrl('/connexion'));
  await clickTab(page, 'Statistiques');
  await clickTab(page, 'Abonnements');
  const row = page.locator(
    skinCss('table[data-gar-table="abonnements"] tr[data-id-abonnement="ABO-1-MATHS-6E-1"]'),
  );
  await expect(row.locator('[data-cg-fin]')).toHaveText(/expire dans 5 j/);
  await page.screenshot({ path: 'test-results/screens/portail-badges-fin.png' });
});

test('Parcours ressource can be filtered and sorted by end date', async ({ page }) => {
  await logIn(page);
  await goToConsoleView(page, 'ressources');
  const toolbar = page.locator('cg-tri-par-fin');
  await expect(toolbar.getByRole('button', { name: 'Trier par date de fin' })).toBeVisible();
  const visibleRows = page.locator(
    skinCss('table[data-gar-table="ressources"] tbody tr[data-id-abonnement]:visible'),
  );

  await toolbar.getByLabel('Afficher').selectOption('expirees');
  await expect(toolbar.getByRole('status')).toHaveText('2 ressources affichées');
  await expect(visibleRows).toHaveCount(2);
  await toolbar.getByLabel('Afficher').selectOption('bientot');
  await expect(visibleRows).toHaveCount(3);
  await toolbar.getByLabel('Afficher').selectOption('toutes');
  await expect(visibleRows).toHaveCount(35);

  await toolbar.getByRole('button', { name: 'Trier par date de fin' }).click();
  await expect(visibleRows.first()).toHaveAttribute(skinCss('data-id-abonnement'), 'ABO-1-HISTOIRE-4E-1');
  await expect(visibleRows.nth(2)).toHaveAttribute(skinCss('data-id-abonnement'), 'ABO-1-MATHS-6E-1');
  await page.screenshot({ path: 'test-results/screens/console-tri-par-fin.png' });
});

test('switching school in the console re-reads it: the other school’s rows get their badges', async ({
  page,
}) => {
  await logIn(page);
  await goToConsoleView(page, 'ressources');
  await expect(
    page.locator(skinCss('tr[data-id-abonnement="ABO-1-MATHS-6E-1"] [data-cg-fin]')),
  ).toBeVisible();
  await switchSchool(page, '0290009C');
  await expect(page.locator(skinCss('tr[data-id-abonnement="ABO-2-MATHS-6E-1"] [data-cg-fin]'))).toHaveText(
    /expire dans 5 j/,
  );
  const rows = page.locator(skinCss('table[data-gar-table="ressources"] tbody tr[data-id-abonnement]'));
  await expect(page.locator('[data-cg-fin-hote]')).toHaveCount(await rows.count());
  await switchSchool(page, '0561622J');
  await expect(
    page.locator(skinCss('tr[data-id-abonnement="ABO-1-MATHS-6E-1"] [data-cg-fin]')),
  ).toBeVisible();
});
