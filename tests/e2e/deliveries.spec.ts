import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { replaceStore } from './support/extension-store';
import { logIn } from './support/gar-pages';
import { checkExport, saveChecked, schoolYear } from './support/order-export';
import { goToConsoleView, switchSchool } from './support/ra-navigation';
import { skinCss } from './support/skin';

/**
 * Orders against deliveries, through the built extension, on the multi seed's collège A: the RA
 * imports the school's order export (Windows-1252, `;`, as a spreadsheet saves it) in the options
 * page, then the console's dashboard says, order by order, what arrived. The RA moves by the
 * console's tabs; the options page stands for the RA opening the settings.
 */

const SCHOOL_A = '0561622J';
const SCHOOL_B = '0290009C';

/**
 * The settings, orders section, with no order stored yet: the worker's browser keeps the
 * extension's store from test to test, so the orders are emptied first (setup, not the RA).
 */
async function openOrderSettings(openExtensionPage: (path: string) => Promise<Page>): Promise<Locator> {
  const setup = await openExtensionPage('options.html');
  await expect(setup.getByRole('region', { name: 'Commandes attendues' })).toBeVisible();
  await replaceStore(setup, 'orders', []);
  await setup.close();
  const options = await openExtensionPage('options.html');
  return options.getByRole('region', { name: 'Commandes attendues' });
}

/** The orders listed for the school shown, by title. */
function listedTitles(section: Locator): Locator {
  return section.locator('[data-cg-commandes] tbody th[scope="row"]');
}

function exportOf(year: string, dictionaryQuantity: string): string {
  return [
    'Titre;ARK;Distributeur;Qté élèves;Qté enseignants;Année scolaire;N° de commande',
    `Français 6e – éd. 2023;ark:/27561/francais-6e;;137;;${year};CMD-1`,
    `Histoire-Géo 6e — manuel numérique;;;150;;${year};CMD-2`,
    `Maths 6e — manuel numérique;ark:/49591/maths-6e;;135;6;${year};CMD-3`,
    `Dictionnaire Hachette collège;;;${dictionaryQuantity};;${year};CMD-4`,
  ].join('\r\n');
}

test('an order export imported twice gives its orders once, then the dashboard shows delivered, partial, misdated, missing and unexpected deliveries', async ({
  page,
  simulator,
  openExtensionPage,
}) => {
  await simulator.reset();
  // The console visit lets the extension know the school (and its subscriptions).
  await logIn(page);
  await expect(page.locator('cg-livraisons')).toBeAttached();

  const section = await openOrderSettings(openExtensionPage);
  const status = section.getByRole('status').first();
  const year = schoolYear();
  const first = await checkExport(section, 'commandes.csv', exportOf(year, '30'));
  await expect(first).toContainText('4 commandes prêtes, 0 ligne refusée.');
  await expect(first.locator('[data-cg-import-bilan]')).toContainText(
    'Par rapport aux commandes déjà enregistrées : 4 commandes ajoutées, 0 mise à jour, 0 identique.',
  );
  await saveChecked(section);
  await expect(status).toHaveText('Import terminé : 4 commandes ajoutées, 0 mise à jour, 0 identique.');
  await expect(section.locator('[data-cg-commandes]')).toContainText('Français 6e – éd. 2023');

  // The same export again (the RA is not sure it went in): nothing doubles.
  const again = await checkExport(section, 'commandes.csv', exportOf(year, '30'));
  await expect(again.locator('[data-cg-import-bilan]')).toContainText(
    '0 commande ajoutée, 0 mise à jour, 4 identiques',
  );
  await section.screenshot({ path: 'test-results/screens/commandes-import-identiques.png' });
  await saveChecked(section);
  await expect(status).toHaveText('Import terminé : 0 commande ajoutée, 0 mise à jour, 4 identiques.');
  await expect(listedTitles(section)).toHaveCount(4);

  // The accountant corrects one line, as French Excel writes numbers (« 35,00 »): one update.
  await checkExport(section, 'commandes-corrigées.csv', exportOf(year, '35,00'));
  await saveChecked(section);
  await expect(status).toHaveText('Import terminé : 0 commande ajoutée, 1 mise à jour, 3 identiques.');
  await expect(listedTitles(section)).toHaveCount(4);
  await expect(
    section.locator('[data-cg-commandes] tr', { hasText: 'Dictionnaire Hachette collège' }),
  ).toContainText('35 élèves');

  // An order that came by mail, entered by hand: a bad quantity is refused in French first.
  await section.getByText('Saisir une commande à la main').click();
  const form = section.locator('[data-cg-saisie-commande]');
  await form.getByLabel('Ressource (titre)').fill('Atlas numérique du monde');
  await form.getByLabel('Quantité élèves').fill('cent vingt');
  await form.getByRole('button', { name: 'Enregistrer la commande' }).click();
  await expect(form.getByRole('alert')).toContainText(
    'Commande non enregistrée : quantité élèves « cent vingt »',
  );
  await form.getByLabel('Quantité élèves').fill('120');
  await form.getByLabel('Référence de commande').fill('CMD-5');
  await form.getByRole('button', { name: 'Enregistrer la commande' }).click();
  await expect(status).toHaveText('Commande « Atlas numérique du monde » ajoutée.');
  // Typed again: the same order (same reference, same resource) is not stored twice.
  await form.getByLabel('Ressource (titre)').fill('Atlas numérique du monde');
  await form.getByLabel('Quantité élèves').fill('120');
  await form.getByLabel('Référence de commande').fill('CMD-5');
  await form.getByRole('button', { name: 'Enregistrer la commande' }).click();
  await expect(status).toHaveText(
    'Commande « Atlas numérique du monde » déjà enregistrée à l’identique : rien n’a changé.',
  );
  await expect(listedTitles(section)).toHaveCount(5);
  await section.screenshot({ path: 'test-results/screens/commandes.png' });

  // Back in the console, by its tabs: the dashboard checks the orders again.
  await goToConsoleView(page, 'ressources');
  await goToConsoleView(page, 'tableau-de-bord');
  const panel = page.locator('cg-livraisons');
  const card = (title: string) =>
    panel.locator('[data-cg-livraison]').filter({ has: page.locator('strong', { hasText: title }) });
  // Each order once, whatever the imports: never « livré » and « non livré » side by side.
  for (const title of [
    'Français 6e',
    'Histoire-Géo 6e',
    'Maths 6e',
    'Dictionnaire Hachette',
    'Atlas numérique',
  ]) {
    await expect(card(title)).toHaveCount(1);
  }
  await expect(card('Français 6e')).toHaveAttribute('data-cg-livraison', 'livre');
  // Entered by hand without a distributor: matched by title only, so the RA confirms it.
  const atlas = card('Atlas numérique du monde');
  await expect(atlas).toHaveAttribute('data-cg-livraison', 'livre');
  await atlas.getByRole('button', { name: 'Oui, c’est celui-ci' }).click();
  await expect(atlas.locator('[data-cg-a-confirmer]')).toHaveCount(0);
  await expect(panel.locator('[data-cg-livraison="livrePartiellement"]')).toContainText('Histoire-Géo 6e');
  const misdated = panel.locator('[data-cg-livraison="datesDifferentes"]');
  await expect(misdated).toContainText('Maths 6e');
  await expect(misdated.locator('[data-cg-periodes]')).toHaveText(
    /^Période commandée : du 1 septembre \d{4} au 31 août \d{4} ; période livrée : du \d{1,2} \S+ \d{4} au \d{1,2} \S+ \d{4}\.$/,
  );
  const missing = panel.locator('[data-cg-livraison="nonLivre"]');
  await expect(missing).toContainText('Dictionnaire Hachette');
  await panel.screenshot({ path: 'test-results/screens/livraisons-panneau.png' });
  await panel.locator('[data-cg-sans-commande] > summary').click();
  await expect(panel.locator('[data-cg-livraison="livreSansCommande"]').first()).toBeVisible();
  await expect(panel.locator('[data-cg-livraison="livrePartiellement"]')).toContainText(
    'Histoire-Géo 6e — manuel',
  );
  await missing.getByText('Message prêt à envoyer').click();
  await expect(missing.locator('textarea')).toHaveValue(/0561622J[\s\S]*CMD-4/);
  await expect(missing.locator('textarea')).toHaveValue(/période du 1 septembre \d{4} au 31 août \d{4}/);
  await page.screenshot({ path: 'test-results/screens/livraisons.png', fullPage: true });

  // The RA corrects the check: the dictionary came as the school-wide Robert subscription.
  await missing.locator('[data-cg-autre-abonnement]').selectOption('ABO-1-DICTIONNAIRE');
  await expect(panel.locator('[data-cg-livraison="nonLivre"]')).toHaveCount(0);
  await expect(card('Dictionnaire Hachette')).toHaveAttribute('data-cg-livraison', 'livre');

  // The popup's one-glance line for the school.
  const popup = await openExtensionPage('popup.html');
  const line = popup.locator(`[data-uai="${SCHOOL_A}"] [data-cg-livraisons-popup]`);
  for (const words of ['1 livré partiellement', '1 dates différentes', '3 livré ·']) {
    await expect(line).toContainText(words);
  }
  await expect(line).not.toContainText('non livré');

  // The same verdicts next to each resource of Parcours ressource.
  await goToConsoleView(page, 'ressources');
  await expect(
    page.locator(skinCss('tr[data-id-abonnement="ABO-1-HISTOIRE-6E-1"] [data-cg-livraison-badge]')),
  ).toHaveText(/Commande : livré partiellement/);
  await expect(
    page.locator(skinCss('tr[data-id-abonnement="ABO-1-FRANCAIS-6E-1"] [data-cg-livraison-badge]')),
  ).toHaveText(/Commande : livré$/);
});

test('a quantity written « 35,00 » imports as 35; « 35,5 » is refused naming its line and column, and nothing else is lost; periods read in French', async ({
  page,
  simulator,
  openExtensionPage,
}) => {
  await simulator.reset();
  await logIn(page);
  const section = await openOrderSettings(openExtensionPage);
  const checked = await checkExport(
    section,
    'quantites.csv',
    [
      'Titre;Quantité;Année scolaire;Début;Fin;N° de commande',
      `Maths 6e — manuel numérique;35,00;${schoolYear()};;;CMD-10`,
      `Atlas numérique du monde;35,5;${schoolYear()};;;CMD-11`,
      'Français 6e – éd. 2023;1 200;;03/09/2026;27/11/2026;CMD-12',
    ].join('\r\n'),
  );
  await expect(checked).toContainText('2 commandes prêtes, 1 ligne refusée.');
  await expect(checked.getByRole('alert')).toHaveText(
    'ligne 3, colonne B (« Quantité ») : quantité « 35,5 » refusée : un nombre de licences est entier, sans décimales',
  );
  await section.screenshot({ path: 'test-results/screens/commandes-quantites.png' });
  await saveChecked(section);
  await expect(listedTitles(section)).toHaveText(['Maths 6e — manuel numérique', 'Français 6e – éd. 2023']);
  const rows = section.locator('[data-cg-commandes] tbody tr');
  await expect(rows.nth(0).locator('td').first()).toHaveText('35');
  await expect(rows.nth(1).locator('td').first()).toHaveText('1200');
  await expect(rows.nth(1)).toContainText('03/09/2026 → 27/11/2026');
  await section.screenshot({ path: 'test-results/screens/commandes-periodes.png' });
});

test('« Tout supprimer » empties the school shown after a confirmation, cancel keeps everything, the other school keeps its orders', async ({
  page,
  simulator,
  openExtensionPage,
}) => {
  await simulator.reset();
  await logIn(page);
  // The RA visits the second school in the console too, so the settings know both.
  await switchSchool(page, SCHOOL_B);
  await goToConsoleView(page, 'ressources');
  await goToConsoleView(page, 'tableau-de-bord');
  await expect(page.locator('cg-livraisons')).toBeAttached();
  const section = await openOrderSettings(openExtensionPage);
  const options = section.page();
  const school = section.getByLabel('Établissement');
  await expect(school.locator('option')).toHaveText([SCHOOL_B, SCHOOL_A]);
  const year = schoolYear();
  for (const uai of [SCHOOL_A, SCHOOL_B]) {
    await school.selectOption(uai);
    await checkExport(section, `commandes-${uai}.csv`, exportOf(year, '30'));
    await saveChecked(section);
    await expect(listedTitles(section)).toHaveCount(4);
  }

  // Cancel, by the button then by Escape: nothing goes, the focus comes back to « Tout supprimer ».
  const deleteAll = section.getByRole('button', { name: 'Tout supprimer…' });
  const confirmation = section.getByRole('group', {
    name: `Supprimer les 4 commandes enregistrées pour ${SCHOOL_B} ?`,
  });
  await deleteAll.click();
  await expect(confirmation).toContainText('Les commandes des autres établissements ne changent pas.');
  await expect(confirmation.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await section.screenshot({ path: 'test-results/screens/commandes-tout-supprimer.png' });
  await options.keyboard.press('Enter');
  await expect(confirmation).toHaveCount(0);
  await expect(deleteAll).toBeFocused();
  await options.keyboard.press('Enter');
  await expect(confirmation.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await options.keyboard.press('Escape');
  await expect(confirmation).toHaveCount(0);
  await expect(deleteAll).toBeFocused();
  await expect(listedTitles(section)).toHaveCount(4);

  // Confirmed, from the keyboard: the school's orders go, the focus lands on the import button.
  await options.keyboard.press('Enter');
  await expect(confirmation.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await options.keyboard.press('Tab');
  await expect(confirmation.getByRole('button', { name: 'Oui, tout supprimer' })).toBeFocused();
  await options.keyboard.press('Enter');
  await expect(section.getByRole('status').first()).toHaveText(`4 commandes supprimées pour ${SCHOOL_B}.`);
  await expect(section.locator('[data-cg-commandes]')).toHaveCount(0);
  await expect(section.getByText('Aucune commande enregistrée pour cet établissement.')).toBeVisible();
  await expect(
    section.getByRole('button', { name: 'Importer un export de commandes (CSV ou XLSX)…' }),
  ).toBeFocused();
  await expect(deleteAll).toHaveCount(0);
  await section.screenshot({ path: 'test-results/screens/commandes-supprimees.png' });

  await school.selectOption(SCHOOL_A);
  await expect(listedTitles(section)).toHaveCount(4);
});
