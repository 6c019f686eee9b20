import { expect, test } from './fixtures';
import { consoleUrl, logIn, portailUrl } from './support/gar-pages';
import { clickTab } from './support/ra-navigation';

// The simulated console and portail, as an RA uses them: log in, switch school, read each tab.
test.describe.configure({ mode: 'serial' });

const SCREENS = 'test-results/screens';

test('an RA logs in to the console and reads each tab', async ({ page }) => {
  // The browser is shared by the worker's tests: start logged out.
  await page.context().clearCookies();
  await page.goto(consoleUrl('/tableau-de-bord'));
  await expect(page).toHaveURL(/\/connexion/);
  await logIn(page);
  await expect(page).toHaveURL(consoleUrl('/tableau-de-bord'));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/console-tableau-de-bord.png`, fullPage: true });

  await clickTab(page, 'Parcours ressource');
  const rows = page.locator('[data-gar-table="ressources"] [data-id-abonnement]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(20);
  await page.screenshot({ path: `${SCREENS}/console-parcours-ressource.png`, fullPage: true });

  await clickTab(page, 'Parcours par population');
  await expect(page.locator('#contenu')).toContainText('6e A');
  await page.screenshot({ path: `${SCREENS}/console-parcours-population.png`, fullPage: true });

  await clickTab(page, 'Récupération de licences');
  await expect(page.locator('#contenu')).toContainText(/PARTI-/);
  await page.screenshot({ path: `${SCREENS}/console-recuperation.png`, fullPage: true });
});

test('an RA of two schools switches UAI and sees the other school', async ({ page }) => {
  await logIn(page);
  const switcher = page.locator('select[data-gar-uai]');
  await expect(switcher).toHaveValue('0561622J');
  await switcher.selectOption('0290009C');
  await expect(page.locator('body[data-gar-application]')).toHaveAttribute(
    'data-gar-uai-courant',
    '0290009C',
  );
  await clickTab(page, 'Parcours ressource');
  await expect(page.locator('[data-id-abonnement^="ABO-2-"]').first()).toBeVisible();
  await expect(page.locator('[data-id-abonnement^="ABO-1-"]')).toHaveCount(0);
  await switcher.selectOption('0561622J');
  await expect(page.locator('body[data-gar-application]')).toHaveAttribute(
    'data-gar-uai-courant',
    '0561622J',
  );
});

test('the portail shows subscriptions with end dates and exports usage statistics', async ({ page }) => {
  await logIn(page, portailUrl('/connexion'));
  await clickTab(page, 'Abonnements');
  await expect(page.locator('#contenu')).toContainText('Presse junior');
  await page.screenshot({ path: `${SCREENS}/portail-abonnements.png`, fullPage: true });

  await clickTab(page, 'Statistiques');
  await expect(page.locator('#contenu table').first()).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/portail-statistiques.png`, fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /CSV/ }).click();
  const csv = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of csv) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.split(/\r?\n/)[0]).toBe('\ufeffidRessource;libelleRessource;mois;profil;acces;utilisateurs');
});
