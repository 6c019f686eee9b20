import { readFile } from 'node:fs/promises';
import { parseTemplateFile } from '../../utils/gar/template-file';
import { expect, test } from './fixtures';
import { holders } from './support/console-api';
import { populationOf, subscriptionsOf } from './support/console-school';
import { logIn } from './support/gar-pages';
import { clickTab, expectConsoleHelpers, switchSchool } from './support/ra-navigation';
import { clearFaults } from './support/sim-admin';
import { forgetTemplates, resolveTemplates, saveAsTemplate, type TargetChoice } from './support/templates';

/**
 * Scenario 9 — sharing good practice. The RA of collège Jules Verne saved « Rentrée 6e » in the
 * console (the 6e's French and history manuals, to the 6e level). From the settings they export it
 * to a file and send it to the RA of a neighbouring collège — here the multi seed's other school,
 * reached with the console's school switcher; a fresh template store stands for the neighbour's
 * own browser. The neighbour imports the file, sees what it resolves to in their school (their own
 * subscriptions, found by resource), previews and applies it as one job: the licences are then
 * held in their console, and nothing changed in the first school.
 */

const SCHOOL_A = '0561622J';
const SCHOOL_B = '0290009C';
const MEF_6E = '10010012110';
const RENTREE_6E: { name: string; subscriptions: string[]; targets: TargetChoice[] } = {
  name: 'Rentrée 6e',
  subscriptions: ['ABO-1-FRANCAIS-6E-1', 'ABO-1-HISTOIRE-6E-1'],
  targets: [{ tab: 'Niveaux', cible: `mef:${MEF_6E}` }],
};

test.beforeEach(async ({ simulator, openExtensionPage }) => {
  await simulator.reset();
  await clearFaults(simulator.port);
  const blank = await openExtensionPage('options.html');
  await forgetTemplates(blank);
  await blank.close();
});

test.afterEach(async ({ openExtensionPage }) => {
  await forgetTemplates(await openExtensionPage('options.html'));
});

test('a template exported from one collège is imported by the neighbour, resolves there, and applies as one job', async ({
  page,
  context,
}) => {
  await logIn(page);
  await clickTab(page, 'Parcours ressource');
  await saveAsTemplate(page, RENTREE_6E);
  const resourcesA = (await subscriptionsOf(page, SCHOOL_A)).filter((s) =>
    RENTREE_6E.subscriptions.includes(s.idAbonnement),
  );
  const holdersABefore = await Promise.all(RENTREE_6E.subscriptions.map((id) => holders(page, id, SCHOOL_A)));

  // The settings, by the bar's « Réglages »: « Rentrée 6e » exported alone, a real download.
  const opened = context.waitForEvent('page');
  await page.locator('cg-barre-compagnon').getByRole('button', { name: 'Réglages' }).click();
  const options = await opened;
  const section = options.getByRole('region', { name: "Modèles d'affectation" });
  await section.getByRole('checkbox', { name: `Sélectionner « ${RENTREE_6E.name} »` }).check();
  const download = options.waitForEvent('download');
  await section.getByRole('button', { name: 'Exporter la sélection (1)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^modeles-compagnon-gar-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile(await file.path(), 'utf8');
  const parsed = parseTemplateFile(text);
  if (!parsed.ok) throw new Error(parsed.message);
  expect(parsed.templates.map((t) => t.name)).toEqual([RENTREE_6E.name]);
  // Resources by ARK and title, targets by rule: nothing of this school's ids or people.
  expect(parsed.templates[0]?.rules.map((rule) => rule.resource)).toEqual(
    resourcesA.map((s) => ({ ark: s.idRessource, title: s.libelleRessource })),
  );
  expect(parsed.templates[0]?.rules[0]?.targets).toEqual([{ kind: 'divisionsDuNiveau', mef: MEF_6E }]);
  expect(text).not.toMatch(/ABO-1-|ELV-|ENS-/);
  await section.scrollIntoViewIfNeeded();
  await options.screenshot({ path: 'test-results/screens/scenario-09-export.png' });

  // The neighbour's own browser (setup: an empty template store), and the file received by mail.
  await forgetTemplates(options);
  await options.reload();
  await expect(section.getByText(/^Aucun modèle pour l’instant/)).toBeVisible();
  await options.getByTestId('import-modeles').setInputFiles({
    name: file.suggestedFilename(),
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  const importPreview = section.getByRole('group', {
    name: `Import du fichier « ${file.suggestedFilename()} »`,
  });
  await expect(importPreview).toContainText('1 ajouté');
  await expect(importPreview.getByRole('listitem')).toHaveText([RENTREE_6E.name]);
  await importPreview.getByRole('button', { name: 'Confirmer l’import' }).click();
  await expect(section.locator('tr[data-template-id]')).toHaveCount(1);
  await options.screenshot({ path: 'test-results/screens/scenario-09-import.png' });
  await options.close();

  // The neighbouring collège's console, by the school switcher, then Parcours ressource.
  await page.bringToFront();
  await switchSchool(page, SCHOOL_B);
  await clickTab(page, 'Tableau de bord');
  await clickTab(page, 'Parcours ressource');
  await expectConsoleHelpers(page, 'ressources');
  // Who the template designates there: the 6e divisions' pupils and the teachers who teach there,
  // among each subscription's publics; and who already holds one of its licences.
  const population = await populationOf(page, SCHOOL_B);
  const divisions6e = new Set(
    population.personnes
      .filter((p) => p.profil === 'ELEVE' && p.mefs.includes(MEF_6E))
      .flatMap((p) => p.divisions),
  );
  const resourcesB = (await subscriptionsOf(page, SCHOOL_B)).filter((s) =>
    resourcesA.some((a) => a.idRessource === s.idRessource),
  );
  expect(resourcesB.map((s) => s.idAbonnement)).toHaveLength(resourcesA.length);
  const designated = new Map(
    resourcesB.map((s) => [
      s.idAbonnement,
      population.personnes
        .filter((p) => s.publicCible.includes(p.profil) && p.divisions.some((d) => divisions6e.has(d)))
        .map((p) => p.id),
    ]),
  );
  let expected = 0;
  for (const s of resourcesB) {
    const held = new Set(await holders(page, s.idAbonnement, SCHOOL_B));
    expected += (designated.get(s.idAbonnement) ?? []).filter((id) => !held.has(id)).length;
  }
  expect(expected).toBeGreaterThan(0);

  // What the template resolves to in this school: every rule, on this school's own subscriptions.
  const root = await resolveTemplates(page, [RENTREE_6E.name]);
  await expect(root.locator('[data-cg-lignes]')).toHaveText(
    `${RENTREE_6E.subscriptions.length} règles résolues sur ${resourcesB.length} abonnements de cette année.`,
  );
  await expect(root.locator('[data-cg-non-resolus]')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/scenario-09-resolution.png' });
  await root.getByRole('button', { name: 'Prévisualiser' }).click();

  // One preview, this school's subscriptions and divisions, enough licences: one job.
  await expect(root.locator('[data-cg-modeles]')).toHaveText(`Modèles appliqués : ${RENTREE_6E.name}.`);
  for (const s of resourcesB) {
    const card = root.locator(`[data-cg-apercu="${s.idAbonnement}"]`);
    await expect(card).toContainText(s.libelleRessource);
    for (const code of divisions6e) await expect(card).toContainText(`Division ${code}`);
  }
  await expect(root.locator('[data-cg-manque]')).toHaveCount(0);
  await expect(root.locator('[data-cg-total]')).toHaveAttribute('data-cg-total', String(expected));
  await page.screenshot({ path: 'test-results/screens/scenario-09-apercu.png' });
  await root.getByRole('button', { name: `Confirmer : affecter ${expected} licences` }).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  await expect(root.getByRole('status')).toHaveText(
    `✔ ${expected} licences affectées sur ${resourcesB.length} abonnements.`,
  );
  await page.screenshot({ path: 'test-results/screens/scenario-09-resultat.png' });

  // In the neighbour's console, everyone the template designates holds the licence now…
  for (const s of resourcesB) {
    expect(await holders(page, s.idAbonnement, SCHOOL_B)).toEqual(
      expect.arrayContaining(designated.get(s.idAbonnement) ?? []),
    );
  }
  // …and the first school's licences did not move.
  for (const [i, id] of RENTREE_6E.subscriptions.entries()) {
    expect((await holders(page, id, SCHOOL_A)).sort()).toEqual([...(holdersABefore[i] ?? [])].sort());
  }
});
