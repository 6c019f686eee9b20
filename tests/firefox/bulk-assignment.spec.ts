import type { Page } from 'puppeteer-core';
import { consoleReader } from './console-api';
import { expect, test } from './fixtures';
import { attributeOf, clickTab, logIn, textOf } from './pages';

/**
 * « Affectation groupée » and its undo in Firefox (tests/e2e/bulk-assignment.spec.ts, first test),
 * on the multi seed: ABO-1-ATLAS has 120 pupil and 10 teacher licences, none assigned; division 5A
 * holds 27 pupils; ABO-1-FRANCAIS-5E-1 has licences left for everyone there.
 */

const ATLAS = 'ABO-1-ATLAS';
const FRANCAIS_5E = 'ABO-1-FRANCAIS-5E-1';
/** The dialog lives in a host of its own under <body>; its launcher above the view. */
const DIALOG = 'cg-affectation-groupee-dialogue >>> [role="dialog"]';
const inDialog = (selector: string): string => `${DIALOG} ${selector}`;
const STATUS = inDialog('[data-cg-resultat] [role="status"]');

async function tick(page: Page, selector: string): Promise<void> {
  await page.click(inDialog(selector));
  await expect
    .poll(() => page.$eval(inDialog(selector), (box) => (box as HTMLInputElement).checked))
    .toBe(true);
}

test('two subscriptions to a division: previewed, assigned, counted by the console, then undone exactly', async ({
  tab,
  simulator,
}) => {
  const gar = await consoleReader(simulator.port);
  const before = { atlas: await gar.holders(ATLAS), francais: await gar.holders(FRANCAIS_5E) };
  expect(before.atlas).toEqual([]);

  await logIn(tab);
  await clickTab(tab, 'ressources');
  await tab.click('cg-affectation-groupee >>> ::-p-text(Affectation groupée…)');
  await tab.waitForSelector(inDialog('[data-cg-liste="abonnements"]'), { visible: true });
  await tick(tab, `[data-cg-abonnement="${ATLAS}"]`);
  await tick(tab, `[data-cg-abonnement="${FRANCAIS_5E}"]`);
  await tick(tab, '[data-cg-cible="division:5A"]');
  await expect.poll(() => textOf(tab, inDialog('[data-cg-selection]'))).toContain('27 élèves');

  await tab.click(inDialog('button::-p-text(Prévisualiser)'));
  await tab.waitForSelector(inDialog('[data-cg-total]'), { visible: true });
  const total = Number(await attributeOf(tab, inDialog('[data-cg-total]'), 'data-cg-total'));
  expect(total).toBeGreaterThan(27);
  expect(await textOf(tab, inDialog('[data-cg-total]'))).toBe(
    `${total} licences à affecter sur 2 abonnements.`,
  );
  expect(await textOf(tab, inDialog(`[data-cg-apercu="${ATLAS}"]`))).toContain('Division 5A');
  expect(await textOf(tab, inDialog(`[data-cg-apercu="${FRANCAIS_5E}"]`))).toContain('Division 5A');

  await tab.click(inDialog(`button::-p-text(Confirmer : affecter ${total} licences)`));
  await tab.waitForSelector(inDialog('[data-cg-resultat="termine"]'), { timeout: 30_000 });
  expect(await textOf(tab, STATUS)).toBe(`✔ ${total} licences affectées sur 2 abonnements.`);

  // The console's own counts: every pupil of 5A holds an Atlas licence, and the new holders of
  // both subscriptions are the previewed total.
  const after = { atlas: await gar.holders(ATLAS), francais: await gar.holders(FRANCAIS_5E) };
  expect(after.atlas).toEqual(expect.arrayContaining(await gar.pupilsOf('5A')));
  expect(after.atlas.length + after.francais.length - before.francais.length).toBe(total);
  expect(after.francais).toEqual(expect.arrayContaining(before.francais));

  await tab.click(inDialog('button::-p-text(Annuler cette opération)'));
  await expect.poll(() => attributeOf(tab, inDialog('[data-cg-total]'), 'data-cg-total')).toBe(String(total));
  await tab.click(inDialog(`button::-p-text(Confirmer : retirer ${total} licences)`));
  await expect
    .poll(() => textOf(tab, STATUS), { timeout: 30_000 })
    .toBe(`✔ ${total} licences retirées sur 2 abonnements.`);
  expect(await gar.holders(ATLAS)).toEqual([]);
  expect((await gar.holders(FRANCAIS_5E)).sort()).toEqual([...before.francais].sort());
});
