import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import { formatCalendarMonth } from '../../utils/gar/paris-time';
import type { UsageMonth } from '../../utils/gar/usage-month';
import type { UsageRow } from '../../utils/gar/usage-row';
import { addMonths, monthOf, monthsOf } from '../../utils/gar/usage-stats';
import { expect, test } from './fixtures';
import { readStore, replaceStore, writeUsageStore } from './support/extension-store';
import { logIn, portailUrl } from './support/gar-pages';
import { clickTab, settled } from './support/ra-navigation';
import { clearFaults, setFaults } from './support/sim-admin';
import { skinCss, skinPath } from './support/skin';

/**
 * The statistics capture through the built extension, on the multi seed's collège A (0561622J):
 * its portail holds usage for the twelve months before this one. Expected figures are read from
 * the simulator's own API in the same test, never written down.
 */

const UAI = '0561622J';
const THIS_MONTH = monthOf(new Date());

async function portailUsage(page: Page, depuis: string, jusqua: string): Promise<UsageRow[]> {
  const url = `/api/etablissements/${UAI}/statistiques?depuis=${depuis}&jusqua=${jusqua}`;
  return (await page.evaluate(async (path) => (await fetch(path)).json(), skinPath(url))).lignes;
}

/** « 1 234 » as the page writes it, with a plain space (French formatting uses a narrow one). */
const frenchCount = (value: number): string =>
  new Intl.NumberFormat('fr-FR').format(value).replace(/\s/g, ' ');

async function download(page: Page, button: Locator): Promise<Buffer> {
  const started = page.waitForEvent('download');
  await button.click();
  return readFile(await (await started).path());
}

function parseFrenchCsv(bytes: Buffer): Record<string, string>[] {
  const text = bytes.toString('utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  return Papa.parse<Record<string, string>>(text.slice(1), {
    delimiter: ';',
    header: true,
    skipEmptyLines: true,
  }).data;
}

const totalAcces = (rows: readonly { acces?: number }[]): number =>
  rows.reduce((total, row) => total + (row.acces ?? 0), 0);

async function storedFacts(options: Page): Promise<UsageMonth['lignes']> {
  const months = await readStore<UsageMonth>(options, 'snapshots');
  return months.filter((month) => month.uai === UAI).flatMap((month) => month.lignes);
}

/** A blank history, and no capture remembered yet: the next visit is the first of the day. */
async function forgetCaptures(options: Page): Promise<void> {
  await writeUsageStore(options, []);
  await replaceStore(options, 'schools', []);
}

// Faults outlive a reset of the simulator: leave none behind for the specs that follow.
test.afterEach(async ({ simulator }) => {
  await clearFaults(simulator.port);
});

test.beforeEach(async ({ simulator, openExtensionPage }) => {
  await simulator.reset();
  await clearFaults(simulator.port);
  await forgetCaptures(await openExtensionPage('options.html'));
});

test('the portail statistics are captured automatically once a day, then on demand, never counted twice', async ({
  page,
  openExtensionPage,
}) => {
  await logIn(page, portailUrl('/connexion'));
  await clickTab(page, 'Statistiques');
  const panel = page.locator('cg-capture-statistiques');
  // First visit of the day: the twelve months up to this one are captured without a click.
  await expect(panel.locator('[data-cg-capture-resultat]')).toContainText(
    'Capture automatique du jour faite',
  );
  await page.screenshot({ path: 'test-results/screens/statistiques-capture-portail.png' });
  const lastYear = await portailUsage(page, addMonths(THIS_MONTH, -11), THIS_MONTH);
  expect(lastYear.length).toBeGreaterThan(0);
  const options = await openExtensionPage('options.html');
  expect(totalAcces(await storedFacts(options))).toBe(totalAcces(lastYear));
  // Licences bought and assigned, this month, from the portail's counters.
  expect((await storedFacts(options)).some((fact) => fact.mois === THIS_MONTH && fact.licencesVuesLe)).toBe(
    true,
  );

  // Second visit the same day, by the portail's tabs: nothing is captured by itself.
  await clickTab(page, 'Abonnements');
  await clickTab(page, 'Statistiques');
  await expect(panel.locator('[data-cg-capture-derniere]')).toContainText('Dernière capture');
  await expect(panel.locator('[data-cg-capture-resultat]')).toHaveCount(0);

  // The RA shows thirteen months and captures: only the month not yet seen is new.
  const depuis = addMonths(THIS_MONTH, -12);
  const form = page.locator(skinCss('form[data-gar-form="statistiques"]'));
  await form.getByLabel('Depuis (mois)').fill(depuis);
  await form.getByLabel('Jusqu’à (mois)').fill(THIS_MONTH);
  await form.getByRole('button', { name: 'Afficher' }).click();
  await settled(page);
  await panel.getByRole('button', { name: 'Capturer' }).click();
  const result = panel.locator('[data-cg-capture-resultat]');
  await expect(result).toContainText('Capture enregistrée');
  const oldest = await portailUsage(page, depuis, depuis);
  await expect(result).toContainText(`${oldest.length} nouvelles lignes, 0 mise à jour`);
  const thirteenMonths = await portailUsage(page, depuis, THIS_MONTH);
  expect(totalAcces(await storedFacts(options))).toBe(totalAcces(thirteenMonths));

  // In the options page: the same total on the card, a chart, and the month-by-month CSV.
  await options.reload();
  const section = options.getByRole('region', { name: 'Statistiques d’usage' });
  await section.getByLabel('Établissement (UAI)').selectOption(UAI);
  await section.getByLabel('Période', { exact: true }).selectOption({ label: 'Personnalisée' });
  await section.getByLabel('Depuis').fill(depuis);
  await section.getByLabel('Jusqu’à').fill(THIS_MONTH);
  const accesCard = section
    .locator('.cg-stats-carte')
    .filter({ has: options.locator('dt', { hasText: /^Accès$/ }) });
  await expect(accesCard.locator('.cg-stats-carte__valeur')).toHaveText(
    frenchCount(totalAcces(thirteenMonths)),
  );
  await expect(section.getByRole('img', { name: /^Courbe des accès/ }).locator('canvas')).toHaveCount(1);
  await options.screenshot({ path: 'test-results/screens/statistiques-apres-capture.png' });
  const csv = await download(options, section.getByRole('button', { name: 'Exporter en CSV' }));
  const months = parseFrenchCsv(csv);
  expect(months.map((row) => row.Mois)).toEqual(monthsOf({ depuis, jusqua: THIS_MONTH }));
  expect(months.reduce((total, row) => total + Number(row.Total || 0), 0)).toBe(totalAcces(thirteenMonths));
});

test('a portail CSV export is imported into the history, once; a broken file changes nothing', async ({
  page,
  openExtensionPage,
}) => {
  await logIn(page, portailUrl('/connexion'));
  const depuis = addMonths(THIS_MONTH, -12);
  const exportUrl = `/api/etablissements/${UAI}/statistiques.csv?depuis=${depuis}&jusqua=${THIS_MONTH}`;
  const exported = Buffer.from(
    await page.evaluate(
      async (url) => [...new Uint8Array(await (await fetch(url)).arrayBuffer())],
      skinPath(exportUrl),
    ),
  );
  const expected = await portailUsage(page, depuis, THIS_MONTH);

  const options = await openExtensionPage('options.html');
  const section = options.getByRole('region', { name: 'Statistiques d’usage' });
  const picker = options.getByTestId('import-statistiques');
  const importFile = async (buffer: Buffer, name = `statistiques-${UAI}.csv`) =>
    picker.setInputFiles({ name, mimeType: 'text/csv', buffer });

  // A file that is not a statistics export: refused in French, nothing changes.
  await importFile(Buffer.from('\ufeffTitre;Quantité\r\nAtlas;12\r\n'), 'commandes.csv');
  await expect(section.getByRole('alert')).toContainText('introuvable');
  expect(await storedFacts(options)).toEqual([]);

  await importFile(exported);
  // The months the file covers, in French (the current month may have no figures yet).
  const covered = expected.map((row) => row.mois).sort();
  await expect(section).toContainText(
    `Mois couverts : ${formatCalendarMonth(covered[0] ?? '')} – ${formatCalendarMonth(covered.at(-1) ?? '')}`,
  );
  const importButton = section.getByRole('button', { name: /^Importer les .* lignes$/ });
  await expect(importButton).toBeEnabled();
  await options.screenshot({ path: 'test-results/screens/statistiques-import.png' });
  await importButton.click();
  await expect(section.getByRole('status').filter({ hasText: 'ajoutée' })).toContainText(
    new RegExp(
      `^${frenchCount(expected.length).replace(/\s/g, '\\s')} lignes ajoutées, 0 mise à jour, 0 identique`,
    ),
  );
  expect(totalAcces(await storedFacts(options))).toBe(totalAcces(expected));

  // The same file again: nothing added, nothing counted twice.
  await importFile(exported);
  await section.getByRole('button', { name: /^Importer les .* lignes$/ }).click();
  await expect(section.getByRole('status').filter({ hasText: 'ajoutée' })).toContainText(
    /^0 ligne ajoutée, 0 mise à jour/,
  );
  expect(totalAcces(await storedFacts(options))).toBe(totalAcces(expected));
});

test('the console counters are captured on the first visit of the day and on demand from the dashboard', async ({
  page,
  openExtensionPage,
}) => {
  // The login lands on the dashboard.
  await logIn(page);
  const panel = page.locator('cg-capture-statistiques');
  // The memory of subscriptions already brought this month's counters in, once for the day.
  await expect(panel.locator('[data-cg-capture-derniere]')).toContainText('Dernière capture');
  const subscriptions = await page.evaluate(
    async (path) => (await (await fetch(path)).json()).abonnements,
    skinPath(`/api/etablissements/${UAI}/abonnements`),
  );
  const assignedInConsole = (subscriptions as { compteurs: Record<string, { affectees: number }> }[])
    .flatMap((subscription) => Object.values(subscription.compteurs))
    .reduce((total, counter) => total + counter.affectees, 0);
  const options = await openExtensionPage('options.html');
  const assignedStored = async () =>
    (await storedFacts(options))
      .filter((fact) => fact.mois === THIS_MONTH)
      .reduce((total, fact) => total + (fact.licencesAffectees ?? 0), 0);
  await expect.poll(assignedStored).toBeGreaterThan(0);
  // ETABL, deleted and expired subscriptions hold no licence worth keeping: at most what the console shows.
  expect(await assignedStored()).toBeLessThanOrEqual(assignedInConsole);

  await panel.getByRole('button', { name: 'Capturer' }).click();
  await expect(panel.locator('[data-cg-capture-resultat]')).toContainText('0 nouvelle ligne, 0 mise à jour');
  await page.screenshot({ path: 'test-results/screens/statistiques-capture-console.png' });

  // « Voir l’historique » opens the options page at its statistics section.
  const opened = page.context().waitForEvent('page');
  await panel.getByRole('button', { name: 'Voir l’historique' }).click();
  const history = await opened;
  await expect(history).toHaveURL(/\/options\.html#statistiques$/);
  await expect(history.getByRole('region', { name: 'Statistiques d’usage' })).toBeInViewport();
  await history.close();
});

test('an expired session stops a capture with a French message and keeps the history as it was', async ({
  page,
  simulator,
  openExtensionPage,
}) => {
  const options = await openExtensionPage('options.html');
  await logIn(page, portailUrl('/connexion'));
  await clickTab(page, 'Statistiques');
  const panel = page.locator('cg-capture-statistiques');
  await expect(panel.locator('[data-cg-capture-resultat]')).toContainText('Capture automatique');
  const before = await storedFacts(options);

  await setFaults(simulator.port, { expirationSessionApres: 1 });
  await panel.getByRole('button', { name: 'Capturer' }).click();
  await expect(panel.getByRole('alert')).toContainText(
    'Capture impossible : votre session GAR a expiré. Reconnectez-vous',
  );
  expect(await storedFacts(options)).toEqual(before);
});
