import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  bulkDialog,
  choose,
  closeBulk,
  confirmButton,
  holders,
  journalOf,
  openBulk,
  personsOf,
  previewTotal,
  SCHOOL_A,
} from './support/console-api';
import { subscriptionOf } from './support/console-school';
import { replaceStore } from './support/extension-store';
import { logIn } from './support/gar-pages';
import { clickTab, expectConsoleHelpers, goToResource } from './support/ra-navigation';
import { clearFaults } from './support/sim-admin';

/**
 * Scenario 10 — a mistake. The RA opens « Français 4e » from Parcours ressource and, from its page,
 * gives it to 4e A, 4e B and 4e C with « Affectation groupée » — they meant another manual. Most
 * pupils of those divisions already held the French manual (the seed assigns it to most of the
 * level), so the job added only the others. Later, from the dashboard, the RA opens « Affectation
 * groupée… », « Dernières opérations », « Annuler cette opération »: the undo's preview lists
 * exactly what the operation added; once confirmed, the holders are exactly those from before
 * the mistake — not fewer — and the journal's undo line names the operation it undid.
 */

const FRANCAIS_4E = 'ABO-1-FRANCAIS-4E-1';
const DIVISIONS = ['4A', '4B', '4C'];

test.beforeEach(async ({ simulator, openExtensionPage }) => {
  await simulator.reset();
  await clearFaults(simulator.port);
  // Other specs' operations share this browser's journal: this one reads its own.
  const options = await openExtensionPage('options.html');
  await replaceStore(options, 'journal', []);
  await options.close();
});
test.afterEach(async ({ simulator }) => {
  await clearFaults(simulator.port);
});

/** « 02/12/2026 10:05 »: a journal instant as the panel and the journal write it (Paris time). */
function parisDateTime(page: Page, at: string): Promise<string> {
  return page.evaluate(
    (instant) =>
      new Intl.DateTimeFormat('fr-FR', {
        timeZone: 'Europe/Paris',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(new Date(instant)),
    at,
  );
}

test('the wrong resource to three divisions, undone from another view: exactly what it added goes, what was there stays', async ({
  page,
  openExtensionPage,
}) => {
  await logIn(page);
  await goToResource(page, FRANCAIS_4E);
  await expectConsoleHelpers(page, 'ressource');
  const before = (await holders(page, FRANCAIS_4E)).sort();
  const inDivisions = (await personsOf(page)).filter((p) => DIVISIONS.some((d) => p.divisions.includes(d)));
  const pupils = inDivisions.filter((p) => p.profil === 'ELEVE');
  // The seed's premise: some pupils of these divisions held it already, some did not.
  const heldAlready = pupils.filter((p) => before.includes(p.id));
  expect(heldAlready.length).toBeGreaterThan(0);
  expect(heldAlready.length).toBeLessThan(pupils.length);

  // The mistake: from the French manual's page, the three divisions.
  let root = await openBulk(page);
  await expect(root.locator(`[data-cg-abonnement="${FRANCAIS_4E}"]`)).toBeChecked();
  await choose(root, [], DIVISIONS);
  const total = await previewTotal(root);
  const { publicCible } = await subscriptionOf(page, SCHOOL_A, FRANCAIS_4E);
  const expectedNew = inDivisions.filter((p) => publicCible.includes(p.profil) && !before.includes(p.id));
  expect(total).toBe(expectedNew.length);
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  await expect(root.getByRole('status')).toHaveText(`✔ ${total} licences affectées sur 1 abonnement.`);
  const after = await holders(page, FRANCAIS_4E);
  const added = after.filter((id) => !before.includes(id)).sort();
  expect(added).toEqual(expectedNew.map((p) => p.id).sort());
  await closeBulk(root);

  // Later, from the dashboard: the last operations, and « Annuler cette opération ».
  await clickTab(page, 'Tableau de bord');
  await expectConsoleHelpers(page, 'tableau-de-bord');
  root = await openBulk(page);
  const recent = bulkDialog(root).locator('details.cg-recentes');
  await recent.getByText('Dernières opérations (annulables)').click();
  const line = recent.getByRole('listitem').filter({ hasText: 'division 4A, division 4B, division 4C' });
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(`${total} licences affectées sur 1 abonnement.`);
  await page.screenshot({ path: 'test-results/screens/scenario-10-dernieres.png' });
  await line.getByRole('button', { name: 'Annuler cette opération' }).click();

  // The undo's preview: exactly what the operation added, on the one subscription.
  await expect(root.locator('[data-cg-total]')).toHaveAttribute('data-cg-total', String(added.length));
  await expect(bulkDialog(root).locator('ul.cg-cibles li')).toHaveText(
    `Français 4e — manuel numérique : ${added.length} licences à retirer`,
  );
  await expect(bulkDialog(root)).toContainText(
    '« 1 abonnement × division 4A, division 4B, division 4C ») : seules les licences ajoutées par cette opération, et toujours présentes, seront retirées.',
  );
  await bulkDialog(root).screenshot({ path: 'test-results/screens/scenario-10-annulation.png' });
  await root.getByRole('button', { name: `Confirmer : retirer ${added.length} licences` }).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  await expect(root.getByRole('status')).toHaveText(`✔ ${added.length} licences retirées sur 1 abonnement.`);
  // Exactly those from before the mistake: not one more, not one fewer.
  expect((await holders(page, FRANCAIS_4E)).sort()).toEqual(before);
  await closeBulk(root);

  // The journal: the operation, and its undo naming it.
  const options = await openExtensionPage('options.html');
  const entries = await journalOf(options);
  expect(entries).toHaveLength(2);
  const assignment = entries.find((entry) => entry.kind === 'affectation');
  const undo = entries.find((entry) => entry.kind === 'annulation');
  expect(undo?.job?.annule).toBe(assignment?.id);
  const when = await parisDateTime(options, assignment?.startedAt ?? '');
  const undoLine = `Annulation de l’affectation du ${when} : 1 abonnement × division 4A, division 4B, division 4C — ${added.length} licences retirées sur 1 abonnement.`;
  expect(undo?.summary).toBe(undoLine);
  const journal = options.getByRole('region', { name: 'Journal des opérations' });
  const row = journal.locator(`tr[data-journal-id="${undo?.id}"]`);
  await expect(row).toContainText(undoLine);
  await journal.screenshot({ path: 'test-results/screens/scenario-10-journal.png' });
});
