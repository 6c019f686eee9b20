import { expect, test } from './fixtures';
import { consoleUrl, logIn } from './support/gar-pages';

// The rentrée check of the ENT's accounts, classes and groups, on the multi seed's collège A,
// whose generated population carries documented defects (an empty 5E, groups drawing oddly).
test('the dashboard checks the ENT synchronisation, says what to ask, and compares with the previous check and the expectations', async ({
  page,
  simulator,
}) => {
  await simulator.reset();
  await logIn(page);
  await page.goto(consoleUrl('/tableau-de-bord'));
  const panel = page.locator('cg-verification-ent');
  await panel.getByRole('button', { name: 'Vérifier la synchronisation ENT' }).click();

  const empty = panel.locator('[data-cg-constat="divisionVide"]');
  await expect(empty).toContainText('Division 5E : aucun élève.');
  await expect(empty).toContainText('À demander à l’administrateur de l’ENT');
  await expect(panel.getByText(/Première vérification|Comparé à la vérification du/)).toBeVisible();

  await panel.getByText('Ce que vous attendez (facultatif)').click();
  await panel.getByLabel('Nombre de divisions attendu').fill('18');
  await panel.getByRole('button', { name: 'Enregistrer les attentes' }).click();
  await expect(panel.getByRole('status')).toContainText('Attentes enregistrées');
  await page.screenshot({ path: 'test-results/screens/synchronisation-ent.png', fullPage: true });

  await panel.getByRole('button', { name: 'Vérifier la synchronisation ENT' }).click();
  await expect(panel.locator('[data-cg-constat="attenteDivisions"]')).toContainText(
    '17 divisions dans la console, 18 attendue(s).',
  );
  await expect(panel.getByText(/Comparé à la vérification du \d\d\/\d\d\/\d{4}/)).toBeVisible();
});
