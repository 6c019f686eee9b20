import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  choose,
  confirmButton,
  freshSession,
  holders,
  journalOf,
  previewTotal,
  pupilsOf,
} from './support/console-api';
import { consoleUrl, logIn } from './support/gar-pages';
import { bulkPanel, goToConsoleView, settled } from './support/ra-navigation';
import { clearFaults, setFaults } from './support/sim-admin';

/**
 * « Affectation groupée » through the built extension, on the simulator's multi seed (collège
 * Jules Verne, UAI 0561622J, is the RA's first school). Each test starts from the seed's state,
 * without injected faults. Seed facts used: ABO-1-ATLAS has 120 pupil and 10 teacher licences,
 * none assigned; 5A and 5B hold 54 pupils and 13 of their teachers; ABO-1-FRANCAIS-5E-1 has
 * licences left for everyone there.
 */

const UAI = '0561622J';
const ATLAS = 'ABO-1-ATLAS';
const FRANCAIS_5E = 'ABO-1-FRANCAIS-5E-1';
const FIVE_E = ['ABO-1-FRANCAIS-5E-1', 'ABO-1-HISTOIRE-5E-1', 'ABO-1-SVT-5E-1', ATLAS];

test.beforeEach(async ({ simulator }) => {
  await simulator.reset();
  await clearFaults(simulator.port);
});

function panel(page: Page): Locator {
  return bulkPanel(page);
}

async function openPanel(page: Page, { login = true } = {}): Promise<Locator> {
  if (login) await logIn(page);
  await goToConsoleView(page, 'ressources');
  return openPanelHere(page);
}

/** « Affectation groupée… » above the view the RA is on. */
async function openPanelHere(page: Page): Promise<Locator> {
  const root = panel(page);
  await root.getByRole('button', { name: 'Affectation groupée…' }).click();
  await expect(root.getByRole('dialog', { name: 'Affectation groupée' })).toBeVisible();
  await expect(root.locator('[data-cg-liste="abonnements"]')).toBeVisible();
  return root;
}

/** « 27 » from the console's own table cell (a thousands separator would be a space). */
const asNumber = (text: string | null): number => Number((text ?? '').replace(/\s/g, ''));

/** Parcours par population, one of its sub-tabs (Divisions, Groupes, Enseignants…), by its link. */
async function populationTab(page: Page, type: 'divisions' | 'groupes' | 'enseignants'): Promise<Locator> {
  await page.locator(`[data-gar-population-type="${type}"]`).click();
  await settled(page);
  return page.locator(`table[data-gar-table="population"][data-type="${type}"]`);
}

test('two subscriptions to a division: previewed with names, assigned with progress, journaled, then undone exactly', async ({
  page,
  openExtensionPage,
}) => {
  const root = await openPanel(page);
  const before = await holders(page, FRANCAIS_5E);
  await choose(root, [ATLAS, FRANCAIS_5E], ['5A']);
  await expect(root.locator('[data-cg-selection]')).toContainText('27 élèves');
  await page.screenshot({ path: 'test-results/screens/affectation-groupee-choix.png' });

  const total = await previewTotal(root);
  const atlas = root.locator(`[data-cg-apercu="${ATLAS}"]`);
  await expect(atlas).toContainText('Division 5A');
  await atlas
    .getByText(/Voir les \d+ nom/)
    .first()
    .click();
  await expect(atlas.locator('details[open] p')).toContainText(/\p{L}+ \p{L}+, /u);
  await page.screenshot({ path: 'test-results/screens/affectation-groupee-apercu.png' });

  await confirmButton(root).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  await expect(root.getByRole('status')).toContainText(`${total} licences affectées sur 2 abonnements.`);
  const pupils5A = await pupilsOf(page, '5A');
  expect(await holders(page, ATLAS)).toEqual(expect.arrayContaining(pupils5A));
  await page.screenshot({ path: 'test-results/screens/affectation-groupee-resultat.png' });

  const options = await openExtensionPage('options.html');
  const [entry] = await journalOf(options);
  expect(entry?.status).toBe('termine');
  // Journaled before and after each write: one « envoi » and one « affecte » per subscription.
  expect(entry?.steps.map((step) => step.action).sort()).toEqual(['affecte', 'affecte', 'envoi', 'envoi']);

  // Someone else gives a licence meanwhile: the undo must leave it alone.
  await root.getByRole('button', { name: 'Annuler cette opération' }).click();
  await expect(root.locator('[data-cg-total]')).toHaveAttribute('data-cg-total', String(total));
  await page.screenshot({ path: 'test-results/screens/affectation-groupee-annulation.png' });
  await root.getByRole('button', { name: /Confirmer : retirer/ }).click();
  await expect(root.getByRole('status')).toContainText(`${total} licences retirées sur 2 abonnements.`);
  expect(await holders(page, ATLAS)).toEqual([]);
  expect((await holders(page, FRANCAIS_5E)).sort()).toEqual([...before].sort());
});

test('a licence shortage is refused by default with what is missing, then served in order until exhausted', async ({
  page,
}) => {
  const root = await openPanel(page);
  await choose(root, [ATLAS], ['5A', '5B']);
  const refused = await previewTotal(root);
  expect(refused).toBe(0);
  await expect(root.locator('[data-cg-manque]')).toContainText('il manque 3 enseignants');
  await expect(confirmButton(root)).toBeDisabled();
  await page.screenshot({ path: 'test-results/screens/affectation-groupee-manque.png' });

  await root.locator('[data-cg-epuisement]').check();
  await expect(root.locator('[data-cg-total]')).toHaveAttribute('data-cg-total', '64');
  await confirmButton(root).click();
  await expect(root.getByRole('status')).toContainText('64 licences affectées sur 1 abonnement.');
  expect(await holders(page, ATLAS)).toHaveLength(64);
});

test('the session expires in the middle of a job: it stops cleanly, and resumes after a new login without doing anything twice', async ({
  page,
  context,
  simulator,
}) => {
  const root = await openPanel(page);
  await choose(root, FIVE_E, ['5A']);
  const total = await previewTotal(root);
  await freshSession(context, simulator.port);
  // « Confirmer » reads the console again first (population, subscriptions, the 4 holder lists:
  // 6 requests); the session then allows two writes, and the third is refused (401).
  await setFaults(simulator.port, { expirationSessionApres: 8, latenceMs: 150 });
  await confirmButton(root).click();

  await expect(root.locator('[data-cg-arret="session"]')).toContainText('Reconnectez-vous à la console');
  const done = Number((await root.getByRole('status').textContent())?.match(/(\d+) licence/)?.[1]);
  expect(done).toBeGreaterThan(0);
  expect(done).toBeLessThan(total);
  await page.screenshot({ path: 'test-results/screens/affectation-groupee-session.png' });

  await clearFaults(simulator.port);
  await logIn(page);
  await goToConsoleView(page, 'ressources');
  const banner = panel(page).locator('[data-cg-reprise]');
  await expect(banner).toContainText('interrompue');
  await banner.getByRole('button', { name: 'Reprendre' }).click();
  await expect(root.locator('[data-cg-total]')).toHaveAttribute('data-cg-total', String(total - done));
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  // The whole operation, not only its resumed part.
  await expect(root.getByRole('status')).toHaveText(
    `✔ ${total} licences affectées sur 4 abonnements, dont ${total - done} après reprise.`,
  );
  await page.screenshot({ path: 'test-results/screens/affectation-groupee-resultat-reprise.png' });
  const pupils5A = await pupilsOf(page, '5A');
  for (const id of FIVE_E) expect(await holders(page, id)).toEqual(expect.arrayContaining(pupils5A));
});

test('server errors are retried with backoff until the console answers again', async ({
  page,
  simulator,
  openExtensionPage,
}) => {
  const root = await openPanel(page);
  await choose(root, [ATLAS], ['5A']);
  const total = await previewTotal(root);
  const options = await openExtensionPage('options.html');
  // Writes fail (the reads « Confirmer » makes first go through); the console recovers while the
  // executor waits to retry.
  await setFaults(simulator.port, { tauxErreur: 1, ecrituresSeulement: true });
  await confirmButton(root).click();
  await expect
    .poll(async () =>
      (await journalOf(options)).some(
        (entry) => entry.status === 'enCours' && entry.steps.some((step) => step.action === 'erreur'),
      ),
    )
    .toBe(true);
  await clearFaults(simulator.port);
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  await expect(root.getByRole('status')).toContainText(`${total} licences affectées sur 1 abonnement.`);

  const [entry] = await journalOf(options);
  expect(entry?.steps.map((step) => step.action)).toEqual(
    expect.arrayContaining(['envoi', 'erreur', 'affecte']),
  );
});

test('a server that keeps failing stops the job with a clear message; « Reprendre » finishes it later', async ({
  page,
  simulator,
}) => {
  const root = await openPanel(page);
  await choose(root, [ATLAS], ['5A']);
  const total = await previewTotal(root);
  await setFaults(simulator.port, { tauxErreur: 1, ecrituresSeulement: true });
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-arret="echec"]')).toBeVisible({ timeout: 20_000 });
  await expect(root.locator('[data-cg-resultat]')).toContainText("1 abonnement n'a pas pu être traité.");
  await expect(root.locator('[data-cg-resultat]')).toContainText('(4 tentatives)');

  await clearFaults(simulator.port);
  await root.getByRole('button', { name: 'Reprendre' }).click();
  await expect(root.locator('[data-cg-total]')).toHaveAttribute('data-cg-total', String(total));
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
});

test('a tab closed during a job: the next visit offers to resume it, and the resume settles what was in flight', async ({
  context,
  simulator,
}) => {
  const first = await context.newPage();
  const root = await openPanel(first);
  await choose(root, FIVE_E, ['5A']);
  const total = await previewTotal(root);
  await setFaults(simulator.port, { latenceMs: 1500, ecrituresSeulement: true });
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-execution]')).toBeVisible();
  await first.waitForTimeout(400);
  await first.close();
  // The console finishes the writes the closed tab had sent (1.5 s each): were they to land
  // after the next preview, « Confirmer » would rightly show a changed plan instead of writing.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  await clearFaults(simulator.port);

  const next = await context.newPage();
  await next.goto(consoleUrl('/ressources'));
  const banner = panel(next).locator('[data-cg-reprise]');
  await expect(banner).toContainText('interrompue');
  await next.screenshot({ path: 'test-results/screens/affectation-groupee-reprise.png' });
  await banner.getByRole('button', { name: 'Reprendre' }).click();
  const again = panel(next);
  const left = Number(await again.locator('[data-cg-total]').getAttribute('data-cg-total'));
  expect(left).toBeLessThanOrEqual(total);
  if (left > 0) {
    await confirmButton(again).click();
    await expect(again.locator('[data-cg-resultat="termine"]')).toBeVisible();
  }
  const pupils5A = await pupilsOf(next, '5A');
  for (const id of FIVE_E) expect(await holders(next, id)).toEqual(expect.arrayContaining(pupils5A));
  await next.close();
});

test('another RA changes a subscription during the job: the rest is planned again and the difference shown first', async ({
  page,
  simulator,
}) => {
  const root = await openPanel(page);
  await choose(root, [ATLAS], ['5A']);
  const total = await previewTotal(root);
  const someone = (await pupilsOf(page, '5A'))[0] ?? 'aucun élève en 5A';
  await setFaults(simulator.port, {
    changementConcurrent: { uai: UAI, idAbonnement: ATLAS, ajouter: [someone], apresRequetes: 0 },
  });
  await confirmButton(root).click();

  const changes = root.locator('[data-cg-changements]');
  await expect(changes).toContainText('Atlas numérique du monde');
  await expect(changes).toContainText(`à affecter : ${total} → ${total - 1}`);
  await page.screenshot({ path: 'test-results/screens/affectation-groupee-changement.png' });
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  expect(await holders(page, ATLAS)).toHaveLength(total);
});

test('« Arrêter » stops the job after the writes already sent, and it can be resumed', async ({
  page,
  simulator,
}) => {
  const root = await openPanel(page);
  await choose(root, FIVE_E, ['5A']);
  const total = await previewTotal(root);
  await setFaults(simulator.port, { latenceMs: 600 });
  await confirmButton(root).click();
  await root.getByRole('button', { name: 'Arrêter' }).click();
  await expect(root.locator('[data-cg-arret="annule"]')).toContainText('Arrêtée à votre demande');
  const done = Number((await root.getByRole('status').textContent())?.match(/(\d+) licence/)?.[1]);
  expect(done).toBeLessThan(total);

  await clearFaults(simulator.port);
  await root.getByRole('button', { name: 'Reprendre' }).click();
  await expect(root.locator('[data-cg-total]')).toHaveAttribute('data-cg-total', String(total - done));
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  await expect(root.getByRole('status')).toContainText(
    `${total} licences affectées sur 4 abonnements, dont ${total - done} après reprise.`,
  );
});

test('an undo stopped and resumed: it goes on in its own journal line, counts all it removed, and names what it undid', async ({
  page,
  simulator,
  openExtensionPage,
}) => {
  const root = await openPanel(page);
  const before = new Map<string, string[]>();
  for (const id of FIVE_E) before.set(id, (await holders(page, id)).sort());
  await choose(root, FIVE_E, ['5A']);
  const total = await previewTotal(root);
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();

  await root.getByRole('button', { name: 'Annuler cette opération' }).click();
  await setFaults(simulator.port, { latenceMs: 600 });
  await root.getByRole('button', { name: /Confirmer : retirer/ }).click();
  await root.getByRole('button', { name: 'Arrêter' }).click();
  await expect(root.locator('[data-cg-arret="annule"]')).toBeVisible();
  const removed = Number((await root.getByRole('status').textContent())?.match(/(\d+) licence/)?.[1]);
  expect(removed).toBeLessThan(total);

  await clearFaults(simulator.port);
  await root.getByRole('button', { name: 'Reprendre' }).click();
  await expect(root.locator('[data-cg-total]')).toHaveAttribute('data-cg-total', String(total - removed));
  await root.getByRole('button', { name: /Confirmer : retirer/ }).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  await expect(root.getByRole('status')).toHaveText(
    `✔ ${total} licences retirées sur 4 abonnements, dont ${total - removed} après reprise.`,
  );
  for (const id of FIVE_E) expect((await holders(page, id)).sort()).toEqual(before.get(id));

  // One undo in the journal, whose line says what it undid: the operation's date and request.
  const options = await openExtensionPage('options.html');
  const entries = await journalOf(options);
  // The browser is shared: the journal is newest first, other tests' operations after.
  const assignment = entries.find((entry) => entry.kind === 'affectation');
  const undos = entries.filter(
    (entry) => entry.kind === 'annulation' && entry.job?.annule === assignment?.id,
  );
  expect(undos).toHaveLength(1);
  const undone = await options.evaluate(
    (at) =>
      new Intl.DateTimeFormat('fr-FR', {
        timeZone: 'Europe/Paris',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(new Date(at)),
    assignment?.startedAt ?? '',
  );
  const line = `Annulation de l’affectation du ${undone} : 4 abonnements × division 5A — ${total} licences retirées sur 4 abonnements, dont ${total - removed} après reprise.`;
  expect(undos[0]?.summary).toBe(line);
  const journal = options.getByRole('region', { name: 'Journal des opérations' });
  const row = journal.locator(`tr[data-journal-id="${undos[0]?.id}"]`);
  await expect(row).toContainText(line);
  await row.screenshot({ path: 'test-results/screens/journal-annulation-reprise.png' });
  await row.getByRole('button', { name: /^Détails de l’opération du / }).click();
  await expect(journal.locator('tr.cg-journal__details')).toContainText(
    `Affectation du ${undone} : 4 abonnements × division 5A`,
  );
});

test('head-counts are the console’s: a division’s and a group’s effectif are their pupils, teachers apart', async ({
  page,
}) => {
  await logIn(page);
  await goToConsoleView(page, 'population');
  // What the console itself shows: Parcours par population, its Divisions, Groupes, Enseignants.
  const divisions = await populationTab(page, 'divisions');
  const effectif5A = asNumber(await divisions.locator('tr[data-code="5A"] td').last().textContent());
  const groups = await populationTab(page, 'groupes');
  const group = 'AP-FR-5A-5B';
  const effectifGroup = asNumber(await groups.locator(`tr[data-code="${group}"] td`).last().textContent());
  const teachers = await populationTab(page, 'enseignants');
  const teaching5A = (await teachers.locator('tbody tr td').allTextContents()).filter((cell) =>
    cell.split(', ').includes('5A'),
  ).length;
  expect(effectif5A).toBeGreaterThan(0);
  expect(teaching5A).toBeGreaterThan(0);

  const root = await openPanelHere(page);
  const option = (cible: string): Locator =>
    root.locator(`li:has([data-cg-cible="${cible}"]) [data-cg-effectif]`);
  await expect(option('division:5A')).toHaveText(`(${effectif5A} élèves · ${teaching5A} enseignants)`);
  await root.locator('[data-cg-cible="division:5A"]').check();
  await expect(root.locator('[data-cg-selection]')).toContainText(
    `Effectif concerné : ${effectif5A} élèves · ${teaching5A} enseignants`,
  );
  await root.locator('[data-cg-abonnement="ABO-1-ATLAS"]').check();
  await page.screenshot({ path: 'test-results/screens/affectation-groupee-effectifs.png' });
  await root.getByRole('tab', { name: 'Groupes' }).click();
  await expect(option(`groupe:${group}`)).toContainText(`(${effectifGroup} élèves · `);
  await root.getByRole('tab', { name: 'Profils' }).click();
  await expect(option('profil:DOCUMENTALISTE')).toHaveText('(1 documentaliste)');
});

test('the RA clicks away during a job: its progress stays on screen, then its result and undo; nothing is offered as interrupted', async ({
  page,
  simulator,
}) => {
  const root = await openPanel(page);
  await choose(root, FIVE_E, ['5A']);
  const total = await previewTotal(root);
  await setFaults(simulator.port, { latenceMs: 700 });
  await confirmButton(root).click();
  const dialog = page.getByRole('dialog', { name: 'Affectation groupée' });
  await expect(dialog.locator('[data-cg-execution]')).toBeVisible();

  // The browser's back button (the dialog is modal, the browser is not): the view changes under it.
  await page.goBack();
  await expect(page).toHaveURL(consoleUrl('/tableau-de-bord'));
  await expect(dialog.locator('[data-cg-execution]')).toBeVisible();
  await expect(page.locator('cg-livraisons')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screens/affectation-groupee-navigation-pendant.png' });
  // The job being written in this tab is not « interrupted », even while the journal says « en cours ».
  await expect(panel(page).locator('[data-cg-reprise]')).toHaveCount(0);

  await clearFaults(simulator.port);
  await expect(dialog.locator('[data-cg-resultat="termine"]')).toBeVisible({ timeout: 20_000 });
  await expect(dialog.getByRole('status')).toContainText(`${total} licences affectées sur 4 abonnements.`);
  await expect(dialog.getByRole('button', { name: 'Annuler cette opération' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Fermer' }).last().click();
  await expect(dialog).toHaveCount(0);
  await expect(panel(page).locator('[data-cg-reprise]')).toHaveCount(0);
  const pupils5A = await pupilsOf(page, '5A');
  for (const id of FIVE_E) expect(await holders(page, id)).toEqual(expect.arrayContaining(pupils5A));
});

test('the RA leaves the view with a preview open: the dialog goes with the view, nothing is written', async ({
  page,
}) => {
  const root = await openPanel(page);
  await choose(root, [ATLAS], ['5A']);
  await previewTotal(root);
  await page.goBack();
  await expect(page).toHaveURL(consoleUrl('/tableau-de-bord'));
  await expect(page.getByRole('dialog', { name: 'Affectation groupée' })).toHaveCount(0);
  expect(await holders(page, ATLAS)).toEqual([]);
});
