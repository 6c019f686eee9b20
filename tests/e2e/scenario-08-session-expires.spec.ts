import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  bulkDialog,
  choose,
  closeBulk,
  confirmButton,
  freshSession,
  holders,
  journalOf,
  openBulk,
  personsOf,
  previewTotal,
  SCHOOL_A,
} from './support/console-api';
import { subscriptionsOf } from './support/console-school';
import { replaceStore } from './support/extension-store';
import { consoleUrl, logIn } from './support/gar-pages';
import { bulkPanel, expectConsoleHelpers, goToDivision, settled } from './support/ra-navigation';
import { clearFaults, setFaults } from './support/sim-admin';

/**
 * Scenario 8 — the session expires mid-job. From 5e A's page the RA gives the class its three 5e
 * manuals and the atlas. The ENT logs the RA out while the job runs (the simulator's
 * `expirationSessionApres`, counted on a session given to the browser just before): the job stops
 * cleanly and says, in plain French, to log in again and resume. The RA closes the dialog and
 * clicks a console tab: the console itself finds the session gone and shows its login page. The
 * RA logs in through the form and lands on the dashboard, where « Affectation groupée » offers to
 * resume; « Reprendre » plans exactly what is left, and the result counts the whole operation.
 * Nobody holds a licence twice, and the journal shows one operation, « Terminée ».
 */

const DIVISION = '5A';
const FIVE_E = ['ABO-1-FRANCAIS-5E-1', 'ABO-1-HISTOIRE-5E-1', 'ABO-1-SVT-5E-1', 'ABO-1-ATLAS'];

test.beforeEach(async ({ simulator, openExtensionPage }) => {
  await simulator.reset();
  await clearFaults(simulator.port);
  // Other specs' operations share this browser's journal: this one counts its own.
  const options = await openExtensionPage('options.html');
  await replaceStore(options, 'journal', []);
  await options.close();
});
test.afterEach(async ({ simulator }) => {
  await clearFaults(simulator.port);
});

/** Per subscription: who of the division it is open to (its publics) and does not hold it yet. */
async function lacking(page: Page, ids: readonly string[]): Promise<Map<string, string[]>> {
  const publics = new Map(
    (await subscriptionsOf(page, SCHOOL_A)).map((s) => [s.idAbonnement, s.publicCible]),
  );
  const division = (await personsOf(page)).filter((p) => p.divisions.includes(DIVISION));
  const result = new Map<string, string[]>();
  for (const id of ids) {
    const held = new Set(await holders(page, id));
    const open = division.filter((p) => publics.get(id)?.includes(p.profil));
    result.set(
      id,
      open.filter((p) => !held.has(p.id)).map((p) => p.id),
    );
  }
  return result;
}

test('the session expires mid-job: a clean stop in French, the console’s login, then « Reprendre » finishes exactly what was left', async ({
  page,
  context,
  simulator,
  openExtensionPage,
}) => {
  await logIn(page);
  await goToDivision(page, DIVISION);
  const before = new Map<string, string[]>();
  for (const id of FIVE_E) before.set(id, await holders(page, id));
  const missing = await lacking(page, FIVE_E);
  const asked = [...missing.values()].reduce((sum, ids) => sum + ids.length, 0);

  const root = await openBulk(page);
  await expect(root.locator(`[data-cg-cible="division:${DIVISION}"]`)).toBeChecked();
  await choose(root, FIVE_E, []);
  const total = await previewTotal(root);
  expect(total).toBe(asked);

  // The session the job writes with: « Confirmer » reads the console again (population,
  // subscriptions, the 4 holder lists: 6 requests), then two writes pass and the third gets 401.
  await freshSession(context, simulator.port);
  await setFaults(simulator.port, { expirationSessionApres: 8, latenceMs: 150 });
  await confirmButton(root).click();
  const stop = root.locator('[data-cg-arret="session"]');
  await expect(stop).toHaveText(
    'Votre session de la console a expiré. Reconnectez-vous à la console, puis cliquez sur « Reprendre » : rien de ce qui est fait ne sera refait.',
  );
  const status = (await root.getByRole('status').textContent()) ?? '';
  const [, doneText, servedText] = /(\d+) licences? affectées? sur (\d+) abonnement/.exec(status) ?? [];
  const done = Number(doneText);
  const served = Number(servedText);
  expect(done).toBeGreaterThan(0);
  expect(done).toBeLessThan(total);
  await bulkDialog(root).screenshot({ path: 'test-results/screens/scenario-08-session.png' });

  // The RA closes the dialog and clicks a tab: the console finds the session gone.
  await closeBulk(root);
  await page.getByRole('navigation').getByRole('link', { name: 'Parcours ressource', exact: true }).click();
  await expect(page).toHaveURL(consoleUrl('/connexion'));
  await expect(page.locator('body[data-gar-application="connexion"]')).toBeAttached();
  // The ENT lets new sessions live again.
  await clearFaults(simulator.port);

  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(consoleUrl('/tableau-de-bord'));
  await settled(page);
  await expectConsoleHelpers(page, 'tableau-de-bord');
  const banner = bulkPanel(page).locator('[data-cg-reprise]');
  await expect(banner).toContainText('interrompue : « 4 abonnements × division 5A »');
  // What is left, read in the console on return: the licences not yet given, on the
  // subscriptions that still lack some (one the stop left behind may already be complete).
  const left = /reste à faire : (\d+) licences? sur (\d+) abonnements?/.exec(
    (await banner.textContent()) ?? '',
  );
  expect(Number(left?.[1])).toBe(total - done);
  expect(Number(left?.[2])).toBeGreaterThan(0);
  expect(Number(left?.[2])).toBeLessThanOrEqual(FIVE_E.length - served);
  await banner.screenshot({ path: 'test-results/screens/scenario-08-reprise.png' });

  await banner.getByRole('button', { name: 'Reprendre' }).click();
  await expect(root.locator('[data-cg-total]')).toHaveAttribute('data-cg-total', String(total - done));
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  await expect(root.getByRole('status')).toHaveText(
    `✔ ${total} licences affectées sur 4 abonnements, dont ${total - done} après reprise.`,
  );
  await bulkDialog(root).screenshot({ path: 'test-results/screens/scenario-08-resultat.png' });

  // Nobody holds a licence twice; each subscription has exactly who it had, plus 5e A.
  for (const id of FIVE_E) {
    const now = await holders(page, id);
    expect(new Set(now).size, `${id}: each holder once`).toBe(now.length);
    expect([...now].sort(), id).toEqual([...(before.get(id) ?? []), ...(missing.get(id) ?? [])].sort());
  }

  // The journal: one operation, finished, which counts everything.
  const options = await openExtensionPage('options.html');
  const entries = await journalOf(options);
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ kind: 'affectation', status: 'termine' });
  const journal = options.getByRole('region', { name: 'Journal des opérations' });
  const rows = journal.locator('tr[data-journal-id]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Terminée');
  await expect(rows.first()).toContainText(
    `4 abonnements × division 5A — ${total} licences affectées sur 4 abonnements, dont ${total - done} après reprise.`,
  );
  await rows.first().screenshot({ path: 'test-results/screens/scenario-08-journal.png' });
});
