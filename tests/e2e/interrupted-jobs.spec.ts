import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  bulkDialog,
  choose,
  confirmButton,
  holders,
  journalOf,
  openBulk,
  previewTotal,
  pupilsOf,
} from './support/console-api';
import { consoleUrl, logIn } from './support/gar-pages';
import { bulkPanel, goToConsoleView } from './support/ra-navigation';
import { callSim, clearFaults, setFaults } from './support/sim-admin';

/**
 * Issue 14, as an RA lives it: a job whose tab closed while its writes were out, found again on
 * the next visit and undone from there (or abandoned, then undone); the console changing between
 * the preview and « Confirmer »; a console that fails while the RA previews. Multi seed, collège
 * Jules Verne (0561622J): the four 5e subscriptions below have licences for all of 5A.
 */

const UAI = '0561622J';
const ATLAS = 'ABO-1-ATLAS';
const FIVE_E = ['ABO-1-FRANCAIS-5E-1', 'ABO-1-HISTOIRE-5E-1', 'ABO-1-SVT-5E-1', ATLAS];

test.beforeEach(async ({ simulator }) => {
  await simulator.reset();
  await clearFaults(simulator.port);
});

async function holdersOfAll(page: Page): Promise<Map<string, string[]>> {
  const all = new Map<string, string[]>();
  for (const id of FIVE_E) all.set(id, (await holders(page, id)).sort());
  return all;
}

/**
 * The RA confirms a job on 5A, and closes the tab while the first writes are on their way: the
 * console still carries them out (its answers reach nobody), the last one is never sent.
 */
async function closeTabMidJob(context: BrowserContext, port: number): Promise<Map<string, string[]>> {
  const first = await context.newPage();
  await logIn(first);
  await goToConsoleView(first, 'ressources');
  const before = await holdersOfAll(first);
  const root = await openBulk(first);
  await choose(root, FIVE_E, ['5A']);
  await previewTotal(root);
  await setFaults(port, { latenceMs: 1500, ecrituresSeulement: true });
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-execution]')).toBeVisible();
  await first.waitForTimeout(400);
  await first.close();
  // Long enough for the console to finish the writes the closed tab had sent.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  await clearFaults(port);
  return before;
}

/** The RA comes back: opens the console again and goes to « Ressources » by its tab. */
async function comeBack(context: BrowserContext): Promise<Page> {
  const next = await context.newPage();
  await next.goto(consoleUrl('/tableau-de-bord'));
  await goToConsoleView(next, 'ressources');
  return next;
}

/** The RA logs in, goes to « Ressources » by its tab and chooses the atlas for 5A in the dialog. */
async function atlasFor5A(page: Page): Promise<Locator> {
  await logIn(page);
  await goToConsoleView(page, 'ressources');
  const root = await openBulk(page);
  await choose(root, [ATLAS], ['5A']);
  return root;
}

const banner = (page: Page): Locator => bulkPanel(page).locator('[data-cg-reprise]');

async function expectRestored(page: Page, before: Map<string, string[]>): Promise<void> {
  for (const [id, persons] of before) expect((await holders(page, id)).sort()).toEqual(persons);
}

test('a tab closed while its writes were out: on return the banner says what is left, and « Annuler ce qui a été fait » removes everything the job added', async ({
  context,
  simulator,
  openExtensionPage,
}) => {
  const before = await closeTabMidJob(context, simulator.port);
  const page = await comeBack(context);

  // Three writes reached the console without an answer; the fourth was never sent.
  await expect(banner(page)).toContainText(/reste à faire : \d+ licences sur 1 abonnement/);
  await page.screenshot({ path: 'test-results/screens/interrompue-retour.png' });
  const added = [...(await holdersOfAll(page))].reduce(
    (sum, [id, persons]) => sum + persons.length - (before.get(id)?.length ?? 0),
    0,
  );
  expect(added).toBeGreaterThan(0);

  await banner(page).getByRole('button', { name: 'Annuler ce qui a été fait' }).click();
  const root = bulkPanel(page);
  await expect(root.locator('[data-cg-total]')).toHaveAttribute('data-cg-total', String(added));
  await page.screenshot({ path: 'test-results/screens/interrompue-annulation.png' });
  await root.getByRole('button', { name: /Confirmer : retirer/ }).click();
  await expect(root.getByRole('status')).toContainText(`${added} licences retirées`);
  await expectRestored(page, before);

  // The job is no longer offered, and the journal tells how each ended.
  await bulkDialog(root).getByRole('button', { name: 'Fermer' }).last().click();
  await expect(banner(page)).toHaveCount(0);
  const [undo, job] = await journalOf(await openExtensionPage('options.html'));
  expect(undo).toMatchObject({ kind: 'annulation', status: 'termine' });
  expect(job).toMatchObject({ kind: 'affectation', status: 'annule' });
});

test('« Abandonner » after a closed tab keeps what was done undoable: « Dernières opérations » removes it all', async ({
  context,
  simulator,
}) => {
  const before = await closeTabMidJob(context, simulator.port);
  const page = await comeBack(context);
  await banner(page).getByRole('button', { name: 'Abandonner' }).click();
  await expect(banner(page)).toHaveCount(0);

  const root = await openBulk(page);
  await root.getByText('Dernières opérations (annulables)').click();
  await root.getByRole('button', { name: 'Annuler cette opération' }).first().click();
  const total = Number(await root.locator('[data-cg-total]').getAttribute('data-cg-total'));
  expect(total).toBeGreaterThan(0);
  await root.getByRole('button', { name: /Confirmer : retirer/ }).click();
  await expect(root.getByRole('status')).toContainText(`${total} licences retirées`);
  await expectRestored(page, before);
});

test('a pupil who joins the division between the preview and « Confirmer »: nothing is written, the new plan is shown, then written as shown', async ({
  page,
  simulator,
}) => {
  const root = await atlasFor5A(page);
  const previewed = await previewTotal(root);
  const [newcomer] = await pupilsOf(page, '5B');
  if (!newcomer) throw new Error('the seed has pupils in 5B');
  const moved = await callSim(
    simulator.port,
    'POST',
    '/__sim/deplacer',
    JSON.stringify({ uai: UAI, idPersonne: newcomer, division: '5A' }),
  );
  expect(moved.status).toBe(200);

  await confirmButton(root).click();
  await expect(root.locator('[data-cg-changements]')).toContainText(
    'La console a changé depuis votre aperçu',
  );
  await expect(root.locator('[data-cg-changements]')).toContainText('Rien n’a été écrit');
  await expect(root.locator('[data-cg-total]')).toHaveAttribute('data-cg-total', String(previewed + 1));
  expect(await holders(page, ATLAS)).toEqual([]);
  await page.screenshot({ path: 'test-results/screens/apercu-perime.png' });

  await confirmButton(root).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  const written = await holders(page, ATLAS);
  expect(written).toHaveLength(previewed + 1);
  expect(written).toContain(newcomer);
});

test('a console that fails during the preview: « Réessayer » redoes the preview, the choices kept', async ({
  page,
  simulator,
}) => {
  const root = await atlasFor5A(page);
  await setFaults(simulator.port, { tauxErreur: 1 });
  await root.getByRole('button', { name: 'Prévisualiser' }).click();
  await expect(root.locator('[data-cg-erreur]')).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: 'test-results/screens/erreur-reessayer.png' });
  await clearFaults(simulator.port);
  await root.getByRole('button', { name: 'Réessayer' }).click();
  // Back to the preview of the same choice, not to an empty choice step.
  await expect(root.locator(`[data-cg-apercu="${ATLAS}"]`)).toContainText('Division 5A');
  expect(Number(await root.locator('[data-cg-total]').getAttribute('data-cg-total'))).toBeGreaterThan(0);
});
