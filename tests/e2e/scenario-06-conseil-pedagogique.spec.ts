import { addMonths, monthOf } from '../../utils/gar/usage-stats';
import { expect, test } from './fixtures';
import { replaceStore, writeUsageStore } from './support/extension-store';
import { logIn, portailUrl } from './support/gar-pages';
import { clickTab, expectPortailHelpers, HELPERS } from './support/ra-navigation';

/**
 * Scenario 6 — the conseil pédagogique in May. The RA opens the portail's « Statistiques » by its
 * tab: the day's capture keeps what the portail shows. « Voir l’historique » opens the extension's
 * statistics, where the resources to examine come first and a one-page report prints for the
 * meeting.
 */

test.beforeEach(async ({ simulator, openExtensionPage }) => {
  await simulator.reset();
  // A history the RA has not started yet: today's visit is the first capture.
  const options = await openExtensionPage('options.html');
  await writeUsageStore(options, []);
  await replaceStore(options, 'schools', []);
  await options.close();
});

test('from the portail’s statistics to a printed one-page report, through the RA’s clicks', async ({
  page,
  context,
}) => {
  await logIn(page, portailUrl('/connexion'));
  await clickTab(page, 'Statistiques');
  await expectPortailHelpers(page, 'statistiques');
  const panel = page.locator(HELPERS.capture);
  await expect(panel.locator('[data-cg-capture-resultat]')).toContainText(
    'Capture automatique du jour faite',
  );
  // The accès the page lists for the last twelve months (the capture's default range).
  const firstMonth = addMonths(monthOf(new Date()), -11);
  const shownAcces = await page
    .locator('table[data-gar-table="statistiques"] tbody tr[data-mois]')
    .evaluateAll(
      (rows, since) =>
        rows
          .filter((row) => ((row as HTMLElement).dataset.mois ?? '') >= since)
          .reduce(
            (sum, row) => sum + Number(row.querySelector<HTMLElement>('td[data-acces]')?.dataset.acces),
            0,
          ),
      firstMonth,
    );
  expect(shownAcces).toBeGreaterThan(0);

  // « Voir l’historique » opens the extension's statistics in a new tab, at their section.
  const opened = context.waitForEvent('page');
  await panel.getByRole('button', { name: 'Voir l’historique' }).click();
  const options = await opened;
  await expect(options).toHaveURL(/options\.html#statistiques$/);
  const section = options.getByRole('region', { name: 'Statistiques d’usage' });
  await section.getByLabel('Période', { exact: true }).selectOption({ label: '12 derniers mois' });
  // What the portail showed is what the history counts.
  const accesCard = section
    .locator('.cg-stats-carte')
    .filter({ has: options.locator('dt', { hasText: /^Accès$/ }) });
  await expect(accesCard.locator('.cg-stats-carte__valeur')).toHaveText(
    new Intl.NumberFormat('fr-FR').format(shownAcces),
  );

  // Resources to examine before renewal: never used first, then rarely used.
  await section.getByRole('tab', { name: 'Ressources et renouvellement' }).click();
  const verdicts = await section.locator('table .cg-stats-usage').allTextContents();
  expect(verdicts.length).toBeGreaterThan(0);
  await options.screenshot({ path: 'test-results/screens/scenario-06-ressources.png', fullPage: true });

  await options.evaluate(() => {
    window.print = () => document.body.setAttribute('data-imprime', 'oui');
  });
  await section.getByRole('button', { name: 'Rapport pour le conseil pédagogique' }).click();
  const report = section.getByRole('article', { name: /rapport pour le conseil pédagogique/ });
  await expect(report.getByRole('heading', { level: 3 })).toBeFocused();
  await expect(options.locator('body')).toHaveAttribute('data-imprime', 'oui');
  const order = ['jamais utilisée', 'peu utilisée', 'régulière', 'inconnu'];
  const ranks = (await report.locator('tbody .cg-stats-usage').allTextContents()).map((verdict) =>
    order.findIndex((word) => verdict.includes(word)),
  );
  expect(ranks.length).toBeGreaterThan(0);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  await options.emulateMedia({ media: 'print' });
  const pdf = (await options.pdf({ format: 'A4' })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1);
  await options.emulateMedia({ media: 'screen' });
  await options.screenshot({ path: 'test-results/screens/scenario-06-rapport.png', fullPage: true });
  await options.close();
});
