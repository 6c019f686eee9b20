import type { Page } from '@playwright/test';
import { addMonths, monthOf } from '../../utils/gar/usage-stats';
import { expect, test } from './fixtures';
import { replaceStore, writeUsageStore } from './support/extension-store';
import { consoleUrl, logIn, portailUrl } from './support/gar-pages';
import {
  backTo,
  CONSOLE_VIEWS,
  type ConsoleView,
  expectConsoleHelpers,
  expectPortailHelpers,
  goToConsoleView,
  goToPortailView,
  HELPERS,
  PORTAIL_VIEWS,
  type PortailView,
  settled,
  switchSchool,
} from './support/ra-navigation';
import { skinCss } from './support/skin';

/**
 * The navigation matrix: from each view of both sites to each other view, by the sites' own tabs
 * and links, then back and forward with the browser, and across a school switch — each time every
 * helper of the view the RA is on is there exactly once, and the others are gone.
 */

/** The schools of the header's switcher, the current one first. */
async function schoolsOf(page: Page): Promise<[string, string]> {
  const switcher = page.locator(skinCss('select[data-gar-uai]'));
  // The header fills its school list once the session is read: wait for both schools.
  await expect
    .poll(() => switcher.locator('option').count(), { message: 'an RA of two schools' })
    .toBeGreaterThan(1);
  const current = await switcher.inputValue();
  const all = await switcher
    .locator('option')
    .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
  const other = all.find((uai) => uai !== current);
  expect(other, 'an RA of two schools').toBeTruthy();
  return [current, other as string];
}

test.beforeEach(async ({ simulator }) => {
  await simulator.reset();
});

for (const from of CONSOLE_VIEWS) {
  test(`console: from « ${from} » to every other view, back and forward`, async ({ page }) => {
    await logIn(page);
    await expectConsoleHelpers(page, 'tableau-de-bord');
    if (from !== 'tableau-de-bord') await goToConsoleView(page, from);
    await expectConsoleHelpers(page, from);
    const fromUrl = page.url();
    for (const to of CONSOLE_VIEWS.filter((view) => view !== from)) {
      await goToConsoleView(page, to);
      await expectConsoleHelpers(page, to);
      // Each view as the RA reaches it by a click, to be looked at.
      if (from === 'tableau-de-bord') {
        await page.screenshot({ path: `test-results/screens/navigation-console-${to}.png`, fullPage: true });
      }
      const toUrl = page.url();
      await backTo(page, fromUrl);
      await expectConsoleHelpers(page, from);
      await page.goForward();
      await settled(page);
      // A view reached in two clicks comes back one step at a time: forward lands on the first.
      if (page.url() === toUrl) await expectConsoleHelpers(page, to);
      await backTo(page, fromUrl);
      await expectConsoleHelpers(page, from);
    }
  });
}

/** Where the console lands after a school switch: a subscription or a division of the other school has no page. */
const AFTER_SWITCH: Record<ConsoleView, ConsoleView> = {
  'tableau-de-bord': 'tableau-de-bord',
  ressources: 'ressources',
  ressource: 'ressources',
  population: 'population',
  'population-detail': 'population',
  recuperation: 'recuperation',
};

test('console: a school switch on each view re-runs every helper once, for the other school', async ({
  page,
}) => {
  await logIn(page);
  const [first, second] = await schoolsOf(page);
  for (const view of CONSOLE_VIEWS) {
    await goToConsoleView(page, view);
    await switchSchool(page, second);
    await expectConsoleHelpers(page, AFTER_SWITCH[view]);
    await switchSchool(page, first);
    await expectConsoleHelpers(page, AFTER_SWITCH[view]);
  }
});

test('console: « Affectation groupée… » opened after clicking to a division starts with that division', async ({
  page,
}) => {
  await logIn(page);
  await goToConsoleView(page, 'population-detail');
  const title = page.locator('#contenu h1[data-type][data-code]');
  const code = await title.getAttribute('data-code');
  expect(code).toBeTruthy();
  const panel = page.locator(HELPERS.affectationGroupee);
  const dialog = page.getByRole('dialog', { name: 'Affectation groupée' });
  await panel.getByRole('button', { name: 'Affectation groupée…' }).click();
  await expect(dialog.getByRole('checkbox', { name: new RegExp(`^${code}\\b`) }).first()).toBeChecked();
  await dialog.getByRole('button', { name: 'Fermer' }).first().click();

  // A second division, reached by the same clicks: the panel follows, the first one is gone.
  await page.getByRole('link', { name: /^←/ }).click();
  await settled(page);
  const divisions = page.locator(
    skinCss('#contenu table[data-gar-table="population"] a[href^="/population/"]'),
  );
  await divisions.nth(1).click();
  await settled(page);
  const secondCode = await title.getAttribute('data-code');
  expect(secondCode).not.toBe(code);
  await panel.getByRole('button', { name: 'Affectation groupée…' }).click();
  await expect(dialog.getByRole('checkbox', { name: new RegExp(`^${secondCode}\\b`) }).first()).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: new RegExp(`^${code}\\b`) }).first()).not.toBeChecked();
});

for (const from of PORTAIL_VIEWS) {
  test(`portail: from « ${from} » to the other view, back and forward, and a school switch`, async ({
    page,
  }) => {
    await logIn(page, portailUrl('/connexion'));
    await goToPortailView(page, from);
    await expectPortailHelpers(page, from);
    const to = PORTAIL_VIEWS.find((view) => view !== from) as PortailView;
    const fromUrl = page.url();
    await goToPortailView(page, to);
    await expectPortailHelpers(page, to);
    await page.screenshot({ path: `test-results/screens/navigation-portail-${to}.png` });
    await backTo(page, fromUrl);
    await expectPortailHelpers(page, from);
    await page.goForward();
    await settled(page);
    await expectPortailHelpers(page, to);
    // The portail has the console's school switcher: its helpers follow it too.
    const [first, second] = await schoolsOf(page);
    await switchSchool(page, second);
    await expectPortailHelpers(page, to);
    await switchSchool(page, first);
    await expectPortailHelpers(page, to);
  });
}

test('portail: « Capturer » after the Statistiques form’s « Afficher » saves the months now shown', async ({
  page,
  openExtensionPage,
}) => {
  // A blank history: every line the page shows is new to it.
  const options = await openExtensionPage('options.html');
  await writeUsageStore(options, []);
  await replaceStore(options, 'schools', []);
  await logIn(page, portailUrl('/connexion'));
  await goToPortailView(page, 'statistiques');
  const panel = page.locator(HELPERS.capture);
  const result = panel.locator('[data-cg-capture-resultat]');
  // The first visit of the day captures the last twelve months by itself.
  await expect(result).toContainText('Capture automatique du jour faite');

  // The RA asks for older months with the page's own form.
  const thisMonth = monthOf(new Date());
  const form = page.locator(skinCss('form[data-gar-form="statistiques"]'));
  await form.getByLabel('Depuis (mois)').fill(addMonths(thisMonth, -14));
  await form.getByLabel('Jusqu’à (mois)').fill(addMonths(thisMonth, -12));
  await form.getByRole('button', { name: 'Afficher' }).click();
  await settled(page);
  const shown = await page.locator(skinCss('table[data-gar-table="statistiques"] tbody tr')).count();
  expect(shown).toBeGreaterThan(0);
  await panel.getByRole('button', { name: 'Capturer' }).click();
  await expect(result).toContainText('Capture enregistrée');
  // Those months were not in the automatic capture (the twelve up to this one): every line on
  // screen is new. Capturing the months shown before would have found 0 new lines. (The identical
  // ones are this month's licence counters, captured each time.)
  await expect(result).toContainText(`${shown} nouvelles lignes, 0 mise à jour`);
  await page.screenshot({ path: 'test-results/screens/navigation-capture-apres-afficher.png' });
});

test('console and portail: the RA types the other site’s address, then comes back', async ({ page }) => {
  await logIn(page);
  await expectConsoleHelpers(page, 'tableau-de-bord');
  await page.goto(portailUrl('/abonnements'));
  await expectPortailHelpers(page, 'abonnements');
  await page.goBack();
  await expect(page).toHaveURL(consoleUrl('/tableau-de-bord'));
  await expectConsoleHelpers(page, 'tableau-de-bord');
});
