import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test, WORKED_CALIBRATION } from './fixtures';
import { choose, confirmButton, holders, openBulk, previewTotal } from './support/console-api';
import { diagnoseFirstGarTab, setExtensionStorage } from './support/extension-pages';
import { logIn } from './support/gar-pages';
import { clickTab, HELPERS } from './support/ra-navigation';

/**
 * The simulator's second skin (`--variante`: other data hooks, class names, URL and API paths,
 * tests/sim/README.md) stands for a real console that differs from our model. With the built-in
 * profile the extension recognises nothing and says so, writing nothing; with the worked example's
 * fichier d'étalonnage (tests/sim/etalonnage-variante.json) imported, the RA's journeys work again.
 * Moving like an RA: log in, then the site's own tabs and links.
 */

test.use({ variante: true });

const ATLAS = 'ABO-1-ATLAS';

test.beforeEach(async ({ simulator }) => {
  await simulator.reset();
});

async function setCalibration(
  openExtensionPage: (path: string) => Promise<Page>,
  imported: boolean,
): Promise<void> {
  const options = await openExtensionPage('options.html');
  const shown = options.getByTestId('etalonnage-profil');
  await expect(shown).toBeVisible();
  const revert = options.getByRole('button', { name: 'Revenir au profil intégré' });
  if (imported) {
    await options.getByTestId('etalonnage-fichier').setInputFiles(WORKED_CALIBRATION);
    await expect(shown).toContainText('Simulateur, seconde apparence');
  } else if ((await revert.count()) > 0) {
    await revert.click();
    await expect(shown).toContainText('profil intégré');
  }
  await options.close();
}

test('built-in profile on a console it does not know: the bar says so, no helper runs, the console works', async ({
  page,
  openExtensionPage,
}) => {
  await setCalibration(openExtensionPage, false);
  await logIn(page);
  await clickTab(page, 'Parcours ressource');
  await expect(page).toHaveURL(/\/catalogue$/);
  await expect(page.locator(HELPERS.barre).locator('[data-cg-indisponibles]')).toContainText(
    'Page non reconnue',
  );
  await expect(page.locator('[data-cg-fin-hote]')).toHaveCount(0);
  await expect(page.locator(HELPERS.triParFin)).toHaveCount(0);
  await expect(page.locator(HELPERS.affectationGroupee)).toHaveCount(0);

  // The console itself is untouched: the RA opens a resource and assigns from the site.
  const before = await holders(page, ATLAS);
  await page.locator(`a[href="/catalogue/fiche/${ATLAS}"]`).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('[data-cg-fin-hote]')).toHaveCount(0);
  expect(await holders(page, ATLAS)).toEqual(before);

  // The diagnostic tells a maintainer what differs: no view recognised, the endpoints not found.
  const options = await openExtensionPage('options.html');
  const diagnostic = await diagnoseFirstGarTab(options);
  const result = diagnostic.getByTestId('diagnostic-resultat');
  await expect(result).toContainText('Vue détectée : inconnue');
  await expect(result).toContainText('✘ session (/api/session) : réponse HTTP 404');
  const report = JSON.parse((await diagnostic.getByTestId('diagnostic-rapport').textContent()) ?? '{}');
  expect(report.page).toBe('/catalogue/fiche/:id');
  expect(report.structure.requetes).toContain('/api/v2/structures/:uai/abonnements');
  expect(report.structure.squelette).toContain('data-v-vue="ressource"');
});

test('with the fichier d’étalonnage imported: end badges, the sort and a bulk assignment with its undo work on the second skin', async ({
  page,
  openExtensionPage,
}) => {
  await setCalibration(openExtensionPage, true);
  await logIn(page);
  await clickTab(page, 'Parcours ressource');
  const rows = page.locator('table[data-v-table="ressources"] tbody tr[data-abonnement]');
  await expect(rows.first()).toBeVisible();
  await expect(page.locator('#contenu [data-cg-fin-hote]')).toHaveCount(await rows.count());
  await expect(page.locator(HELPERS.barre).locator('[data-cg-indisponibles]')).toHaveCount(0);
  await page.locator(HELPERS.triParFin).getByRole('button', { name: 'Trier par date de fin' }).click();

  // A resource's page, by its link: its title gets its badge.
  await page.locator(`a[href="/catalogue/fiche/${ATLAS}"]`).first().click();
  await expect(page.locator('#contenu [data-cg-fin-hote]')).toHaveCount(1);

  // Back to the list, a bulk assignment of a division and its undo, through the calibrated API.
  await clickTab(page, 'Parcours ressource');
  const root = await openBulk(page);
  await choose(root, [ATLAS], ['5A']);
  const total = await previewTotal(root);
  expect(total).toBeGreaterThan(0);
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  await expect(root.getByRole('status')).toContainText(`${total} licences affectées sur 1 abonnement`);
  expect(await holders(page, ATLAS)).toHaveLength(total);
  await root.getByRole('button', { name: 'Annuler cette opération' }).click();
  await root.getByRole('button', { name: /Confirmer : retirer/ }).click();
  await expect(root.getByRole('status')).toContainText(`${total} licences retirées sur 1 abonnement`);
  expect(await holders(page, ATLAS)).toEqual([]);

  await setCalibration(openExtensionPage, false);
});

test('a saved calibration this version refuses: said in the bar and the options page, then replaced by an up-to-date one', async ({
  page,
  openExtensionPage,
}) => {
  // What a later version of the file format would leave in storage: this version refuses it.
  const options = await openExtensionPage('options.html');
  const later = { ...JSON.parse(await readFile(WORKED_CALIBRATION, 'utf8')), version: 2 };
  await setExtensionStorage(options, { etalonnage: later });
  await options.reload();
  const shown = options.getByTestId('etalonnage-profil');
  await expect(shown).toContainText(
    "n'est plus accepté par cette version de l'extension : champ « version »",
  );
  await expect(shown).toContainText('Le profil intégré est utilisé à sa place.');

  await logIn(page);
  await clickTab(page, 'Parcours ressource');
  const warning = page.locator(HELPERS.barre).locator('[data-cg-indisponibles]');
  await expect(warning).toHaveText(
    "⚠ Le fichier d'étalonnage enregistré n'est plus accepté : le profil intégré est utilisé, des aides peuvent manquer ici. Le détail est dans les réglages.",
  );
  await expect(page.locator('[data-cg-fin-hote]')).toHaveCount(0);

  // The diagnostic names it too, for the maintainer.
  const diagnostic = await diagnoseFirstGarTab(options);
  await expect(diagnostic.getByTestId('diagnostic-resultat')).toContainText(
    "profil intégré (le fichier d'étalonnage enregistré est refusé : champ « version »",
  );

  // The RA imports the up-to-date file: the warning goes, the helpers come back.
  await options.getByTestId('etalonnage-fichier').setInputFiles(WORKED_CALIBRATION);
  await expect(shown).toContainText('Simulateur, seconde apparence');
  await page.reload();
  await expect(page.locator('#contenu [data-cg-fin-hote]').first()).toBeVisible();
  await expect(page.locator(HELPERS.barre)).toBeVisible();
  await expect(warning).toHaveCount(0);
});
