import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import type { Profil } from '../../utils/gar/abonnement';
import type { UsageMonth } from '../../utils/gar/usage-month';
import {
  comparePeriods,
  comparisonCsvRows,
  indicatorsCsvRows,
  type Period,
  previousYear,
  resourceIndicators,
  schoolYearPeriod,
  summarize,
  type UsageFact,
  type UsageFilter,
} from '../../utils/gar/usage-stats';
import { STATISTICS_FIRST_RENDER_MARK } from '../../utils/perf-marks';
import { expect, test } from './fixtures';
import { writeUsageStore } from './support/extension-store';
import { usageMonths } from './support/usage-fixture';

/**
 * The options page's « Statistiques d’usage » through the built extension: the figures against
 * the domain's own computation on the same records, the filters, the views from the keyboard,
 * the exports, the one-page printed report, the empty state and accessibility.
 */

const COLLEGE = '0561622J';
const LYCEE = '0690002B';
/** Sept. 2024 to April 2026: last school year whole, the current one up to April. */
const RECORDS: UsageMonth[] = [
  ...usageMonths({ uai: COLLEGE, depuis: '2024-09', mois: 20, ressources: 40, seed: 7 }),
  ...usageMonths({ uai: LYCEE, depuis: '2025-01', mois: 8, ressources: 12, seed: 3 }),
];
const CURRENT_YEAR = schoolYearPeriod('2025-2026');
const LAST_YEAR = schoolYearPeriod('2024-2025');
/** The current school year as far as it has figures, and the same months a year earlier. */
const SO_FAR: Period = { depuis: '2025-09', jusqua: '2026-04' };
const SAME_MONTHS_LAST_YEAR: Period = { depuis: '2024-09', jusqua: '2025-04' };
const EVERYTHING: UsageFilter = { profils: [], ressources: [] };
const SCREENS = 'test-results/screens';

function factsOf(uai: string): UsageFact[] {
  return RECORDS.filter((record) => record.uai === uai).flatMap((record) => record.lignes);
}

const counts = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const ratios = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percents = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });

const signed = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  maximumFractionDigits: 0,
  signDisplay: 'exceptZero',
});

/** « ▲ +12 % »: the arrow follows the rounded percentage. */
function evolutionText(evolution: number): string {
  const shown = Math.round(evolution * 100) / 100;
  return plain(`${shown > 0 ? '▲' : shown < 0 ? '▼' : '='} ${signed.format(shown)}`);
}

/** French number formatting puts narrow no-break spaces in; the checks compare plain spaces. */
function plain(text: string | null): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
}

function expectedCards(uai: string, period: Period, filter: UsageFilter): Record<string, string> {
  const summary = summarize(resourceIndicators(factsOf(uai), period, filter));
  return {
    'Licences achetées': plain(counts.format(summary.licencesAchetees)),
    'Licences affectées': plain(counts.format(summary.licencesAffectees)),
    'Licences non affectées': plain(counts.format(summary.licencesNonAffectees)),
    Accès: plain(counts.format(summary.acces)),
    'Accès par licence affectée': plain(ratios.format(summary.acces / summary.licencesAffectees)),
    'Ressources jamais utilisées': plain(counts.format(summary.jamaisUtilisees)),
    'Ressources peu utilisées': plain(counts.format(summary.peuUtilisees)),
    tauxAffectation: plain(`taux d’affectation : ${percents.format(summary.tauxAffectation ?? 0)}`),
  };
}

async function shownCards(section: Locator): Promise<Record<string, string>> {
  const cards: Record<string, string> = {};
  for (const card of await section.locator('.cg-stats-cartes').first().locator('.cg-stats-carte').all()) {
    cards[plain(await card.locator('dt').textContent())] = plain(
      await card.locator('.cg-stats-carte__valeur').textContent(),
    );
    if (plain(await card.locator('dt').textContent()) === 'Licences affectées') {
      cards.tauxAffectation = plain(await card.locator('.cg-stats-carte__detail').textContent());
    }
  }
  return cards;
}

async function openStatistics(openExtensionPage: (path: string) => Promise<Page>, records: UsageMonth[]) {
  const options = await openExtensionPage('options.html');
  // Other specs share this browser: start from a known history.
  await writeUsageStore(options, records);
  await options.reload();
  const section = options.getByRole('region', { name: 'Statistiques d’usage' });
  await section.scrollIntoViewIfNeeded();
  return { options, section };
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include('#statistiques')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`,
  );
}

async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const started = page.waitForEvent('download');
  await button.click();
  const file = await started;
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

function parseCsv(bytes: Buffer): { bom: boolean; fields: string[]; rows: Record<string, string>[] } {
  const text = bytes.toString('utf8');
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), {
    delimiter: ';',
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return { bom: text.startsWith('\ufeff'), fields: parsed.meta.fields ?? [], rows: parsed.data };
}

/** The table row whose row header is exactly `title` (« Presse junior », not « Presse junior (2) »). */
function rowOf(table: Locator, title: string): Locator {
  return table
    .getByRole('row')
    .filter({ has: table.page().getByRole('rowheader', { name: title, exact: true }) });
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test.afterAll(async ({ openExtensionPage }) => {
  // Leave no history behind for the specs that share this browser.
  await writeUsageStore(await openExtensionPage('options.html'), []);
});

test('the figures are the domain’s for the same records, and every filter changes them', async ({
  openExtensionPage,
}) => {
  const { options, section } = await openStatistics(openExtensionPage, RECORDS);

  // The first school, its latest school year, every profile and resource.
  await expect(section.getByLabel('Établissement (UAI)')).toHaveValue(COLLEGE);
  await expect(section.getByLabel('Période', { exact: true })).toHaveValue('annee:2025-2026');
  await expect(section.getByText('Période affichée : année 2025-2026')).toBeVisible();
  await expect.poll(() => shownCards(section)).toEqual(expectedCards(COLLEGE, CURRENT_YEAR, EVERYTHING));
  expect(
    await options.evaluate((mark) => performance.getEntriesByName(mark).length, STATISTICS_FIRST_RENDER_MARK),
  ).toBe(1);

  // The evolution chart: a canvas standing as an image, with the numbers in the table.
  const chart = section.getByRole('img', { name: /^Courbe des accès par mois, année 2025-2026/ });
  await expect(chart.locator('canvas')).toHaveCount(1);
  expect((await chart.locator('canvas').boundingBox())?.width).toBeGreaterThan(600);
  await section.locator('summary', { hasText: 'Tableau des accès par mois et par profil' }).click();
  const monthTable = section.getByRole('table', { name: 'Tableau des accès par mois et par profil' });
  await expect(monthTable.getByRole('row')).toHaveCount(13);
  await expect(monthTable.getByRole('columnheader', { name: 'Total, un an plus tôt' })).toBeVisible();

  for (const [label, profil] of [
    ['Élèves', 'ELEVE'],
    ['Enseignants', 'ENSEIGNANT'],
  ] as [string, Profil][]) {
    await section.getByLabel('Profil').selectOption({ label });
    await expect
      .poll(() => shownCards(section))
      .toEqual(expectedCards(COLLEGE, CURRENT_YEAR, { profils: [profil], ressources: [] }));
  }
  await section.getByLabel('Profil').selectOption({ label: 'Tous les profils' });

  const presse = factsOf(COLLEGE).find((fact) => fact.libelle === 'Presse junior')?.idRessource ?? '';
  await section.getByLabel('Ressource', { exact: true }).selectOption({ label: 'Presse junior' });
  await expect
    .poll(() => shownCards(section))
    .toEqual(expectedCards(COLLEGE, CURRENT_YEAR, { profils: [], ressources: [presse] }));
  await section
    .getByLabel('Ressource', { exact: true })
    .selectOption({ label: 'Toutes les ressources (40)' });

  await section.getByLabel('Période', { exact: true }).selectOption({ label: 'Année 2024-2025' });
  await expect.poll(() => shownCards(section)).toEqual(expectedCards(COLLEGE, LAST_YEAR, EVERYTHING));

  await section.getByLabel('Période', { exact: true }).selectOption({ label: '12 derniers mois' });
  await expect
    .poll(() => shownCards(section))
    .toEqual(expectedCards(COLLEGE, { depuis: '2025-05', jusqua: '2026-04' }, EVERYTHING));

  // A custom period starts from the one on screen; months the wrong way round are refused in French.
  await section.getByLabel('Période', { exact: true }).selectOption({ label: 'Personnalisée' });
  const depuis = section.getByLabel('Depuis');
  const jusqua = section.getByLabel('Jusqu’à');
  await expect(depuis).toHaveValue('2025-05');
  await expect(jusqua).toHaveValue('2026-04');
  await depuis.fill('2026-03');
  await jusqua.fill('2025-10');
  await expect(section.getByRole('alert')).toHaveText(
    'Le mois « Depuis » est après le mois « Jusqu’à » : inversez-les.',
  );
  await expect(depuis).toHaveAttribute('aria-invalid', 'true');
  await expect(section.locator('.cg-stats-carte')).toHaveCount(0);
  await depuis.fill('2025-10');
  await jusqua.fill('2026-03');
  await expect(section.getByRole('alert')).toBeHidden();
  await expect
    .poll(() => shownCards(section))
    .toEqual(expectedCards(COLLEGE, { depuis: '2025-10', jusqua: '2026-03' }, EVERYTHING));

  // Another school, whose figures stop in August 2025: its own latest year and figures.
  await section.getByLabel('Établissement (UAI)').selectOption(LYCEE);
  await expect(section.getByLabel('Période', { exact: true })).toHaveValue('annee:2024-2025');
  await expect.poll(() => shownCards(section)).toEqual(expectedCards(LYCEE, LAST_YEAR, EVERYTHING));
  // A capture made in another tab: coming back to this one reads the history again.
  await writeUsageStore(
    options,
    RECORDS.filter((record) => record.uai === COLLEGE),
  );
  await options.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(section.getByLabel('Établissement (UAI)').locator('option')).toHaveCount(1);
  await expect.poll(() => shownCards(section)).toEqual(expectedCards(COLLEGE, CURRENT_YEAR, EVERYTHING));
  // The benchmark's mark says when figures first showed: set once, whatever came after.
  expect(
    await options.evaluate((mark) => performance.getEntriesByName(mark).length, STATISTICS_FIRST_RENDER_MARK),
  ).toBe(1);
});

test('the three views from the keyboard, each exported as CSV and PNG', async ({ openExtensionPage }) => {
  const { options, section } = await openStatistics(openExtensionPage, RECORDS);
  const evolution = section.getByRole('tab', { name: 'Évolution' });
  const resources = section.getByRole('tab', { name: 'Ressources et renouvellement' });
  const comparison = section.getByRole('tab', { name: 'Comparaison de deux périodes' });
  await expect(evolution).toHaveAttribute('aria-selected', 'true');
  await expect(section.getByRole('img', { name: /^Courbe des accès/ }).locator('canvas')).toHaveCount(1);
  await section.screenshot({ path: `${SCREENS}/statistiques-evolution.png` });
  expect(await axeViolations(options)).toEqual([]);

  // Évolution: the months of the year, per profile (every profile has accès).
  const evolutionCsv = await download(options, section.getByRole('button', { name: 'Exporter en CSV' }));
  expect(evolutionCsv.name).toBe(`statistiques-${COLLEGE}-evolution-2025-2026.csv`);
  const months = parseCsv(evolutionCsv.bytes);
  expect(months.bom).toBe(true);
  expect(months.fields).toEqual([
    'Mois',
    'Élèves',
    'Enseignants',
    'Documentalistes',
    'Autres personnels',
    'Total',
  ]);
  expect(months.rows.map((row) => row.Mois)).toHaveLength(12);
  const evolutionPng = await download(options, section.getByRole('button', { name: 'Image PNG' }));
  expect(evolutionPng.name).toBe(`statistiques-${COLLEGE}-evolution-2025-2026.png`);
  expect(evolutionPng.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);

  // Arrows, Home and End move along the tabs and select.
  await evolution.focus();
  await options.keyboard.press('ArrowRight');
  await expect(resources).toBeFocused();
  await expect(resources).toHaveAttribute('aria-selected', 'true');
  await expect(evolution).toHaveAttribute('tabindex', '-1');

  const indicators = resourceIndicators(factsOf(COLLEGE), CURRENT_YEAR, EVERYTHING);
  const panel = section.getByRole('tabpanel', { name: 'Ressources et renouvellement' });
  await expect(
    panel.getByRole('img', { name: /^Barres des accès par licence affectée/ }).locator('canvas'),
  ).toHaveCount(1);
  const withRatio = indicators.filter((row) => row.accesParLicenceParMois !== null).length;
  const others = indicators.length - Math.min(30, withRatio);
  await expect(
    panel.getByText(
      `Le graphique montre les 30 ressources les moins utilisées ; ${others} ${others > 1 ? 'autres figurent' : 'autre figure'} dans le tableau.`,
    ),
  ).toBeVisible();
  await expect(
    panel.getByText('peu utilisée : moins d’1 accès par licence affectée et par mois'),
  ).toBeVisible();
  const table = panel.getByRole('table', { name: 'Indicateurs par ressource' });
  // Two header rows: the groups (« Licences », « Accès sur la période »), then the columns.
  await expect(table.getByRole('row')).toHaveCount(indicators.length + 2);
  const presse = rowOf(table, 'Presse junior');
  await expect(presse.getByRole('cell').first()).toHaveText('300');
  await expect(presse).toContainText('▼ peu utilisée');
  await expect(rowOf(table, 'Dictionnaire junior')).toContainText('illimitées');
  const never = indicators.find((row) => row.usage === 'jamais');
  await expect(rowOf(table, never?.libelle ?? '')).toContainText('✖ jamais utilisée');

  // Sorted by accès per licence and per month, least first; a header click sorts by its column.
  const perMonth = table.getByRole('columnheader', { name: /Accès par licence et par mois/ });
  await expect(perMonth).toHaveAttribute('aria-sort', 'ascending');
  const byAcces = table.getByRole('columnheader', { name: 'Nombre d’accès', exact: true });
  await byAcces.getByRole('button').click();
  await expect(byAcces).toHaveAttribute('aria-sort', 'ascending');
  await expect(perMonth).not.toHaveAttribute('aria-sort');
  await byAcces.getByRole('button').click();
  await expect(byAcces).toHaveAttribute('aria-sort', 'descending');
  const most = [...indicators].sort((a, b) => b.acces - a.acces)[0];
  await expect(table.getByRole('row').nth(2).getByRole('rowheader')).toHaveText(most?.libelle ?? '');
  await section.screenshot({ path: `${SCREENS}/statistiques-ressources.png` });
  expect(await axeViolations(options)).toEqual([]);

  const resourcesCsv = await download(options, panel.getByRole('button', { name: 'Exporter en CSV' }));
  expect(resourcesCsv.name).toBe(`statistiques-${COLLEGE}-ressources-2025-2026.csv`);
  const csv = parseCsv(resourcesCsv.bytes);
  const expectedRows = indicatorsCsvRows(indicators);
  expect(csv.bom).toBe(true);
  expect(csv.fields).toEqual(Object.keys(expectedRows[0] ?? {}));
  expect(csv.rows).toHaveLength(expectedRows.length);
  const expectedPresse = expectedRows.find((row) => row.Ressource === 'Presse junior') ?? {};
  expect(csv.rows.find((row) => row.Ressource === 'Presse junior')).toEqual(
    Object.fromEntries(Object.entries(expectedPresse).map(([key, value]) => [key, String(value)])),
  );
  const resourcesPng = await download(options, panel.getByRole('button', { name: 'Image PNG' }));
  expect(resourcesPng.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);

  await resources.focus();
  await options.keyboard.press('End');
  await expect(comparison).toBeFocused();
  await expect(comparison).toHaveAttribute('aria-selected', 'true');
  await options.keyboard.press('Home');
  await expect(evolution).toBeFocused();
  await options.keyboard.press('ArrowLeft');
  await expect(comparison).toBeFocused();

  // Comparaison: the current school year up to its latest month against the same months a year earlier.
  const compare = section.getByRole('tabpanel', { name: 'Comparaison de deux périodes' });
  const periodA = compare.getByRole('group', { name: 'Période A' });
  const periodB = compare.getByRole('group', { name: 'Période B' });
  await expect(periodA.getByLabel('Depuis')).toHaveValue('2024-09');
  await expect(periodA.getByLabel('Jusqu’à')).toHaveValue('2025-04');
  await expect(periodB.getByLabel('Depuis')).toHaveValue('2025-09');
  await expect(periodB.getByLabel('Jusqu’à')).toHaveValue('2026-04');
  await expect(
    compare.getByRole('img', { name: /^Barres des accès des 15 ressources les plus ouvertes/ }),
  ).toBeVisible();
  const rows = comparePeriods(factsOf(COLLEGE), SAME_MONTHS_LAST_YEAR, SO_FAR, EVERYTHING);
  const presseRow = rows.find((row) => row.libelle === 'Presse junior');
  const compareTable = compare.getByRole('table', { name: 'Accès par ressource, période A et période B' });
  await expect(compareTable.getByRole('row')).toHaveCount(rows.length + 1);
  expect(plain(await rowOf(compareTable, 'Presse junior').getByRole('cell').nth(2).textContent())).toBe(
    evolutionText(presseRow?.evolution ?? Number.NaN),
  );
  await section.screenshot({ path: `${SCREENS}/statistiques-comparaison.png` });
  expect(await axeViolations(options)).toEqual([]);

  const comparisonCsv = await download(options, compare.getByRole('button', { name: 'Exporter en CSV' }));
  expect(comparisonCsv.name).toBe(`statistiques-${COLLEGE}-comparaison-2024-09_2025-04_2025-09_2026-04.csv`);
  const parsed = parseCsv(comparisonCsv.bytes);
  expect(parsed.fields).toEqual(Object.keys(comparisonCsvRows(rows, SAME_MONTHS_LAST_YEAR, SO_FAR)[0] ?? {}));
  expect(parsed.rows).toHaveLength(rows.length);

  // Period B the wrong way round: refused, nothing drawn.
  await periodB.getByLabel('Depuis').fill('2026-09');
  await expect(compare.getByRole('alert').filter({ hasText: 'inversez-les' })).toBeVisible();
  await expect(compare.getByRole('table')).toHaveCount(0);
});

test('the report for the conseil pédagogique prints on one A4 page, resources to examine first', async ({
  openExtensionPage,
}) => {
  const { options, section } = await openStatistics(openExtensionPage, RECORDS);
  await options.evaluate(() => {
    const counted = window as unknown as { prints: number };
    counted.prints = 0;
    window.print = () => {
      counted.prints += 1;
    };
  });
  await section.getByRole('button', { name: 'Rapport pour le conseil pédagogique' }).click();
  const report = section.getByRole('article', { name: /rapport pour le conseil pédagogique/ });
  await expect(report.getByRole('heading', { level: 3 })).toBeFocused();
  await expect(report.getByRole('img', { name: /^Courbe des accès par mois/ })).toBeVisible();
  const prints = () => options.evaluate(() => (window as unknown as { prints: number }).prints);
  await expect.poll(prints).toBe(1);
  await expect(report).toContainText(`Établissement ${COLLEGE} · période : année 2025-2026`);

  const indicators = resourceIndicators(factsOf(COLLEGE), CURRENT_YEAR, EVERYTHING);
  const trend = comparePeriods(factsOf(COLLEGE), previousYear(SO_FAR), SO_FAR, EVERYTHING);
  const table = report.getByRole('table');
  const lines = table.locator('tbody tr');
  await expect(lines).toHaveCount(32);
  await expect(
    report.getByText(`+ ${indicators.length - 32} autres ressources : voir l’export CSV`),
  ).toBeVisible();
  // Never used, then rarely used, then the others.
  const verdicts = await lines.locator('.cg-stats-usage').allTextContents();
  const order = ['jamais utilisée', 'peu utilisée', 'régulière', 'inconnu'];
  const ranks = verdicts.map((verdict) => order.findIndex((word) => verdict.includes(word)));
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  expect(ranks[0]).toBe(0);
  const presse = indicators.find((row) => row.libelle === 'Presse junior');
  const presseTrend = trend.find((row) => row.libelle === 'Presse junior');
  const presseLine = rowOf(table, 'Presse junior');
  expect((await presseLine.getByRole('cell').allTextContents()).map(plain)).toEqual([
    '300',
    '300',
    plain(ratios.format(presse?.accesParLicence ?? 0)),
    evolutionText(presseTrend?.evolution ?? Number.NaN),
    '▼ peu utilisée',
  ]);

  // The history read again (back from another tab) leaves the report ready to print again.
  await options.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await section.getByRole('button', { name: 'Rapport pour le conseil pédagogique' }).click();
  await expect.poll(prints).toBe(2);

  await options.emulateMedia({ media: 'print' });
  await expect(section.getByRole('tablist')).toBeHidden();
  await expect(options.getByRole('heading', { level: 1 })).toBeHidden();
  await expect(report).toBeVisible();
  await options.screenshot({ path: `${SCREENS}/statistiques-rapport-impression.png`, fullPage: true });
  const pdf = (await options.pdf({ format: 'A4' })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1);
  await options.emulateMedia({ media: 'screen' });

  expect(await axeViolations(options)).toEqual([]);
  await report.getByRole('button', { name: 'Fermer l’aperçu' }).click();
  await expect(report).toHaveCount(0);
  await expect(section.getByRole('button', { name: 'Rapport pour le conseil pédagogique' })).toBeFocused();
});

test('with no history, the section says where the figures come from', async ({ openExtensionPage }) => {
  const { options, section } = await openStatistics(openExtensionPage, []);
  await expect(section.getByText('Aucune statistique d’usage enregistrée pour l’instant.')).toBeVisible();
  await expect(section.getByRole('listitem').first()).toContainText(
    'ouvrez la page « Statistiques » du portail GAR et cliquez sur « Capturer »',
  );
  await expect(section.getByRole('listitem').nth(1)).toContainText('importez ci-dessous un export CSV');
  await expect(section.getByRole('tablist')).toHaveCount(0);
  await section.screenshot({ path: `${SCREENS}/statistiques-vide.png` });
  expect(await axeViolations(options)).toEqual([]);
});
