import { expect, test } from './fixtures';
import { seriousA11yViolations } from './support/a11y';
import { HOSTS } from './support/browser';

test.describe.configure({ mode: 'serial' });

test('the popup reports which helpers ran on the GAR pages', async ({ page, openExtensionPage }) => {
  await page.goto(`https://${HOSTS.console}/`);
  await expect(page.locator('cg-barre-compagnon')).toHaveCount(1);

  const popup = await openExtensionPage('popup.html');
  await popup.setViewportSize({ width: 400, height: 320 });
  await expect(popup.getByRole('heading', { name: 'Compagnon GAR' })).toBeVisible();
  const entry = popup.getByRole('listitem').filter({ hasText: 'Barre Compagnon GAR' });
  await expect(entry).toContainText('fonctionne');
  await expect(entry).toContainText(`https://${HOSTS.console}/`);
  expect(await seriousA11yViolations(popup)).toEqual([]);
  await popup.screenshot({ path: 'test-results/screens/popup.png' });
});

test('the options page is keyboard-usable and accessible', async ({ openExtensionPage }) => {
  const options = await openExtensionPage('options.html');
  await expect(options.getByRole('heading', { name: 'Réglages de Compagnon GAR' })).toBeVisible();
  // One switch per helper, named in the RA's words.
  const switches = options.getByRole('region', { name: 'Aides dans les pages' }).getByRole('checkbox');
  const names = await switches.evaluateAll((boxes) =>
    boxes.map((box) => box.closest('label')?.textContent?.trim() ?? ''),
  );
  expect(names.map((name) => name.split('\n')[0]?.trim())).toEqual([
    'Barre Compagnon GAR',
    'Mémoire des abonnements (dates de fin et licences vues dans la console)',
    'Badges de fin d’abonnement dans la console',
    'Tri et filtre par date de fin dans Parcours ressource',
    'Affectation groupée',
    'Écart aux modèles dans Parcours ressource',
    'Vérification de la synchronisation ENT (tableau de bord)',
    'Livraisons des commandes (tableau de bord)',
    'Statut de livraison dans Parcours ressource',
    'Capture des compteurs de licences (console)',
    'Badges de fin d’abonnement dans le portail',
    'Capture des statistiques (portail)',
  ]);
  // Tab reaches the first field; a switch toggles with Space — then back.
  await options.keyboard.press('Tab');
  await expect(options.getByRole('spinbutton').first()).toBeFocused();
  const first = options.getByRole('checkbox', { name: 'Barre Compagnon GAR' });
  await first.focus();
  await options.keyboard.press('Space');
  await expect(options.getByRole('status').filter({ hasText: 'Réglage enregistré.' })).toBeVisible();
  await expect(first).not.toBeChecked();
  await options.keyboard.press('Space');
  await expect(first).toBeChecked();
  expect(await seriousA11yViolations(options)).toEqual([]);
  await options.screenshot({ path: 'test-results/screens/options.png', fullPage: true });
});

test('a helper switched off no longer appears and says so in the report', async ({
  page,
  openExtensionPage,
}) => {
  const options = await openExtensionPage('options.html');
  const checkbox = options.getByRole('checkbox', { name: /Barre Compagnon GAR/ });
  await checkbox.uncheck();
  await expect(options.getByText('Réglage enregistré.')).toBeVisible();

  await page.goto(`https://${HOSTS.console}/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByRole('listitem').filter({ hasText: 'Barre Compagnon GAR' })).toContainText(
    'désactivée',
  );
  await expect(page.locator('cg-barre-compagnon')).toHaveCount(0);

  await checkbox.check();
  await expect(checkbox).toBeChecked();
  await page.reload();
  await expect(page.locator('cg-barre-compagnon')).toHaveCount(1);
});

test('end-date thresholds are saved, and inconsistent ones refused in French', async ({
  openExtensionPage,
}) => {
  const options = await openExtensionPage('options.html');
  const soon = options.getByRole('spinbutton', { name: /expire bientôt/ });
  await expect(soon).toHaveValue('30');
  await soon.fill('120');
  await soon.press('Tab');
  await expect(
    options.getByText(/Seuils refusés : le premier doit être un nombre de jours plus petit/),
  ).toBeVisible();
  await options.reload();
  await expect(options.getByRole('spinbutton', { name: /expire bientôt/ })).toHaveValue('30');

  await options.getByRole('spinbutton', { name: /expire bientôt/ }).fill('20');
  await options.getByRole('spinbutton', { name: /expire bientôt/ }).press('Tab');
  await expect(options.getByText('Réglage enregistré.').first()).toBeVisible();
  await options.reload();
  await expect(options.getByRole('spinbutton', { name: /expire bientôt/ })).toHaveValue('20');
  // Back to the default for the other tests of this browser.
  await options.getByRole('spinbutton', { name: /expire bientôt/ }).fill('30');
  await options.getByRole('spinbutton', { name: /expire bientôt/ }).press('Tab');
  await expect(options.getByText('Réglage enregistré.').first()).toBeVisible();
});
