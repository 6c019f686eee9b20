import type { Page } from '@playwright/test';
import { bombWorkbook, rowsXml, workbook } from '../unit/gar/zip-fixture';
import { expect, test } from './fixtures';
import { logIn } from './support/gar-pages';

/**
 * Hostile files through the built extension's options page (issue 14, item 5): a 52 KB-class
 * workbook that inflates to hundreds of megabytes, a CSV of 20,000 columns, a backup nested
 * 100,000 levels deep. Each is refused in French, the page keeps answering, and no store
 * changes. The RA reaches each import where the page shows it (the options page is one page).
 */

const MB = 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every record of every store, as the extension's own page reads them. */
async function wholeStore(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const open = indexedDB.open('compagnon-gar');
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names);
          const all: Record<string, unknown[]> = {};
          for (const name of names) {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => {
              all[name] = request.result;
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(all);
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

/** A 20,000-field line among short ones: padding would make it 400 million cells. */
function wideCsv(header: string, line: string): Buffer {
  return Buffer.from(`${header}\r\n${';'.repeat(19_999)}\r\n${`${line}\r\n`.repeat(1_000)}`);
}

test('hostile files are refused in French, the page answers and nothing stored changes', async ({
  page,
  simulator,
  openExtensionPage,
}) => {
  await simulator.reset();
  // The console visit lets the extension know the school, so the orders import is offered.
  await logIn(page);
  await expect(page.locator('cg-barre-compagnon')).toHaveCount(1);

  const options = await openExtensionPage('options.html');
  const orders = options.getByRole('region', { name: 'Commandes attendues' });
  await expect(orders.getByRole('button', { name: /Importer un export de commandes/ })).toBeVisible();
  const before = await wholeStore(options);

  // A zip bomb: small on disk, hundreds of megabytes once inflated.
  const bomb = bombWorkbook(200 * MB);
  expect(bomb.length).toBeLessThan(512 * 1024);
  await orders.getByRole('button', { name: /Importer un export de commandes/ }).scrollIntoViewIfNeeded();
  await orders.getByTestId('import-commandes').setInputFiles({
    name: 'commandes.xlsx',
    mimeType: XLSX_TYPE,
    buffer: Buffer.from(bomb),
  });
  const ordersStatus = orders.getByRole('status').filter({ hasText: 'Fichier refusé' });
  await expect(ordersStatus).toContainText(
    'Fichier refusé, rien n’a changé. Une fois décompressé, ce classeur ferait 200 Mo, au-delà des 32 Mo acceptés',
  );
  await options.screenshot({ path: 'test-results/screens/refus-classeur.png' });

  // The page answers: another section's control works at once.
  const journalBox = options.getByRole('checkbox', { name: 'Inclure le journal des opérations' });
  await journalBox.check();
  await expect(journalBox).toBeChecked();
  await journalBox.uncheck();

  // A CSV of 20,000 columns, as an order export and as a statistics export.
  await orders.getByTestId('import-commandes').setInputFiles({
    name: 'commandes.csv',
    mimeType: 'text/csv',
    buffer: wideCsv('Titre;Quantité', 'Maths 6e;30'),
  });
  await expect(ordersStatus).toContainText('Le fichier compte 20 000 colonnes, au-delà des 200 acceptées');
  const statistics = options.getByRole('region', { name: 'Statistiques d’usage' });
  await options.getByTestId('import-statistiques').setInputFiles({
    name: 'statistiques-0561622J.csv',
    mimeType: 'text/csv',
    buffer: wideCsv(
      'idRessource;libelleRessource;mois;profil;acces;utilisateurs',
      'ark:/1;T;2025-09;ELEVE;1;1',
    ),
  });
  await expect(statistics.getByRole('alert')).toContainText('20 000 colonnes, au-delà des 200 acceptées');

  // A backup nested far too deep.
  const backup = options.getByRole('region', { name: 'Sauvegarde des données' });
  await backup.getByTestId('import-sauvegarde').setInputFiles({
    name: 'sauvegarde.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      `{"format":"compagnon-gar-backup","stores":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    ),
  });
  await expect(backup.getByRole('status')).toContainText('imbriqué bien plus profondément');
  await expect(backup.getByRole('button', { name: /Remplacer les données/ })).toHaveCount(0);
  await backup.screenshot({ path: 'test-results/screens/refus-sauvegarde.png' });

  expect(await wholeStore(options)).toEqual(before);
});

test('a large honest workbook still reads, in the worker', async ({ page, simulator, openExtensionPage }) => {
  await simulator.reset();
  await logIn(page);
  await expect(page.locator('cg-barre-compagnon')).toHaveCount(1);
  const options = await openExtensionPage('options.html');
  const orders = options.getByRole('region', { name: 'Commandes attendues' });
  // 5,000 lines: a sheet of about 1 MB of XML, which the unzipper inflates apart from small parts.
  const lines = Array.from({ length: 5_000 }, (_, i) => [`Ressource ${i}`, '30', '2026-2027', `BC-${i}`]);
  const book = workbook(rowsXml([['Titre', 'Quantité', 'Année scolaire', 'N° de commande'], ...lines]));
  await orders.getByTestId('import-commandes').setInputFiles({
    name: 'commandes.xlsx',
    mimeType: XLSX_TYPE,
    buffer: Buffer.from(book),
  });
  await expect(orders.locator('[data-cg-colonnes]')).toContainText('commandes.xlsx');
  await expect(orders.locator('[data-cg-colonnes]')).toContainText('5000 lignes');
});
