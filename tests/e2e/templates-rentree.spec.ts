import { expect, test } from './fixtures';
import { consoleUrl, logIn } from './support/gar-pages';
import { rewriteMultiSeed } from './support/seeds';

/**
 * Templates across a school year, through the built extension: saved from a bulk assignment on
 * this year's multi seed, applied on next year's (every idAbonnement renewed, ATLAS not renewed,
 * nobody assigned yet). The seed folder is put back as it was whatever happens.
 */

const ATLAS = 'ABO-1-ATLAS';
const FRANCAIS_5E = 'ABO-1-FRANCAIS-5E-1';
const FRANCAIS_5E_NEXT = 'ABO-1-FRANCAIS-5E-1-N1';

test.afterEach(async ({ seedDir, simulator }) => {
  rewriteMultiSeed(seedDir, { nextYear: false });
  await simulator.reset();
});

async function holders(page: import('@playwright/test').Page, id: string): Promise<string[]> {
  return page.evaluate(async (idAbonnement) => {
    const response = await fetch(`/api/etablissements/0561622J/abonnements/${idAbonnement}/affectations`);
    const body = (await response.json()) as { affectations: { idPersonne: string }[] };
    return body.affectations.map((a) => a.idPersonne);
  }, id);
}

test('a template saved this year applies next year: renewed subscriptions found by resource, the missing one listed, one job', async ({
  page,
  seedDir,
  simulator,
}) => {
  await simulator.reset();
  await logIn(page);
  await page.goto(consoleUrl('/ressources'));
  const root = page.locator('cg-affectation-groupee');
  await root.getByRole('button', { name: 'Affectation groupée…' }).click();
  await root.locator(`[data-cg-abonnement="${FRANCAIS_5E}"]`).check();
  await root.locator(`[data-cg-abonnement="${ATLAS}"]`).check();
  await root.locator('[data-cg-cible="division:5A"]').check();
  await root.getByRole('button', { name: 'Prévisualiser' }).click();
  await root.getByRole('button', { name: 'Enregistrer comme modèle…' }).click();
  await root.getByLabel('Nom du modèle').fill('Rentrée 5A');
  await root.getByRole('button', { name: 'Enregistrer le modèle' }).click();
  await expect(root.getByRole('status')).toContainText('Modèle « Rentrée 5A » enregistré');

  // A year later: new orders, new ids; the atlas was not renewed.
  rewriteMultiSeed(seedDir, { nextYear: true });
  await simulator.reset();
  await page.goto(consoleUrl('/ressources'));
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
  await expect(root.getByRole('status')).toContainText(`${total} licence(s) affectée(s) sur 1 abonnement(s)`);
  expect(await holders(page, FRANCAIS_5E_NEXT)).toHaveLength(total);

  // And now the console matches the template.
  await root.getByRole('button', { name: 'Fermer' }).last().click();
  await root.getByRole('button', { name: 'Affectation groupée…' }).click();
  await root.getByRole('button', { name: 'Appliquer des modèles…' }).click();
  await root.locator('[data-cg-modele="Rentrée 5A"]').check();
  await root.getByRole('button', { name: 'Vérifier la conformité' }).click();
  await expect(root.locator(`[data-cg-conforme="${FRANCAIS_5E_NEXT}"]`)).toContainText('✔ 0');
});
