import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { replaceStore } from './support/extension-store';
import { logIn } from './support/gar-pages';
import { clickTab, expectConsoleHelpers, switchSchool } from './support/ra-navigation';

/**
 * Scenario 5 — a staff meeting: « which subscriptions end before June? ». The RA has worked in the
 * console of both schools they manage, by its own tabs and school switcher; the popup answers from
 * what the console showed, sorted by end date, and exports a calendar for the school.
 */
test('the popup lists the soonest end dates of each school seen in the console', async ({
  page,
  openExtensionPage,
}) => {
  // What other specs' schools and years left in the memory is not this RA's.
  const blank = await openExtensionPage('options.html');
  await replaceStore(blank, 'seenSubscriptions', []);
  await blank.close();
  await logIn(page);
  await expectConsoleHelpers(page, 'tableau-de-bord');
  await switchSchool(page, '0290009C');
  // A tab click re-runs the helpers: the second school is remembered too.
  await clickTab(page, 'Parcours ressource');
  await expectConsoleHelpers(page, 'ressources');
  await switchSchool(page, '0561622J');
  await clickTab(page, 'Tableau de bord');
  await expectConsoleHelpers(page, 'tableau-de-bord');

  const popup = await openExtensionPage('popup.html');
  await popup.setViewportSize({ width: 400, height: 600 });
  const first = popup.getByRole('region', { name: 'Établissement 0561622J' });
  const second = popup.getByRole('region', { name: 'Établissement 0290009C' });
  await expect(first).toBeVisible();
  await expect(second).toBeVisible();
  await expect(first.getByText('expire dans 5 j')).toBeVisible();
  await expect(first.getByText(/expiré depuis 3 j/)).toBeVisible();
  await expect(first.getByText(/Licences encore disponibles/)).toBeVisible();
  const link = first.getByRole('link', { name: /Maths 6e/ });
  await expect(link).toHaveAttribute(
    'href',
    'https://affectation.gar.education.fr/ressources/ABO-1-MATHS-6E-1',
  );
  await popup.screenshot({ path: 'test-results/screens/popup-fins.png', fullPage: true });

  await popup.getByLabel('Rechercher une ressource').fill('presse');
  await expect(first.getByRole('link', { name: /Presse junior/ })).toBeVisible();
  await expect(first.getByRole('link', { name: /Maths 6e/ })).toHaveCount(0);
  await popup.getByLabel('Rechercher une ressource').fill('zzz introuvable');
  await expect(first.getByText('Aucune ressource ne correspond à la recherche.')).toBeVisible();

  const ics = popup.waitForEvent('download');
  await popup.getByRole('button', { name: 'Exporter l’agenda (.ics)' }).click();
  const calendar = await ics;
  expect(calendar.suggestedFilename()).toMatch(/^dates-de-fin-\d{4}-\d{2}-\d{2}\.ics$/);
  const icsText = await readFile(await calendar.path(), 'utf8');
  expect(icsText).toContain('SUMMARY:Fin d’abonnement : Maths 6e — manuel numérique');
  expect(icsText).toContain('TRIGGER:-P30D');

  const csv = popup.waitForEvent('download');
  await popup.getByRole('button', { name: 'Exporter en tableur (CSV)' }).click();
  const sheet = await readFile(await (await csv).path(), 'utf8');
  expect(sheet.charCodeAt(0)).toBe(0xfeff);
  expect(sheet).toContain('0561622J;Maths 6e — manuel numérique;');
});
