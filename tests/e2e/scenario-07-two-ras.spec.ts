import { expect, test } from './fixtures';
import {
  bulkDialog,
  closeBulk,
  confirmButton,
  holders,
  openBulk,
  personsOf,
  previewTotal,
  SCHOOL_A,
} from './support/console-api';
import { subscriptionOf } from './support/console-school';
import { logIn } from './support/gar-pages';
import { expectConsoleHelpers, goToDivision, goToResource } from './support/ra-navigation';
import { clearFaults, setFaults } from './support/sim-admin';

/**
 * Scenario 7 — two RAs at once. From 5e A's page the RA gives the atlas to the whole division.
 * While the job starts, a colleague in another browser assigns the same atlas to one pupil of 5e A
 * (the simulator's `changementConcurrent`: the subscription's version moves on, the job's write
 * gets 409). The job notices, plans the rest again and shows the difference before writing
 * anything more (« à affecter : N → N-1 »); the RA confirms. Nobody holds the atlas twice, and
 * the holders are exactly 5e A's pupils and teachers. The RA then clicks to the atlas's own page,
 * whose counters say the same.
 */

const DIVISION = '5A';
const ATLAS = 'ABO-1-ATLAS';

test.beforeEach(async ({ simulator }) => {
  await simulator.reset();
  await clearFaults(simulator.port);
});
test.afterEach(async ({ simulator }) => {
  await clearFaults(simulator.port);
});

test('a colleague assigns the same resource during the job: re-planned, the difference shown, nobody twice, the console agrees', async ({
  page,
  simulator,
}) => {
  await logIn(page);
  await goToDivision(page, DIVISION);
  await expectConsoleHelpers(page, 'population-detail');
  expect(await holders(page, ATLAS), 'nobody holds the atlas yet').toEqual([]);
  const publics = (await subscriptionOf(page, SCHOOL_A, ATLAS)).publicCible;
  const division = (await personsOf(page)).filter(
    (p) => p.divisions.includes(DIVISION) && publics.includes(p.profil),
  );
  const pupils = division.filter((p) => p.profil === 'ELEVE');
  const teachers = division.filter((p) => p.profil === 'ENSEIGNANT');
  expect(pupils.length).toBeGreaterThan(0);

  const root = await openBulk(page);
  await expect(root.locator(`[data-cg-cible="division:${DIVISION}"]`)).toBeChecked();
  await root.locator(`[data-cg-abonnement="${ATLAS}"]`).check();
  const total = await previewTotal(root);
  expect(total).toBe(division.length);

  // The colleague's write lands once « Confirmer » has read the console again (population,
  // subscriptions, the atlas's holders: 3 requests), just before the job's write.
  const colleaguesPupil = pupils[0]?.id ?? 'no pupil in 5A';
  await setFaults(simulator.port, {
    changementConcurrent: {
      uai: SCHOOL_A,
      idAbonnement: ATLAS,
      ajouter: [colleaguesPupil],
      apresRequetes: 3,
    },
  });
  await confirmButton(root).click();

  const changes = root.locator('[data-cg-changements]');
  await expect(changes).toContainText(
    'Un autre responsable (ou une autre fenêtre) a modifié ces abonnements.',
  );
  await expect(changes).toContainText('Atlas numérique du monde');
  await expect(changes).toContainText(`à affecter : ${total} → ${total - 1} ; déjà affectés : 0 → 1.`);
  await expect(root.locator('[data-cg-total]')).toHaveAttribute('data-cg-total', String(total - 1));
  await bulkDialog(root).screenshot({ path: 'test-results/screens/scenario-07-changement.png' });
  // Nothing more was written before the RA saw the new plan: only the colleague's licence.
  expect(await holders(page, ATLAS)).toEqual([colleaguesPupil]);

  await expect(confirmButton(root)).toHaveText(`Reprendre : affecter ${total - 1} licences`);
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  // The operation's count is its own: the colleague's licence is not the job's (nor its undo's);
  // all of it was written after the re-plan, so there is no « dont … après reprise » to tell.
  await expect(root.getByRole('status')).toHaveText(`✔ ${total - 1} licences affectées sur 1 abonnement.`);
  await bulkDialog(root).screenshot({ path: 'test-results/screens/scenario-07-resultat.png' });

  const after = await holders(page, ATLAS);
  expect(new Set(after).size, 'each holder once').toBe(after.length);
  expect([...after].sort()).toEqual(division.map((p) => p.id).sort());

  // The atlas's own page, by Parcours ressource → « Visualiser »: its counters agree.
  await closeBulk(root);
  await goToResource(page, ATLAS);
  await expectConsoleHelpers(page, 'ressource');
  const counters = page.locator('table[data-gar-table="compteurs"]');
  await expect(counters.locator('td[data-profil="ELEVE"]')).toHaveAttribute(
    'data-affectees',
    String(pupils.length),
  );
  await expect(counters.locator('td[data-profil="ENSEIGNANT"]')).toHaveAttribute(
    'data-affectees',
    String(teachers.length),
  );
  const rows = page.locator('table[data-gar-table="affectations"] tbody tr[data-id-personne]');
  await expect(rows).toHaveCount(division.length);
  const listed = await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.idPersonne));
  expect(new Set(listed).size).toBe(division.length);
  await page.locator('#contenu h1').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/scenario-07-ressource.png' });
});
