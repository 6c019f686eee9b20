import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { personsOf, SCHOOL_A } from './support/console-api';
import { diagnoseFirstGarTab } from './support/extension-pages';
import { logIn } from './support/gar-pages';
import { goToConsoleView } from './support/ra-navigation';

/**
 * « Diagnostic de compatibilité », run by the RA from the options page on the console tab they
 * have open at a division's page (pupils' names on screen): each helper's anchors counted, the
 * endpoints checked, then a report that holds no name, id or school of a person.
 */

test.beforeEach(async ({ simulator }) => {
  await simulator.reset();
});

test('the diagnostic of an open console tab, and a report with nothing personal in it', async ({
  page,
  openExtensionPage,
}) => {
  await logIn(page);
  await goToConsoleView(page, 'ressources');
  await goToConsoleView(page, 'population-detail');
  const persons = await personsOf(page);
  const session = await page.evaluate(async () => (await fetch('/api/session')).json());

  const options = await openExtensionPage('options.html');
  const section = await diagnoseFirstGarTab(options);
  const result = section.getByTestId('diagnostic-resultat');
  await expect(result).toContainText('Vue détectée : population-detail');
  await expect(result).toContainText('Profil en usage : profil intégré');
  await expect(result).toContainText('✔ view : 1 élément trouvé');
  await expect(result).toContainText('✔ session (/api/session) : réponse conforme');
  await expect(result).toContainText('✔ population (/api/etablissements/:uai/population) : réponse conforme');
  await expect(result.locator('.cg-erreur')).toHaveCount(0);

  // What is shown is what is saved.
  const shown = await section.getByTestId('diagnostic-rapport').textContent();
  const downloading = options.waitForEvent('download');
  await section.getByRole('button', { name: 'Enregistrer le rapport' }).click();
  const saved = await readFile(await (await downloading).path(), 'utf8');
  expect(saved).toBe(shown);
  const report = JSON.parse(saved);
  expect(report.structure.squelette).toContain('data-gar-vue="population-detail"');
  expect(report.structure.requetes).toContain('/api/etablissements/:uai/population');
  expect(Object.keys(report.structure.formesJson).join(' ')).toContain('population');

  const secrets = [
    ...persons.flatMap((person) => [person.id, person.nom, person.prenom]),
    SCHOOL_A,
    session.ra.id,
    session.ra.nom,
    session.ra.prenom,
    ...session.etablissements.flatMap((school: { uai: string; nom: string }) => [school.uai, school.nom]),
  ].filter((secret) => secret.length >= 3);
  expect(persons.length).toBeGreaterThan(50);
  const lower = saved.toLowerCase();
  const leaked = secrets.filter((secret) => lower.includes(secret.toLowerCase()));
  expect(leaked).toEqual([]);
});

test('no GAR tab open: the diagnostic says what to do', async ({ openExtensionPage }) => {
  const options = await openExtensionPage('options.html');
  await options.getByRole('button', { name: 'Chercher les onglets GAR ouverts' }).click();
  await expect(options.getByTestId('diagnostic').getByRole('status')).toHaveText(
    "Aucun onglet de la console ou du portail GAR n'est ouvert : ouvrez-en un, puis cherchez à nouveau.",
  );
});

test('from the popup, the way to the diagnostic opens the options page at its section', async ({
  context,
  openExtensionPage,
}) => {
  const popup = await openExtensionPage('popup.html');
  const opened = context.waitForEvent('page');
  await popup
    .getByRole('button', { name: 'Une aide ne fonctionne plus ? Diagnostic de compatibilité…' })
    .click();
  const options = await opened;
  await expect(options).toHaveURL(/options\.html#diagnostic$/);
  await expect(options.getByRole('heading', { name: 'Diagnostic de compatibilité' })).toBeVisible();
  await options.close();
});
