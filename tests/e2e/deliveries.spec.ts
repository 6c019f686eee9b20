import { expect, test } from './fixtures';
import { consoleUrl, logIn } from './support/gar-pages';

/**
 * Orders against deliveries, through the built extension, on the multi seed's collège A: the RA
 * imports the school's order export (Windows-1252, `;`, as a spreadsheet saves it) in the options
 * page, then the console's dashboard says, order by order, what arrived.
 */

function schoolYear(now = new Date()): string {
  const start = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
  return `${start}-${start + 1}`;
}

/** Windows-1252 bytes of a CSV, as Excel saves « CSV (séparateur : point-virgule) » in France. */
const WINDOWS_1252_EXTRAS: Readonly<Record<string, number>> = { '’': 0x92, '–': 0x96, '—': 0x97 };

function windows1252(text: string): Buffer {
  return Buffer.from([...text].map((char) => WINDOWS_1252_EXTRAS[char] ?? char.charCodeAt(0)));
}

test('an order export is imported, then the dashboard shows delivered, partial, misdated, missing and unexpected deliveries', async ({
  page,
  simulator,
  openExtensionPage,
}) => {
  await simulator.reset();
  // The console visit lets the extension know the school (and its subscriptions).
  await logIn(page);
  await page.goto(consoleUrl('/tableau-de-bord'));
  await expect(page.locator('cg-livraisons')).toBeAttached();

  const year = schoolYear();
  const csv = [
    'Titre;ARK;Distributeur;Qté élèves;Qté enseignants;Année scolaire;N° de commande',
    `Français 6e – éd. 2023;ark:/27561/francais-6e;;137;;${year};CMD-1`,
    `Histoire-Géo 6e — manuel numérique;;;150;;${year};CMD-2`,
    `Maths 6e — manuel numérique;ark:/49591/maths-6e;;135;6;${year};CMD-3`,
    `Dictionnaire Hachette collège;;;30;;${year};CMD-4`,
  ].join('\r\n');

  const options = await openExtensionPage('options.html');
  const section = options.getByRole('region', { name: 'Commandes attendues' });
  await options.getByTestId('import-commandes').setInputFiles({
    name: 'commandes.csv',
    mimeType: 'text/csv',
    buffer: windows1252(csv),
  });
  await expect(section.locator('[data-cg-colonnes]')).toContainText('commandes.csv');
  await section.getByRole('button', { name: 'Vérifier les lignes' }).click();
  await expect(section.locator('[data-cg-import-commandes]')).toContainText('commande(s) prête(s)');
  await section.getByRole('button', { name: /^Enregistrer \d+ commande/ }).click();
  await expect(section.locator('[data-cg-commandes]')).toContainText('Français 6e – éd. 2023');
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
  await expect(section.locator('[data-cg-commandes]')).toContainText('Atlas numérique du monde');
  await options.screenshot({ path: 'test-results/screens/commandes.png', fullPage: true });

  await page.reload();
  const panel = page.locator('cg-livraisons');
  await expect(
    panel
      .locator('[data-cg-livraison="livre"]')
      .filter({ has: page.locator('strong', { hasText: 'Français 6e' }) }),
  ).toBeVisible();
  // Entered by hand without a distributor: matched by title only, so the RA confirms it.
  const atlas = panel
    .locator('[data-cg-livraison="livre"]')
    .filter({ has: page.locator('strong', { hasText: 'Atlas numérique du monde' }) });
  await atlas.getByRole('button', { name: 'Oui, c’est celui-ci' }).click();
  await expect(atlas.locator('[data-cg-a-confirmer]')).toHaveCount(0);
  await expect(panel.locator('[data-cg-livraison="livrePartiellement"]')).toContainText('Histoire-Géo 6e');
  await expect(panel.locator('[data-cg-livraison="datesDifferentes"]')).toContainText('Maths 6e');
  const missing = panel.locator('[data-cg-livraison="nonLivre"]');
  await expect(missing).toContainText('Dictionnaire Hachette');
  await panel.locator('[data-cg-sans-commande] > summary').click();
  await expect(panel.locator('[data-cg-livraison="livreSansCommande"]').first()).toBeVisible();
  await expect(panel.locator('[data-cg-livraison="livrePartiellement"]')).toContainText(
    'Histoire-Géo 6e — manuel',
  );
  await missing.getByText('Message prêt à envoyer').click();
  await expect(missing.locator('textarea')).toHaveValue(/0561622J[\s\S]*CMD-4/);
  await page.screenshot({ path: 'test-results/screens/livraisons.png', fullPage: true });

  // The RA corrects the check: the dictionary came as the school-wide Robert subscription.
  await missing.locator('[data-cg-autre-abonnement]').selectOption('ABO-1-DICTIONNAIRE');
  await expect(panel.locator('[data-cg-livraison="nonLivre"]')).toHaveCount(0);
  await expect(
    panel
      .locator('[data-cg-livraison="livre"]')
      .filter({ has: page.locator('strong', { hasText: 'Dictionnaire Hachette' }) }),
  ).toBeVisible();

  // The popup's one-glance line for the school.
  const popup = await openExtensionPage('popup.html');
  const line = popup.locator('[data-uai="0561622J"] [data-cg-livraisons-popup]');
  for (const words of ['1 livré partiellement', '1 dates différentes', '3 livré ·']) {
    await expect(line).toContainText(words);
  }
  await expect(line).not.toContainText('non livré');

  // The same verdicts next to each resource of Parcours ressource.
  await page.goto(consoleUrl('/ressources'));
  await expect(
    page.locator('tr[data-id-abonnement="ABO-1-HISTOIRE-6E-1"] [data-cg-livraison-badge]'),
  ).toHaveText(/Commande : livré partiellement/);
  await expect(
    page.locator('tr[data-id-abonnement="ABO-1-FRANCAIS-6E-1"] [data-cg-livraison-badge]'),
  ).toHaveText(/Commande : livré$/);
});
