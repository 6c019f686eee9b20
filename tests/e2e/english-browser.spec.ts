import type { BrowserContext, Locator } from '@playwright/test';
import { expect, test as frenchTest } from './fixtures';
import { launchWithExtension } from './support/browser';
import { logIn } from './support/gar-pages';
import { clickTab, HELPERS } from './support/ra-navigation';

/**
 * An RA whose browser is in English: the GAR pages stay French (they are the console's), but every
 * helper the extension adds, and its own pages, speak the browser's language — chrome.i18n picks
 * the `en` catalogue from the browser's UI language.
 */
const test = frenchTest.extend<object, { browserWithExtension: BrowserContext }>({
  browserWithExtension: [
    async ({ simulator }, use) => {
      const context = await launchWithExtension(simulator.port, { language: 'en' });
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
});

/** A helper's own words, its host's shadow root included. */
const wordsOf = (helper: Locator): Promise<string> =>
  helper.evaluate((host) => (host.shadowRoot ?? host).textContent ?? '');

test('the companion and its popup speak English in an English browser', async ({
  page,
  openExtensionPage,
}) => {
  await logIn(page);
  const bar = page.locator(HELPERS.barre);
  await expect(bar.getByText('active on this page')).toBeVisible();
  expect(await wordsOf(bar)).not.toContain('actif sur cette page');
  await expect(page.locator('[data-gar-liste="expirees"] [data-cg-fin]').first()).toHaveText(
    /expired \d+ days? ago/,
  );

  // The site's own tab, as an RA moves: its subscriptions' helpers follow, in English.
  await clickTab(page, 'Parcours ressource');
  await expect(
    page.locator(HELPERS.affectationGroupee).getByRole('button', { name: 'Bulk assignment…' }),
  ).toBeVisible();
  const toolbar = page.locator(HELPERS.triParFin);
  await expect(toolbar.getByRole('button', { name: 'Sort by end date' })).toBeVisible();
  expect(await wordsOf(toolbar)).not.toContain('Trier par date de fin');
  await expect(page.locator('tr[data-id-abonnement="ABO-1-MATHS-6E-1"] [data-cg-fin]')).toHaveText(
    /expires in 5 days/,
  );
  await page.screenshot({ path: 'test-results/screens/anglais-parcours-ressource.png' });
  await page.locator(HELPERS.affectationGroupee).getByRole('button', { name: 'Bulk assignment…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/anglais-affectation-groupee.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByRole('heading', { name: "Helpers' status" })).toBeVisible();
  await expect(popup.getByRole('heading', { name: 'End dates' })).toBeVisible();
  await expect(popup.getByRole('listitem').filter({ hasText: 'Compagnon GAR bar' })).toContainText('working');
  await expect(popup.getByText('État des aides')).toHaveCount(0);
  await expect(popup.getByText('fonctionne')).toHaveCount(0);
  await popup.screenshot({ path: 'test-results/screens/anglais-popup.png', fullPage: true });

  const options = await openExtensionPage('options.html');
  await expect(options.getByRole('heading', { name: 'Compagnon GAR settings' })).toBeVisible();
  await expect(options.getByRole('region', { name: 'Helpers in the pages' })).toBeVisible();
  await expect(options.getByText('Réglages de Compagnon GAR')).toHaveCount(0);
  await options.screenshot({ path: 'test-results/screens/anglais-reglages.png', fullPage: true });
});
