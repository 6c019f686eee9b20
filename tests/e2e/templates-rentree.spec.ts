import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { holders } from './support/console-api';
import { logIn } from './support/gar-pages';
import { bulkPanel, goToConsoleView } from './support/ra-navigation';
import { rewriteMultiSeed } from './support/seeds';
import { skinCss } from './support/skin';
import { forgetTemplates, saveAsTemplate } from './support/templates';

/**
 * Templates across a school year, through the built extension: saved from a bulk assignment on
 * this year's multi seed, applied on next year's (every idAbonnement renewed, ATLAS not renewed,
 * nobody assigned yet). The seed folder is put back as it was whatever happens.
 */

const ATLAS = 'ABO-1-ATLAS';
const FRANCAIS_5E = 'ABO-1-FRANCAIS-5E-1';
const FRANCAIS_5E_NEXT = 'ABO-1-FRANCAIS-5E-1-N1';

test.afterEach(async ({ seedDir, simulator, openExtensionPage }) => {
  rewriteMultiSeed(seedDir, { nextYear: false });
  await simulator.reset();
  await forgetTemplates(await openExtensionPage('options.html'));
});

/** In school A's console this year: the French 5e manual and the atlas to 5A, saved as a template. */
async function saveRentree5A(page: Page): Promise<Locator> {
  await logIn(page);
  await goToConsoleView(page, 'ressources');
  await saveAsTemplate(page, {
    name: 'Rentrée 5A',
    subscriptions: [FRANCAIS_5E, ATLAS],
    targets: [{ tab: 'Divisions', cible: 'division:5A' }],
  });
  return bulkPanel(page);
}

test('a template exported from one school imports elsewhere and lists, in the other school, what it cannot resolve', async ({
  page,
  seedDir,
  simulator,
  openExtensionPage,
}) => {
  await simulator.reset();
  await saveRentree5A(page);
  const options = await openExtensionPage('options.html');
  const section = options.getByRole('region', { name: "Modèles d'affectation" });
  const download = options.waitForEvent('download');
  await section.getByRole('button', { name: 'Exporter tous les modèles' }).click();
  const file = await readFile(await (await download).path(), 'utf8');

  // Another RA, another browser: an empty store, then the file.
  await forgetTemplates(options);
  await options.reload();
  await options.getByTestId('import-modeles').setInputFiles({
    name: 'modeles.json',
    mimeType: 'application/json',
    buffer: Buffer.from(file),
  });
  await expect(section.getByRole('group')).toContainText('1 ajouté');
  await section.getByRole('button', { name: 'Confirmer l’import' }).click();
  await expect(section.locator('tr[data-template-id]')).toHaveCount(1);

  // The other collège, next year: its own subscription ids, and no atlas.
  rewriteMultiSeed(seedDir, { nextYear: true });
  await simulator.reset();
  await goToConsoleView(page, 'tableau-de-bord');
  await goToConsoleView(page, 'ressources');
  await page.locator(skinCss('select[data-gar-uai]')).selectOption('0290009C');
  await expect(page.locator(skinCss('body[data-gar-uai-courant="0290009C"]'))).toBeAttached();
  const root = bulkPanel(page);
  await root.getByRole('button', { name: 'Affectation groupée…' }).click();
  await root.getByRole('button', { name: 'Appliquer des modèles…' }).click();
  await root.locator('[data-cg-modele="Rentrée 5A"]').check();
  await root.getByRole('button', { name: 'Voir ce qui s’applique cette année' }).click();
  await expect(root.locator('[data-cg-lignes]')).toHaveAttribute('data-cg-lignes', '1');
  await expect(root.locator('[data-cg-non-resolu="ressourceAbsente"]')).toContainText(
    'Atlas numérique du monde',
  );
  await root.locator('[data-cg-non-resolu="ressourceAbsente"]').getByRole('checkbox').check();
  await root.getByRole('button', { name: 'Prévisualiser' }).click();
  await expect(root.locator('[data-cg-apercu="ABO-2-FRANCAIS-5E-1-N1"]')).toContainText('Division 5A');
});

test('a template saved this year applies next year: renewed subscriptions found by resource, the missing one listed, one job', async ({
  page,
  seedDir,
  simulator,
  openExtensionPage,
}) => {
  await simulator.reset();
  const root = await saveRentree5A(page);

  // A year later: new orders, new ids; the atlas was not renewed.
  rewriteMultiSeed(seedDir, { nextYear: true });
  await simulator.reset();
  await goToConsoleView(page, 'tableau-de-bord');
  await goToConsoleView(page, 'ressources');
  await root.getByRole('button', { name: 'Affectation groupée…' }).click();
  await root.getByRole('button', { name: 'Appliquer des modèles…' }).click();
  await root.locator('[data-cg-modele="Rentrée 5A"]').check();
  // Conformity first: nobody of 5A has this year's French manual yet.
  await root.getByRole('button', { name: 'Vérifier la conformité' }).click();
  await expect(root.locator(`[data-cg-conforme="${FRANCAIS_5E_NEXT}"]`)).toContainText(/⚠ 35/);
  await page.screenshot({ path: 'test-results/screens/modeles-conformite.png' });
  await root.getByRole('button', { name: 'Voir ce qui s’applique cette année' }).click();

  await expect(root.locator('[data-cg-lignes]')).toHaveAttribute('data-cg-lignes', '1');
  const missing = root.locator('[data-cg-non-resolu="ressourceAbsente"]');
  await expect(missing).toContainText('Atlas numérique du monde');
  const preview = root.getByRole('button', { name: 'Prévisualiser' });
  await expect(preview).toBeDisabled();
  await page.screenshot({ path: 'test-results/screens/modeles-resolution.png' });
  await missing.getByRole('checkbox').check();
  await preview.click();

  await expect(root.locator('[data-cg-modeles]')).toContainText('Rentrée 5A');
  await expect(root.locator(`[data-cg-apercu="${FRANCAIS_5E_NEXT}"]`)).toContainText('Division 5A');
  const total = Number(await root.locator('[data-cg-total]').getAttribute('data-cg-total'));
  expect(total).toBeGreaterThan(27);
  await page.screenshot({ path: 'test-results/screens/modeles-apercu.png' });
  await root.getByRole('button', { name: /^Confirmer : affecter/ }).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  await expect(root.getByRole('status')).toContainText(`${total} licences affectées sur 1 abonnement.`);
  expect(await holders(page, FRANCAIS_5E_NEXT)).toHaveLength(total);

  // And now the console matches the template.
  await root.getByRole('button', { name: 'Fermer' }).last().click();
  await root.getByRole('button', { name: 'Affectation groupée…' }).click();
  await root.getByRole('button', { name: 'Appliquer des modèles…' }).click();
  await root.locator('[data-cg-modele="Rentrée 5A"]').check();
  await root.getByRole('button', { name: 'Vérifier la conformité' }).click();
  await expect(root.locator(`[data-cg-conforme="${FRANCAIS_5E_NEXT}"]`)).toContainText('✔ 0');

  // The check is kept: a badge on the resource in Parcours ressource, a table in the options page.
  await page.reload();
  const row = page.locator(skinCss(`tr[data-id-abonnement="${FRANCAIS_5E_NEXT}"]`));
  const badge = row.locator('[data-cg-modele-badge]');
  await expect(badge).toHaveText(/Modèle : conforme/);
  await expect(badge).toHaveAttribute('title', /^Rentrée 5A : 0 sans licence/);
  // One line, however narrow the console's title column.
  expect(await badge.evaluate((element) => element.getClientRects().length)).toBe(1);
  const height = await badge.evaluate((element) => element.getBoundingClientRect().height);
  expect(height).toBeLessThan(30);
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/modeles-badge.png' });
  const options = await openExtensionPage('options.html');
  const checks = options.locator('[data-cg-conformite-options]');
  await expect(checks).toContainText('Rentrée 5A');
  await expect(checks).toContainText('Français 5e — manuel numérique');
  await expect(checks.locator('tbody tr')).toHaveCount(1);
});

test('a rule whose resource was not delivered offers what the RA can do: another of this year’s subscriptions, or the order to check', async ({
  page,
  seedDir,
  simulator,
}) => {
  await simulator.reset();
  const root = await saveRentree5A(page);
  rewriteMultiSeed(seedDir, { nextYear: true });
  await simulator.reset();
  await goToConsoleView(page, 'tableau-de-bord');
  await goToConsoleView(page, 'ressources');
  await root.getByRole('button', { name: 'Affectation groupée…' }).click();
  await root.getByRole('button', { name: 'Appliquer des modèles…' }).click();
  await root.locator('[data-cg-modele="Rentrée 5A"]').check();
  await root.getByRole('button', { name: 'Voir ce qui s’applique cette année' }).click();

  const missing = root.locator('[data-cg-non-resolu="ressourceAbsente"]');
  await expect(missing).toContainText('Atlas numérique du monde');
  await expect(missing).toContainText(
    'Si cette ressource a été commandée, demandez à l’éditeur ou au distributeur de la livrer : elle apparaîtra alors dans la console.',
  );
  const replace = missing.getByLabel('Utiliser à la place un abonnement de cette année');
  // Every subscription the console would accept this year, besides « — choisir — ».
  expect(await replace.locator('option').count()).toBeGreaterThan(2);
  await page.screenshot({ path: 'test-results/screens/modeles-resolution-choix.png' });

  // The order: the options page opens at its orders section.
  const opened = page.context().waitForEvent('page');
  await missing.getByRole('button', { name: 'Vérifier la commande dans les réglages' }).click();
  const orders = await opened;
  await expect(orders).toHaveURL(/\/options\.html#commandes$/);
  await expect(orders.getByRole('region', { name: 'Commandes attendues' })).toBeInViewport();
  await orders.close();

  // Another subscription instead: the rule resolves, and the choice stays visible and can change.
  const option = replace.locator('option').nth(1);
  const chosen = (await option.getAttribute('value')) ?? '';
  const title = ((await option.textContent()) ?? '').replace(/ \([^)]*\)$/, '');
  await replace.selectOption(chosen);
  await expect(missing).toHaveCount(0);
  await expect(root.locator('[data-cg-lignes]')).toHaveAttribute('data-cg-lignes', '2');
  const decisions = root.locator('[data-cg-decisions]');
  await expect(decisions).toContainText(`règle 2 (Atlas numérique du monde) : « ${title} » cette année.`);
  await page.screenshot({ path: 'test-results/screens/modeles-resolution-choisi.png' });
  await decisions.getByRole('button', { name: 'Changer' }).click();
  await expect(missing).toBeVisible();
  await missing.getByLabel('Utiliser à la place un abonnement de cette année').selectOption(chosen);

  await root.getByRole('button', { name: 'Prévisualiser' }).click();
  await expect(root.locator(`[data-cg-apercu="${chosen}"]`)).toContainText('Division 5A');
  await expect(root.locator(`[data-cg-apercu="${FRANCAIS_5E_NEXT}"]`)).toContainText('Division 5A');
});
