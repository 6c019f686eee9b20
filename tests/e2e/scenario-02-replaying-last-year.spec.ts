import { expect, test } from './fixtures';
import { holders } from './support/console-api';
import {
  type ApiSubscription,
  populationOf,
  pupilLicences,
  subscriptionOf,
  subscriptionsOf,
} from './support/console-school';
import { replaceStore } from './support/extension-store';
import { logIn } from './support/gar-pages';
import { clickTab, expectConsoleHelpers } from './support/ra-navigation';
import { rewriteMultiSeed } from './support/seeds';
import { clearFaults, setFaults } from './support/sim-admin';
import { forgetTemplates, resolveTemplates, saveAsTemplate } from './support/templates';

/**
 * Scenario 2 — replaying last year. In June the RA saved the rentrée of the 5e and of the 6e as
 * templates, from the console's « Affectation groupée » (each level's manuals to each of its
 * divisions). In September GAR delivers the new year (the multi seed's next year: every
 * subscription renewed under a new idAbonnement, the atlas not renewed, nobody assigned). The RA
 * applies both templates at once: what resolves, the rule whose resource was not delivered this
 * year (and what can be done about it), then one preview: « Maths 5e » has fewer licences than the
 * 5e divisions hold, and the 5e division the ENT sent empty is flagged. The RA leaves the atlas
 * aside and has the licences given in the order shown until there are none left, the preview
 * saying who stays without; one job runs with its progress bar; the journal in the settings
 * records it.
 */

const SCHOOL = '0561622J';
const RENTREE_5E = {
  name: 'Rentrée 5e',
  subscriptions: [
    'ABO-1-MATHS-5E-1',
    'ABO-1-FRANCAIS-5E-1',
    'ABO-1-HISTOIRE-5E-1',
    'ABO-1-SVT-5E-1',
    'ABO-1-ATLAS',
  ],
  level: '5',
};
const RENTREE_6E = {
  name: 'Rentrée 6e',
  subscriptions: ['ABO-1-FRANCAIS-6E-1', 'ABO-1-HISTOIRE-6E-1'],
  level: '6',
};
/** This year's subscription, renewed next year under a new id (tests/sim/seed/generate.ts). */
const renewed = (id: string): string => `${id}-N1`;
const MATHS_5E_NEXT = renewed('ABO-1-MATHS-5E-1');

test.beforeEach(async ({ simulator, openExtensionPage }) => {
  await simulator.reset();
  await clearFaults(simulator.port);
  const blank = await openExtensionPage('options.html');
  await forgetTemplates(blank);
  await replaceStore(blank, 'journal', []);
  await blank.close();
});

test.afterEach(async ({ seedDir, simulator, openExtensionPage }) => {
  await clearFaults(simulator.port);
  rewriteMultiSeed(seedDir, { nextYear: false });
  await simulator.reset();
  await forgetTemplates(await openExtensionPage('options.html'));
});

test('last June’s templates replayed at the rentrée: one preview, the missing resource and the shortage said, one job, journaled', async ({
  page,
  seedDir,
  simulator,
  context,
}) => {
  // June: the RA saves this year's rentrée of the 5e and of the 6e, from Parcours ressource.
  // Each template: the level's subscriptions to each of its divisions, as the console lists them.
  await logIn(page);
  await clickTab(page, 'Parcours ressource');
  const june = await populationOf(page, SCHOOL);
  const divisionsOf = (level: string) =>
    june.divisions
      .filter(({ code }) => code.startsWith(level))
      .map(({ code }) => ({ tab: 'Divisions' as const, cible: `division:${code}` }));
  const divisions5e = divisionsOf(RENTREE_5E.level);
  expect(divisions5e.length).toBeGreaterThan(1);
  for (const template of [RENTREE_5E, RENTREE_6E]) {
    await saveAsTemplate(page, { ...template, targets: divisionsOf(template.level) });
  }

  // September: the new year is in the console; the RA comes back to the dashboard.
  rewriteMultiSeed(seedDir, { nextYear: true });
  await simulator.reset();
  await clickTab(page, 'Tableau de bord');
  await expectConsoleHelpers(page, 'tableau-de-bord');
  const population = await populationOf(page, SCHOOL);
  const maths = await subscriptionOf(page, SCHOOL, MATHS_5E_NEXT);
  // Who the 5e divisions designate for Maths 5e (their pupils, and the teachers who teach there),
  // against its licences: the shortage the preview must announce.
  const codes5e = new Set(divisions5e.map(({ cible }) => cible.replace('division:', '')));
  const inThe5e = (profil: string) =>
    population.personnes.filter((p) => p.profil === profil && p.divisions.some((d) => codes5e.has(d)));
  const pupils5e = inThe5e('ELEVE');
  const shortPupils = pupils5e.length - pupilLicences(maths);
  expect(shortPupils, 'the seed gives Maths 5e fewer licences than 5e pupils').toBeGreaterThan(0);
  const teacherLicences = maths.licences.kind === 'parProfil' ? maths.licences.counts.ENSEIGNANT : undefined;
  const shortTeachers =
    typeof teacherLicences === 'number' ? Math.max(0, inThe5e('ENSEIGNANT').length - teacherLicences) : 0;
  // What « until exhausted » gives a subscription: per profile, everyone designated up to its licences.
  const served = (subscription: ApiSubscription, divisions: ReadonlySet<string>): number => {
    const designated = population.personnes.filter(
      (p) => subscription.publicCible.includes(p.profil) && p.divisions.some((d) => divisions.has(d)),
    );
    const { licences } = subscription;
    const upTo = (count: number, limit: number | 'ILLIMITE' | undefined) =>
      limit === 'ILLIMITE' ? count : Math.min(count, limit ?? 0);
    if (licences.kind === 'global') return upTo(designated.length, licences.count);
    return [...new Set(designated.map((p) => p.profil))].reduce(
      (sum, profil) =>
        sum + upTo(designated.filter((p) => p.profil === profil).length, licences.counts[profil]),
      0,
    );
  };
  const delivered = await subscriptionsOf(page, SCHOOL);
  const servedByOthers = async (): Promise<number> => {
    let sum = 0;
    for (const template of [RENTREE_5E, RENTREE_6E]) {
      const divisions = new Set(
        divisionsOf(template.level).map(({ cible }) => cible.replace('division:', '')),
      );
      for (const id of template.subscriptions.map(renewed)) {
        const subscription = delivered.find((s) => s.idAbonnement === id);
        if (subscription && id !== MATHS_5E_NEXT) sum += served(subscription, divisions);
      }
    }
    return sum;
  };
  const missingWords = [
    `${shortPupils} élèves`,
    ...(shortTeachers > 0 ? [`${shortTeachers} enseignant${shortTeachers > 1 ? 's' : ''}`] : []),
  ].join(', ');

  // Both templates at once: what resolves, and what does not.
  const root = await resolveTemplates(page, [RENTREE_5E.name, RENTREE_6E.name]);
  const rules = RENTREE_5E.subscriptions.length + RENTREE_6E.subscriptions.length;
  await expect(root.locator('[data-cg-lignes]')).toHaveAttribute('data-cg-lignes', String(rules - 1));
  const missing = root.locator('[data-cg-non-resolu="ressourceAbsente"]');
  await expect(missing).toHaveCount(1);
  await expect(missing).toContainText(
    'Modèle « Rentrée 5e », règle 5 (Atlas numérique du monde) : aucun abonnement en cours à cette ressource cette année.',
  );
  // What the RA can do about it: another subscription, leave it aside, or check the order.
  await expect(missing.getByLabel('Utiliser à la place un abonnement de cette année')).toBeVisible();
  await expect(missing.getByRole('button', { name: 'Vérifier la commande dans les réglages' })).toBeVisible();
  const preview = root.getByRole('button', { name: 'Prévisualiser' });
  await expect(preview).toBeDisabled();
  await page.screenshot({ path: 'test-results/screens/scenario-02-resolution.png' });
  await missing.getByLabel('J’ai compris : laisser cette partie de côté cette année').check();
  await preview.click();

  // One preview for both templates, the shortage on Maths 5e said with its figures.
  await expect(root.locator('[data-cg-modeles]')).toHaveText('Modèles appliqués : Rentrée 5e, Rentrée 6e.');
  const mathsCard = root.locator(`[data-cg-apercu="${MATHS_5E_NEXT}"]`);
  await expect(mathsCard.locator('[data-cg-manque]')).toContainText(
    `il manque ${missingWords}. Rien ne sera affecté sur cet abonnement.`,
  );
  // The 5e division the ENT sent without pupils: said before anything is assigned, to note.
  const empty5e = [...codes5e].filter((code) => !pupils5e.some((p) => p.divisions.includes(code)));
  expect(empty5e.length, 'the seed has an empty 5e division').toBeGreaterThan(0);
  for (const code of empty5e) {
    await expect(root.locator('[data-cg-defauts]')).toContainText(`Division ${code} : aucun élève.`);
  }
  for (const id of [...RENTREE_5E.subscriptions, ...RENTREE_6E.subscriptions].filter(
    (id) => !id.endsWith('ATLAS'),
  )) {
    await expect(root.locator(`[data-cg-apercu="${renewed(id)}"]`)).toHaveCount(1);
  }
  await root.locator('[data-cg-apercu]').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/scenario-02-apercu-manque.png' });

  // The RA chooses: licences in the order shown until none is left; the preview says who is left.
  await root.locator('[data-cg-epuisement]').check();
  await expect(mathsCard.locator('[data-cg-manque]')).toHaveText(
    `⚠ Licences insuffisantes : ${missingWords} resteront sans licence de cet abonnement (les licences vont dans l’ordre affiché).`,
  );
  await expect(mathsCard).toContainText(`${shortPupils + shortTeachers} personnes exclues`);
  const total = served(maths, codes5e) + (await servedByOthers());
  await expect(root.locator('[data-cg-total]')).toHaveAttribute('data-cg-total', String(total));
  await mathsCard.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/scenario-02-apercu-epuisement.png' });

  // One job, with its progress bar (the console answers slowly enough to see it).
  await setFaults(simulator.port, { latenceMs: 150 });
  await root.getByRole('button', { name: `Confirmer : affecter ${total} licences` }).click();
  const progress = root.getByRole('progressbar');
  await expect(progress).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/scenario-02-progression.png' });
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible({ timeout: 20_000 });
  await clearFaults(simulator.port);
  const subscriptionCount = rules - 1;
  await expect(root.getByRole('status')).toHaveText(
    `✔ ${total} licences affectées sur ${subscriptionCount} abonnements.`,
  );
  await page.screenshot({ path: 'test-results/screens/scenario-02-resultat.png' });
  // In the console: Maths 5e's licences all given to 5e pupils, no more than it has.
  const mathsHolders = await holders(page, MATHS_5E_NEXT, SCHOOL);
  const ids5e = new Set(pupils5e.map((p) => p.id));
  expect(mathsHolders.filter((id) => ids5e.has(id))).toHaveLength(pupilLicences(maths));
  expect(mathsHolders).toHaveLength(served(maths, codes5e));

  // Done: the RA closes the dialog, then opens the settings by the bar's « Réglages »: the journal
  // lists that operation.
  await root.getByRole('button', { name: 'Fermer' }).last().click();
  await expect(root.getByRole('dialog')).toHaveCount(0);
  const opened = context.waitForEvent('page');
  await page.locator('cg-barre-compagnon').getByRole('button', { name: 'Réglages' }).click();
  const options = await opened;
  const journal = options.getByRole('region', { name: 'Journal des opérations' });
  const rows = journal.locator('tr[data-journal-id]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(SCHOOL);
  await expect(rows.first()).toContainText('Terminée');
  await expect(rows.first().locator('td.cg-nombre')).toHaveText([
    String(subscriptionCount),
    String(total),
    '0',
  ]);
  await rows
    .first()
    .getByRole('button', { name: /^Détails de l’opération du / })
    .click();
  await expect(journal.locator('tr.cg-journal__details')).toContainText('Maths 5e');
  await journal.scrollIntoViewIfNeeded();
  await journal.screenshot({ path: 'test-results/screens/scenario-02-journal.png' });
  await options.close();
});
