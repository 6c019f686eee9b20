import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  type ApiSubscription,
  populationOf,
  pupilLicences,
  pupilsIn,
  subscriptionOf,
} from './support/console-school';
import { replaceStore } from './support/extension-store';
import { logIn } from './support/gar-pages';
import { checkExport, saveChecked, schoolYear } from './support/order-export';
import { clickTab, expectConsoleHelpers, HELPERS, settled } from './support/ra-navigation';
import { clearFaults } from './support/sim-admin';
import { skinCss } from './support/skin';

/**
 * Scenario 1 — rentrée, first morning. The RA opens the console: the deliveries panel has no
 * order to compare yet and offers the settings, where the RA imports the school's order export
 * (saved by Excel: Windows-1252, `;`). Back on the dashboard, before touching anything, the panel
 * says which orders were not delivered and which came with fewer licences, and the ENT check says
 * which classes and groups the ENT did not bring — each with what to do and a message ready to
 * send. Parcours ressource shows the same verdicts next to the resources; the browser's back
 * button brings the dashboard back with each panel once; the popup sums it up in one line.
 */

const SCHOOL = '0561622J';
/** Delivered as ordered. */
const DELIVERED = ['ABO-1-FRANCAIS-6E-1', 'ABO-1-ANGLAIS-6E-1'];
/** Delivered with fewer pupil licences than ordered. */
const SHORT = 'ABO-1-HISTOIRE-6E-1';
const SHORT_BY = 15;
/** Ordered, never delivered: no subscription of that resource in the console. */
const MISSING = [
  'Dictionnaire Hachette collège',
  'Physique-Chimie 5e — manuel numérique',
  'Latin 4e — manuel numérique',
];

/**
 * The RA comes back to a tab left for another one. Headless Chromium keeps every tab « visible »,
 * so the event a browser sends when the tab shows again is sent here as it would be.
 */
async function backToTab(page: Page): Promise<void> {
  await page.bringToFront();
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
}

test.beforeEach(async ({ simulator, openExtensionPage }) => {
  await simulator.reset();
  await clearFaults(simulator.port);
  // Other specs share this browser: no order, no school memory, no subscription seen yet.
  const blank = await openExtensionPage('options.html');
  for (const store of ['orders', 'schools', 'seenSubscriptions']) await replaceStore(blank, store, []);
  await blank.close();
});

/** The accountant's export: the delivered ones as delivered, the short one with more, the missing ones. */
function orderExport(delivered: ApiSubscription[], short: ApiSubscription): string {
  const year = schoolYear();
  const line = (title: string, ark: string, pupils: number, reference: string): string =>
    `${title};${ark};${pupils};${year};${reference}`;
  return [
    'Titre;ARK;Qté élèves;Année scolaire;N° de commande',
    ...delivered.map((s, i) => line(s.libelleRessource, s.idRessource, pupilLicences(s), `CMD-${i + 1}`)),
    line(short.libelleRessource, short.idRessource, pupilLicences(short) + SHORT_BY, 'CMD-10'),
    ...MISSING.map((title, i) => line(title, '', 30, `CMD-2${i}`)),
  ].join('\r\n');
}

test('rentrée morning: orders imported, then the dashboard says what is missing and what to send, everywhere the RA looks', async ({
  page,
  context,
  openExtensionPage,
}) => {
  await logIn(page);
  await expectConsoleHelpers(page, 'tableau-de-bord');
  const deliveries = page.locator(HELPERS.livraisons);
  await expect(deliveries).toContainText('Aucune commande enregistrée pour cet établissement');

  // The figures the school's export carries: what the console delivered, read with the RA's session.
  const delivered = await Promise.all(DELIVERED.map((id) => subscriptionOf(page, SCHOOL, id)));
  const short = await subscriptionOf(page, SCHOOL, SHORT);
  const population = await populationOf(page, SCHOOL);

  // « Ouvrir les réglages »: the settings open in a new tab, at the orders.
  const opened = context.waitForEvent('page');
  await deliveries.getByRole('button', { name: 'Ouvrir les réglages' }).click();
  const options = await opened;
  await expect(options).toHaveURL(/\/options\.html#commandes$/);
  const section = options.getByRole('region', { name: 'Commandes attendues' });
  await expect(section).toBeInViewport();
  await expect(section.getByLabel('Établissement')).toHaveValue(SCHOOL);
  const orderCount = delivered.length + 1 + MISSING.length;
  const checked = await checkExport(section, 'commandes-2026.csv', orderExport(delivered, short));
  await expect(checked).toContainText(`${orderCount} commandes prêtes, 0 ligne refusée.`);
  await saveChecked(section);
  await expect(section.getByRole('status').first()).toHaveText(
    `Import terminé : ${orderCount} commandes ajoutées, 0 mise à jour, 0 identique.`,
  );
  await options.screenshot({ path: 'test-results/screens/scenario-01-commandes.png' });
  await options.close();

  // Back on the console's tab, the dashboard as it was: the panel checks the orders just imported.
  await backToTab(page);
  await expectConsoleHelpers(page, 'tableau-de-bord');
  const summary = deliveries.locator('[data-cg-livraisons-resume]');
  // « 3 non livré · 2 livré · 1 livré partiellement · … », each verdict counted once.
  for (const [count, verdict] of [
    [MISSING.length, 'non livré'],
    [1, 'livré partiellement'],
    [delivered.length, 'livré'],
  ] as const) {
    await expect(summary).toHaveText(new RegExp(`(^| · )${count} ${verdict}( · |$)`));
  }
  const missing = deliveries.locator('[data-cg-livraison="nonLivre"]');
  await expect(missing).toHaveCount(MISSING.length);
  // Problems first: the not delivered, then the short one, then what is fine.
  await expect(deliveries.locator('[data-cg-livraison]').first()).toHaveAttribute(
    'data-cg-livraison',
    'nonLivre',
  );
  for (const [i, title] of MISSING.entries()) {
    const card = missing.filter({ hasText: title });
    await expect(card).toHaveCount(1);
    // What to do: say it came under another subscription, or send the message.
    await expect(card.locator('[data-cg-autre-abonnement]')).toBeVisible();
    await card.getByText('Message prêt à envoyer').click();
    const message = card.locator('textarea');
    await expect(message).toHaveValue(
      new RegExp(`^Objet : Abonnement GAR non livré – UAI ${SCHOOL} – commande CMD-2${i}`),
    );
    await expect(message).toHaveValue(/Pourriez-vous créer cet abonnement dans le GAR/);
  }
  const partial = deliveries.locator('[data-cg-livraison="livrePartiellement"]');
  await expect(partial).toHaveCount(1);
  await expect(partial).toContainText(short.libelleRessource);
  await partial.getByText('Message prêt à envoyer').click();
  await expect(partial.locator('textarea')).toHaveValue(
    new RegExp(
      `élèves : ${pupilLicences(short) + SHORT_BY} commandées, ${pupilLicences(short)} livrées \\(${SHORT_BY} manquantes\\)`,
    ),
  );
  await expect(partial.locator('textarea')).toHaveValue(/compléter les licences manquantes/);
  await expect(deliveries.locator('[data-cg-livraison="livre"]')).toHaveCount(delivered.length);

  // The ENT check: classes and groups that came without pupils, read from the console's population.
  const pupils = pupilsIn(population);
  const emptyDivisions = population.divisions
    .map(({ code }) => code)
    .filter((code) => !pupils.some((pupil) => pupil.divisions.includes(code)));
  const emptyGroups = population.groupes
    .map(({ code }) => code)
    .filter((code) => !pupils.some((pupil) => pupil.groupes.includes(code)));
  expect(emptyDivisions.length, 'the seed has an empty division').toBeGreaterThan(0);
  const sync = page.locator(HELPERS.verificationEnt);
  await sync.getByRole('button', { name: 'Vérifier la synchronisation ENT' }).click();
  await expect(sync.getByText('Première vérification')).toBeVisible();
  const emptyDivisionCards = sync.locator('[data-cg-constat="divisionVide"]');
  await expect(emptyDivisionCards).toHaveCount(emptyDivisions.length);
  for (const code of emptyDivisions) {
    const card = emptyDivisionCards.filter({ hasText: `Division ${code} : aucun élève.` });
    await expect(card).toContainText('À demander à l’administrateur de l’ENT');
    await expect(card).toContainText(`élèves de la division ${code}`);
  }
  await expect(sync.locator('[data-cg-constat="groupeVide"]')).toHaveCount(emptyGroups.length);
  for (const code of emptyGroups) {
    await expect(
      sync.locator('[data-cg-constat="groupeVide"]').filter({ hasText: `Groupe ${code} :` }),
    ).toHaveCount(1);
  }
  // One message for the ENT administrator, every finding in it.
  await sync.getByText('Message prêt à envoyer').click();
  const entMessage = sync.locator('textarea');
  await expect(entMessage).toHaveValue(new RegExp(`^Objet : .*UAI ${SCHOOL}`));
  for (const code of [
    ...emptyDivisions.map((c) => `Division ${c}`),
    ...emptyGroups.map((c) => `Groupe ${c}`),
  ]) {
    await expect(entMessage).toHaveValue(new RegExp(`${code} : aucun élève\\.`));
  }
  await sync.screenshot({ path: 'test-results/screens/scenario-01-synchronisation-ent.png' });
  await page.screenshot({ path: 'test-results/screens/scenario-01-tableau-de-bord.png', fullPage: true });

  // Parcours ressource, by its tab: the same verdicts next to each resource.
  const dashboardUrl = page.url();
  const summaryText = await summary.textContent();
  await clickTab(page, 'Parcours ressource');
  await expectConsoleHelpers(page, 'ressources');
  const badge = (id: string) =>
    page.locator(skinCss(`tr[data-id-abonnement="${id}"] [data-cg-livraison-badge]`));
  for (const { idAbonnement } of delivered) {
    await expect(badge(idAbonnement)).toHaveCount(1);
    await expect(badge(idAbonnement)).toHaveText(/Commande : livré$/);
  }
  await expect(badge(SHORT)).toHaveText(/Commande : livré partiellement/);
  await page.locator(skinCss(`tr[data-id-abonnement="${SHORT}"]`)).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/scenario-01-parcours-ressource.png' });

  // The browser's back button: the dashboard again, each panel once and saying the same.
  await page.goBack();
  await settled(page);
  expect(page.url()).toBe(dashboardUrl);
  await expectConsoleHelpers(page, 'tableau-de-bord');
  await expect(summary).toHaveText(summaryText ?? '');
  await expect(deliveries.locator('[data-cg-livraison="nonLivre"]')).toHaveCount(MISSING.length);
  await expect(sync.getByRole('button', { name: 'Vérifier la synchronisation ENT' })).toHaveCount(1);

  // The popup's one glance: the same count of each verdict, for this school.
  const popup = await openExtensionPage('popup.html');
  await popup.setViewportSize({ width: 400, height: 700 });
  const line = popup.locator(`[data-uai="${SCHOOL}"] [data-cg-livraisons-popup]`);
  await expect(line).toHaveText(`Livraisons : ${summaryText}`);
  await popup.screenshot({ path: 'test-results/screens/scenario-01-popup.png', fullPage: true });
});
