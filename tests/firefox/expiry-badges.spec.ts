import type { Page } from 'puppeteer-core';
import { expect, test } from './fixtures';
import { attributeOf, clickTab, countOf, logIn, textOf } from './pages';

/**
 * End badges in Firefox, after the console's own client-side navigation (tests/e2e/expiry-badges
 * and navigation-matrix): from the dashboard to « Parcours ressource » by its tab, away and back.
 */

const ROWS = 'table[data-gar-table="ressources"] tbody tr[data-id-abonnement]';
const BADGES = '#contenu [data-cg-fin-hote]';

/** Every row's number of end badges, in the table's order. */
const badgesPerRow = (page: Page): Promise<number[]> =>
  page.$$eval(ROWS, (rows) => rows.map((row) => row.querySelectorAll('[data-cg-fin-hote]').length));

async function expectOneBadgePerRow(page: Page): Promise<void> {
  // The toolbar and every row's badge: this view's run has happened.
  await expect.poll(() => countOf(page, 'cg-tri-par-fin')).toBe(1);
  const rows = await countOf(page, ROWS);
  expect(rows).toBeGreaterThan(0);
  await expect.poll(() => badgesPerRow(page)).toEqual(Array(rows).fill(1));
  expect(await countOf(page, BADGES)).toBe(rows);
}

test('Parcours ressource, reached by its tab, shows one end badge per subscription, again after going away and back', async ({
  tab,
}) => {
  await logIn(tab);
  // The dashboard's list of expired subscriptions has its badges too.
  await expect
    .poll(() => textOf(tab, '[data-gar-liste="expirees"] [data-cg-fin]'))
    .toMatch(/^✖ expiré depuis \d+ j$/);

  await clickTab(tab, 'ressources');
  await expectOneBadgePerRow(tab);
  expect(await countOf(tab, ROWS)).toBe(35);
  const maths = 'tr[data-id-abonnement="ABO-1-MATHS-6E-1"] [data-cg-fin]';
  expect(await textOf(tab, maths)).toBe('⚠ expire dans 5 j');
  expect(await attributeOf(tab, maths, 'title')).toMatch(
    /^Fin de validité : \d\d\/\d\d\/\d{4} \(finValidite\)\nLicences disponibles — élèves : \d+/,
  );
  expect(await textOf(tab, 'tr[data-id-abonnement="ABO-1-ANGLAIS-5E-1"] [data-cg-fin]')).toBe(
    '✖ expiré depuis 3 j',
  );
  expect(await textOf(tab, 'tr[data-id-abonnement="ABO-1-BIBLIO-2027"] [data-cg-fin]')).toMatch(
    /pas encore actif/,
  );

  // Away by another tab: Parcours ressource's helpers go with its table.
  await clickTab(tab, 'population');
  await tab.waitForSelector('table[data-gar-table="population"]');
  await expect.poll(() => countOf(tab, 'cg-affectation-groupee')).toBe(1);
  expect(await countOf(tab, 'cg-tri-par-fin')).toBe(0);
  expect(await countOf(tab, BADGES)).toBe(0);

  // And back by its tab: the badges again, one per row, not two.
  await clickTab(tab, 'ressources');
  await expectOneBadgePerRow(tab);
  expect(await textOf(tab, maths)).toBe('⚠ expire dans 5 j');
  // One more round trip through a resource's own page, by « Visualiser » and the tab.
  await tab.click('tr[data-id-abonnement="ABO-1-SVT-6E-1"] [data-gar-action="visualiser"]');
  await tab.waitForSelector('h1[data-id-abonnement="ABO-1-SVT-6E-1"]');
  await expect.poll(() => textOf(tab, 'h1[data-id-abonnement] [data-cg-fin]')).toBe('⚠ expire dans 12 j');
  expect(await countOf(tab, BADGES)).toBe(1);
  await clickTab(tab, 'ressources');
  await expectOneBadgePerRow(tab);
});
