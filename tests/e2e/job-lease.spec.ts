import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { choose, confirmButton, openBulk, previewTotal } from './support/console-api';
import { replaceStore } from './support/extension-store';
import { consoleUrl, logIn } from './support/gar-pages';
import { bulkPanel, goToConsoleView } from './support/ra-navigation';
import { clearFaults, setFaults } from './support/sim-admin';

/**
 * One owner per running job, held by the background (utils/background/job-lease.ts): the console tab that
 * runs a bulk job holds its journal entry for as long as the tab lives. Another tab cannot resume
 * it meanwhile; once the owner's tab is closed, the entry is free again. Checked from the options
 * page, an extension page, which asks the background as the panel of any other tab would.
 */

const UAI = '0561622J';
const FIVE_E = ['ABO-1-FRANCAIS-5E-1', 'ABO-1-HISTOIRE-5E-1', 'ABO-1-SVT-5E-1', 'ABO-1-ATLAS'];

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

interface Reply {
  ok: boolean;
  data?: unknown;
  error?: string;
}

/** Asks the background from an extension page, as the panel's messages do. */
function ask(page: Page, type: string, payload: unknown): Promise<Reply> {
  return page.evaluate((message) => chrome.runtime.sendMessage(message) as Promise<Reply>, {
    channel: 'compagnon-gar',
    type,
    payload,
  });
}

async function runningIds(options: Page): Promise<string[]> {
  const reply = await ask(options, 'jobs.running', { uai: UAI });
  return (reply.data as { ids: string[] }).ids;
}

test.beforeEach(async ({ simulator }) => {
  await simulator.reset();
  await clearFaults(simulator.port);
});

test('a running job belongs to its tab: not resumable elsewhere while the tab lives, free once it is closed', async ({
  context,
  simulator,
  openExtensionPage,
}) => {
  const options = await openExtensionPage('options.html');
  await replaceStore(options, 'journal', []);

  const first = await context.newPage();
  await logIn(first);
  await goToConsoleView(first, 'ressources');
  // Tab 2, on the same school, opened before the console slows down: its helpers are there.
  const second = await context.newPage();
  await second.goto(consoleUrl('/ressources'));
  await expect(bulkPanel(second).getByRole('button', { name: 'Affectation groupée…' })).toBeVisible();

  // Tab 1 starts a job slow enough to be still running when the others look.
  const root = await openBulk(first);
  await choose(root, FIVE_E, ['5A']);
  await previewTotal(root);
  await setFaults(simulator.port, { latenceMs: 1500, ecrituresSeulement: true });
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-execution]')).toBeVisible();
  await expect.poll(() => runningIds(options)).toHaveLength(1);
  const [id] = await runningIds(options);

  // Nobody else may take it up while its tab lives.
  expect(await ask(options, 'journal.reopen', { id })).toEqual({
    ok: false,
    error: 'Cette opération est en cours dans un autre onglet.',
  });

  // The owner's tab closes mid-job: its presence port disconnects, and the lease goes with it.
  await first.close();
  await clearFaults(simulator.port);
  await expect.poll(() => runningIds(options)).toEqual([]);
  const reopened = await ask(options, 'journal.reopen', { id });
  expect(reopened).toMatchObject({ ok: true, data: { id, status: 'enCours' } });
  expect(
    await ask(options, 'journal.finish', { id, status: 'interrompu', summary: 'onglet fermé' }),
  ).toMatchObject({
    ok: true,
  });
  await second.close();
});

test('the RA in a second tab: the job the first tab runs is never offered there; once that tab closes, the banner offers it without a reload', async ({
  context,
  simulator,
  openExtensionPage,
}) => {
  await replaceStore(await openExtensionPage('options.html'), 'journal', []);
  const first = await context.newPage();
  await logIn(first);
  await goToConsoleView(first, 'ressources');
  const root = await openBulk(first);
  await choose(root, FIVE_E, ['5A']);
  await previewTotal(root);
  // Writes slow enough for the job to be still running while the RA looks around in tab 2.
  await setFaults(simulator.port, { latenceMs: 6000, ecrituresSeulement: true });
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-execution]')).toBeVisible();

  // The second tab, on the same school: it moves around by the console's own tabs.
  const second = await context.newPage();
  await second.goto(consoleUrl('/tableau-de-bord'));
  await goToConsoleView(second, 'ressources');
  const launcher = bulkPanel(second).getByRole('button', { name: 'Affectation groupée…' });
  await expect(launcher).toBeVisible();
  await goToConsoleView(second, 'tableau-de-bord');
  await expect(launcher).toBeVisible();
  await expect(bulkPanel(second).locator('[data-cg-reprise]')).toHaveCount(0);

  // The RA closes the first tab mid-job: the second tab hears of it and offers what is left.
  await first.close();
  await clearFaults(simulator.port);
  await expect(bulkPanel(second).locator('[data-cg-reprise]')).toContainText('reste à faire', {
    timeout: 15_000,
  });
  await second.screenshot({ path: 'test-results/screens/second-onglet-reprise.png' });
  await second.close();
});
