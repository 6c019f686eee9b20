import { expect, test } from './fixtures';
import { HOSTS } from './support/browser';
import { consoleUrl, logIn } from './support/gar-pages';
import { clickTab } from './support/ra-navigation';

const BAR = 'cg-barre-compagnon';

test('the helper bar mounts in a shadow root on the console', async ({ page }) => {
  await page.goto(`https://${HOSTS.console}/`);
  const bar = page.locator(BAR);
  await expect(bar.getByText('Compagnon GAR')).toBeVisible();
  await expect(bar.getByRole('button', { name: 'Réglages' })).toBeVisible();
  const inShadowRoot = await bar.evaluate((host) => host.shadowRoot?.mode);
  expect(inShadowRoot).toBe('open');
  await page.screenshot({ path: 'test-results/screens/console-barre.png' });
});

test('the helper bar mounts on the portail too', async ({ page }) => {
  await page.goto(`https://${HOSTS.portail}/`);
  await expect(page.locator(BAR).getByText('Compagnon GAR')).toBeVisible();
});

test('nothing is injected on a host outside GAR', async ({ page }) => {
  // Load a GAR page first in another tab, so "nothing here" cannot come from a slow extension.
  const garPage = await page.context().newPage();
  await garPage.goto(`https://${HOSTS.console}/`);
  await expect(garPage.locator(BAR)).toHaveCount(1);
  await garPage.close();

  // The same local server answers for this host: only the hostname differs from the console.
  const response = await page.goto(`https://${HOSTS.autre}/`);
  expect(response?.url().startsWith(`https://${HOSTS.autre}/`)).toBe(true);
  await page.waitForLoadState('load');
  await page.waitForTimeout(500);
  await expect(page.locator(BAR)).toHaveCount(0);
  const injected = await page.evaluate(
    () => document.querySelectorAll('[data-wxt-shadow-root], cg-barre-compagnon').length,
  );
  expect(injected).toBe(0);
});

test('in-page navigation re-runs the features without duplicating them', async ({ page }) => {
  await logIn(page);
  await expect(page.locator(BAR)).toHaveCount(1);
  // A marker on window survives only if the tab change is client-side (no reload).
  await page.evaluate(() => Object.assign(window, { cgMarqueur: 'même page' }));
  await clickTab(page, 'Parcours ressource');
  expect(await page.evaluate(() => (window as unknown as { cgMarqueur?: string }).cgMarqueur)).toBe(
    'même page',
  );
  await expect(page).toHaveURL(consoleUrl('/ressources'));
  // The old run is aborted (its UI removed) and a new one mounts: still exactly one bar.
  await expect(page.locator(BAR)).toHaveCount(1);
  await page.waitForTimeout(1500);
  await expect(page.locator(BAR)).toHaveCount(1);
});

test('the bar sits above the console, covers none of its table, and folds away for every page', async ({
  page,
}) => {
  await logIn(page);
  await clickTab(page, 'Parcours ressource');
  const bar = page.locator(BAR);
  const table = page.locator('table[data-gar-table="ressources"]');
  await expect(table).toBeVisible();
  // Whatever the RA scrolls to, the bar and the table never overlap.
  for (const position of ['top', 'middle', 'bottom'] as const) {
    await page.evaluate((where) => {
      const max = document.documentElement.scrollHeight;
      window.scrollTo(0, where === 'top' ? 0 : where === 'middle' ? max / 2 : max);
    }, position);
    const [barBox, tableBox] = await Promise.all([bar.locator('aside').boundingBox(), table.boundingBox()]);
    if (barBox && tableBox) {
      const overlap = barBox.y < tableBox.y + tableBox.height && tableBox.y < barBox.y + barBox.height;
      expect(overlap, `bar over the table at the ${position}`).toBe(false);
    }
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/screens/console-barre-depliee.png' });

  await bar.getByRole('button', { name: 'Replier' }).click();
  const unfold = bar.getByRole('button', { name: 'Afficher la barre Compagnon GAR' });
  await expect(unfold).toBeFocused();
  await expect(bar.getByText('actif sur cette page')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/console-barre-repliee.png' });
  // Folded on the next page too, then unfolded again from the keyboard.
  await clickTab(page, 'Tableau de bord');
  await page.reload();
  await expect(unfold).toBeVisible();
  await unfold.focus();
  await page.keyboard.press('Enter');
  await expect(bar.getByText('actif sur cette page')).toBeVisible();
  await expect(bar.getByRole('button', { name: 'Replier' })).toBeFocused();
  await page.reload();
  await expect(bar.getByText('actif sur cette page')).toBeVisible();
});
