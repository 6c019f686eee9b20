import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, test } from './fixtures';
import { seriousA11yViolations } from './support/a11y';

/** The extension APIs these checks call from the options page. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; data: { id: string } }> };
  alarms: { clear(name: string): Promise<boolean> };
};

const COLLEGE_A = '0561622J';
const COLLEGE_B = '0290009C';
/** A summary a spreadsheet would run as a formula, with the CSV's separator and quotes in it. */
const TRICKY_SUMMARY = '=SOMME(1;2) "Maths" pour la 6A';

/** Sends a message to the background as the console panel does, and returns its answer's data. */
async function ask(page: Page, type: string, payload: unknown): Promise<{ id: string }> {
  const reply = await page.evaluate((message) => chrome.runtime.sendMessage(message), {
    channel: 'compagnon-gar',
    type,
    payload,
  });
  expect(reply, `${type}: ${JSON.stringify(reply)}`).toMatchObject({ ok: true });
  return reply.data;
}

function at(offsetMs: number): string {
  return new Date(Date.now() + offsetMs).toISOString();
}

/** Runs one operation through the journal messages: start, its steps, its end. */
async function journalOperation(
  page: Page,
  start: Record<string, unknown>,
  steps: Record<string, unknown>[],
  finish: Record<string, unknown>,
): Promise<string> {
  const { id } = await ask(page, 'journal.start', start);
  for (const step of steps) await ask(page, 'journal.step', { id, step: { at: at(0), ...step } });
  await ask(page, 'journal.finish', { id, ...finish });
  return id;
}

/** Writes to the journal store as the extension does (same origin): `null` empties it. */
async function writeJournalStore(page: Page, record: Record<string, unknown> | null): Promise<void> {
  await page.evaluate(
    (toPut) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('compagnon-gar');
        open.onsuccess = () => {
          const tx = open.result.transaction('journal', 'readwrite');
          if (toPut === null) tx.objectStore('journal').clear();
          else tx.objectStore('journal').put(toPut);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    record,
  );
}

/** The background stamps entries with the current time, so an old one goes straight to the store. */
/** 200 days old: past the 30 days the test sets, within the default 400 the other specs keep. */
const OLD_START = new Date(Date.now() - 200 * 86_400_000);
const OLD_ENTRY = {
  id: 'ancienne-operation',
  uai: COLLEGE_A,
  kind: 'affectation',
  startedAt: OLD_START.toISOString(),
  endedAt: new Date(OLD_START.getTime() + 9_000).toISOString(),
  status: 'termine',
  summary: 'Rentrée 2024',
  steps: [],
};

async function seedThreeOperations(page: Page): Promise<void> {
  const job = {
    abonnements: [
      { idAbonnement: 'ABO-MATHS', libelle: 'Maths 6e ; édition « Hirondelle »' },
      { idAbonnement: 'ABO-DICO', libelle: 'Dictionnaire junior' },
    ],
    cibles: [{ type: 'division', code: '6A', libelle: 'Division 6A' }],
    jusquAEpuisement: false,
  };
  const assignment = await journalOperation(
    page,
    { uai: COLLEGE_A, kind: 'affectation', summary: TRICKY_SUMMARY, job },
    [
      { action: 'envoi', idAbonnement: 'ABO-MATHS', personIds: ['eleve-1', 'eleve-2', 'eleve-3'], ok: true },
      {
        action: 'affecte',
        idAbonnement: 'ABO-MATHS',
        personIds: ['eleve-1', 'eleve-2', 'eleve-3'],
        ok: true,
      },
      { action: 'envoi', idAbonnement: 'ABO-DICO', personIds: ['eleve-1', 'eleve-2'], ok: true },
      { action: 'affecte', idAbonnement: 'ABO-DICO', personIds: ['eleve-1', 'eleve-2'], ok: true },
    ],
    { status: 'termine', summary: TRICKY_SUMMARY },
  );
  await journalOperation(
    page,
    {
      uai: COLLEGE_A,
      kind: 'annulation',
      summary: 'Annulation : Maths pour la 6A',
      job: { ...job, annule: assignment },
    },
    [
      { action: 'envoi', idAbonnement: 'ABO-MATHS', personIds: ['eleve-1', 'eleve-2', 'eleve-3'], ok: true },
      { action: 'retire', idAbonnement: 'ABO-MATHS', personIds: ['eleve-1', 'eleve-2', 'eleve-3'], ok: true },
    ],
    { status: 'termine', summary: 'Annulation : Maths pour la 6A', reverses: assignment },
  );
  await journalOperation(
    page,
    {
      uai: COLLEGE_B,
      kind: 'affectation',
      summary: 'English Rocks pour les 5e',
      job: {
        abonnements: [{ idAbonnement: 'ABO-ANGLAIS', libelle: 'English Rocks 5e' }],
        cibles: [{ type: 'mef', code: '10110001110', libelle: 'Niveau 5EME' }],
        jusquAEpuisement: true,
      },
    },
    [
      { action: 'envoi', idAbonnement: 'ABO-ANGLAIS', personIds: ['eleve-7', 'eleve-8'], ok: true },
      { action: 'erreur', idAbonnement: 'ABO-ANGLAIS', ok: false, error: 'La session GAR a expiré.' },
    ],
    { status: 'interrompu', summary: 'English Rocks pour les 5e ; interrompue : la session GAR a expiré.' },
  );
}

test.describe.configure({ mode: 'serial' });

test('the journal lists, filters, details and exports bulk operations', async ({ openExtensionPage }) => {
  const options = await openExtensionPage('options.html');
  // Other specs share this browser: start from an empty journal.
  await writeJournalStore(options, null);
  await options.reload();
  const journal = options.getByRole('region', { name: 'Journal des opérations' });
  await expect(
    journal.getByText(/Le journal est vide\. Il se remplit quand vous lancez une affectation groupée/),
  ).toBeVisible();

  await seedThreeOperations(options);
  await options.reload();
  await expect(journal.getByText('3 opérations')).toBeVisible();
  const rows = journal.locator('tr[data-journal-id]');
  await expect(rows).toHaveCount(3);
  // Newest first: the interrupted one, the undo, then the operation it undid.
  await expect(rows.nth(0)).toContainText(COLLEGE_B);
  await expect(rows.nth(0)).toContainText('Interrompue');
  await expect(rows.nth(0)).toContainText('1 étape en échec');
  await expect(rows.nth(1)).toContainText('Annulation');
  await expect(rows.nth(2)).toContainText('Affectation groupée');
  await expect(rows.nth(2)).toContainText('Terminée');
  await expect(rows.nth(2)).toContainText(/annulée le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  // Subscriptions, persons added, persons removed.
  await expect(rows.nth(2).locator('td.cg-nombre')).toHaveText(['2', '5', '0']);
  await expect(rows.nth(1).locator('td.cg-nombre')).toHaveText(['2', '0', '3']);

  // Filters: school, then status, then a resource title.
  await journal.getByLabel('Établissement').selectOption(COLLEGE_B);
  await expect(journal.getByText('1 opération', { exact: true })).toBeVisible();
  await journal.getByLabel('Établissement').selectOption('');
  await journal.getByLabel('État').selectOption({ label: 'Terminée' });
  await expect(journal.getByText('2 opérations')).toBeVisible();
  await journal.getByLabel('Rechercher (résumé, ressource)').fill('hirondelle');
  await expect(journal.getByText('2 opérations')).toBeVisible();
  await journal.getByLabel('Opération', { exact: true }).selectOption({ label: 'Annulation' });
  await expect(journal.getByText('1 opération', { exact: true })).toBeVisible();
  await journal.getByRole('button', { name: 'Effacer les filtres' }).click();
  await expect(journal.getByText('3 opérations')).toBeVisible();

  // Details open from the keyboard, and show counts rather than the persons' ids.
  const toggle = rows.nth(0).getByRole('button', { name: /^Détails de l’opération du / });
  await toggle.focus();
  await options.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const details = journal.locator('tr.cg-journal__details');
  await expect(details).toContainText('English Rocks 5e');
  await expect(details).toContainText('Niveau 5EME');
  await expect(details.locator('dd').filter({ hasText: /^oui$/ })).toHaveCount(1);
  const steps = details.getByRole('table', { name: 'Étapes' });
  await expect(steps.getByRole('row')).toHaveCount(3);
  await expect(steps.getByRole('row').nth(1)).toContainText('Demande envoyée à la console');
  await expect(steps.getByRole('row').nth(1).locator('td.cg-nombre')).toHaveText('2');
  await expect(steps.getByRole('row').nth(2)).toContainText('échec : La session GAR a expiré.');
  await expect(journal).not.toContainText('eleve-7');
  expect(await seriousA11yViolations(options)).toEqual([]);
  await journal.screenshot({ path: 'test-results/screens/journal.png' });
  await options.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(details).toHaveCount(0);

  // The CSV holds the filtered list, one line per operation and subscription.
  await journal.getByLabel('Établissement').selectOption(COLLEGE_A);
  await expect(journal.getByText('2 opérations')).toBeVisible();
  const downloadPromise = options.waitForEvent('download');
  await journal.getByRole('button', { name: 'Exporter en tableur (CSV)' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^journal-compagnon-gar-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<Record<string, string>>(csv.slice(1), {
    delimiter: ';',
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data).toHaveLength(4);
  expect(parsed.data.map((row) => row.Établissement)).toEqual([COLLEGE_A, COLLEGE_A, COLLEGE_A, COLLEGE_A]);
  const maths = parsed.data.find(
    (row) => row.Opération === 'Affectation groupée' && row.Abonnement === 'ABO-MATHS',
  );
  expect(maths).toMatchObject({
    Résumé: `'${TRICKY_SUMMARY}`,
    Ressource: 'Maths 6e ; édition « Hirondelle »',
    État: 'Terminée',
    'Personnes ajoutées': '3',
    Cibles: 'Division 6A',
    'Jusqu’à épuisement': 'non',
  });
  expect(maths?.['Annulée le']).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  expect(csv).not.toContain('eleve-');
});

test('the retention is refused out of range, saved in range, and a purge says what it deleted', async ({
  openExtensionPage,
}) => {
  const options = await openExtensionPage('options.html');
  // The daily maintenance purges with the saved duration too: due a minute after the browser
  // started, it once fired mid-test and deleted the old entry before « Purger maintenant ».
  await options.evaluate(() => chrome.alarms.clear('maintenance-quotidienne'));
  await writeJournalStore(options, OLD_ENTRY);
  await options.reload();
  const journal = options.getByRole('region', { name: 'Journal des opérations' });
  await expect(journal.getByText('4 opérations')).toBeVisible();

  const retention = journal.getByRole('spinbutton', { name: 'Conserver le journal (jours)' });
  await expect(retention).toHaveValue('400');
  await retention.fill('0');
  await retention.press('Tab');
  await expect(
    journal.getByText(/^Durée refusée : indiquez un nombre entier de jours, de 1 à 3650/),
  ).toBeVisible();
  await expect(retention).toHaveAttribute('aria-invalid', 'true');
  await expect(retention).toHaveValue('0');
  await options.reload();
  await expect(retention).toHaveValue('400');

  await retention.fill('30');
  await retention.press('Tab');
  await expect(journal.getByText('Réglage enregistré.')).toBeVisible();
  await options.reload();
  await expect(retention).toHaveValue('30');

  await journal.getByRole('button', { name: 'Purger maintenant' }).click();
  await expect(journal.getByText('1 opération de plus de 30 jours a été supprimée.')).toBeVisible();
  await expect(journal.getByText('3 opérations')).toBeVisible();
  await expect(journal).not.toContainText('Rentrée 2024');
  await journal.getByRole('button', { name: 'Purger maintenant' }).click();
  await expect(
    journal.getByText('Aucune opération n’a plus de 30 jours : rien n’a été supprimé.'),
  ).toBeVisible();

  // Back to the default for the specs that share this browser.
  await retention.fill('400');
  await retention.press('Tab');
  await expect(journal.getByText('Réglage enregistré.')).toBeVisible();
});
