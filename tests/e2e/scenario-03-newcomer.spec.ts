import { readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  bulkDialog,
  closeBulk,
  confirmButton,
  holders,
  openBulk,
  personsOf,
  previewTotal,
  pupilsOf,
  SCHOOL_A,
} from './support/console-api';
import { subscriptionsOf } from './support/console-school';
import { replaceStore, writeTemplatesStore } from './support/extension-store';
import { logIn } from './support/gar-pages';
import { expectConsoleHelpers, goToDivision } from './support/ra-navigation';
import { changeSeedFiles } from './support/seeds';
import { clearFaults } from './support/sim-admin';
import { skinCss, skinPath } from './support/skin';

/**
 * Scenario 3 — a pupil arrives in 4e C in November. In September the RA gave 4e C its
 * resources: the school-wide platforms every pupil of the class already holds (the seed's own
 * affectations) and the atlas, assigned from the division's page with « Affectation groupée »,
 * and kept the lot as a template. In November the ENT's feed brings a newcomer into 4e C. The RA
 * clicks to the division, checks the template's conformity — one person without a licence on
 * each of the class's resources — and fixes it in one previewed job that gives exactly the
 * newcomer what they lack, and nobody else anything. The console's own division page then shows
 * every member served.
 */

const DIVISION = '4C';
const ATLAS = 'ABO-1-ATLAS';
const TEMPLATE = 'Ressources de la 4e C';
const NEWCOMER = { id: 'ELV-ARRIVEE-4C', nom: 'Nouvel', prenom: 'Inès' };
/** The 4e MEF, as the seed's 4e pupils carry it. */
const MEF_4E = '10210001110';

let restoreSeed: (() => void) | undefined;

async function forgetTemplates(openExtensionPage: (path: string) => Promise<Page>): Promise<void> {
  const options = await openExtensionPage('options.html');
  await writeTemplatesStore(options, []);
  await replaceStore(options, 'conformity', []);
  await options.close();
}

test.beforeEach(async ({ simulator, openExtensionPage }) => {
  await simulator.reset();
  await clearFaults(simulator.port);
  await forgetTemplates(openExtensionPage);
});

test.afterEach(async ({ simulator, openExtensionPage }) => {
  restoreSeed?.();
  restoreSeed = undefined;
  await simulator.reset();
  await clearFaults(simulator.port);
  await forgetTemplates(openExtensionPage);
});

/** The school's active individual subscriptions that every pupil of the division holds now. */
async function heldByWholeClass(page: Page, division: string): Promise<string[]> {
  const pupils = await pupilsOf(page, division);
  const ids = (await subscriptionsOf(page, SCHOOL_A))
    .filter((s) => s.typeAffectation === 'INDIV')
    .map((s) => s.idAbonnement);
  const held: string[] = [];
  for (const id of ids) {
    const who = new Set(await holders(page, id));
    if (pupils.every((pupil) => who.has(pupil))) held.push(id);
  }
  return held;
}

/** A subscription's affectations as the seed's affectations.csv writes them. */
async function affectationLines(page: Page, idAbonnement: string): Promise<string[]> {
  return page.evaluate(
    async ([uai, id, path]) => {
      const response = await fetch(path as string);
      const body = (await response.json()) as {
        affectations: { idPersonne: string; profil: string; verrouillee: boolean }[];
      };
      return body.affectations.map(
        (a) => `${uai};${id};${a.idPersonne};${a.profil};${a.verrouillee ? 1 : 0}`,
      );
    },
    [
      SCHOOL_A,
      idAbonnement,
      skinPath(`/api/etablissements/${SCHOOL_A}/abonnements/${idAbonnement}/affectations`),
    ],
  );
}

/** Inserts GAR-ENT elements just before a file's closing root tag. */
const before = (closing: string, elements: string[]) => (current: string | undefined) => {
  if (!current?.includes(closing)) throw new Error(`no ${closing} in the seed file`);
  return current.replace(closing, `${elements.map((e) => `  ${e}\n`).join('')}${closing}`);
};

test('a newcomer in 4e C lacks the class’s resources: the template’s conformity shows it, one job gives exactly that', async ({
  page,
  seedDir,
  simulator,
}) => {
  // September. The RA goes to 4e C by the console's tabs and links.
  await logIn(page);
  await goToDivision(page, DIVISION);
  await expectConsoleHelpers(page, 'population-detail');
  const platforms = await heldByWholeClass(page, DIVISION);
  expect(platforms.length, 'resources every pupil of 4e C holds in the seed').toBeGreaterThan(0);
  const classResources = [...platforms, ATLAS];
  const members = (await personsOf(page)).filter((p) => p.divisions.includes(DIVISION));
  const publics = new Map(
    (await subscriptionsOf(page, SCHOOL_A)).map((s) => [s.idAbonnement, s.publicCible]),
  );
  /** Members of 4e C a subscription is open to (its publics): who the division target gives it. */
  const openTo = (id: string): number => members.filter((p) => publics.get(id)?.includes(p.profil)).length;

  // The bulk panel starts with the division chosen; the RA adds the atlas to what the class has.
  let root = await openBulk(page);
  await expect(root.locator(`[data-cg-cible="division:${DIVISION}"]`)).toBeChecked();
  for (const id of classResources) await root.locator(`[data-cg-abonnement="${id}"]`).check();
  const september = await previewTotal(root);
  // Everyone of 4e C (pupils and the teachers who teach there) gets the atlas; the rest they hold.
  expect(september).toBe(openTo(ATLAS));
  await root.getByRole('button', { name: 'Enregistrer comme modèle…' }).click();
  await root.getByLabel('Nom du modèle').fill(TEMPLATE);
  await root.getByRole('button', { name: 'Enregistrer le modèle' }).click();
  await expect(root.getByRole('status')).toContainText(`Modèle « ${TEMPLATE} » enregistré`);
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  await closeBulk(root);

  // November. The ENT's feed brings a newcomer into 4e C. The simulator reads its seed again on
  // reset, affectations included: September's atlas licences are written into the seed's
  // affectations.csv so that the console keeps them — as the real one would — rather than
  // re-assigning the atlas after the reset, which would give the newcomer one too.
  const atlasLines = await affectationLines(page, ATLAS);
  const files = readdirSync(seedDir);
  const eleves = files.find((name) => name.includes('_Eleve_')) ?? 'no Eleve file';
  const groupes = files.find((name) => name.includes('_Groupe_')) ?? 'no Groupe file';
  const person = `<GARStructureUAI>${SCHOOL_A}</GARStructureUAI><GARPersonIdentifiant>${NEWCOMER.id}</GARPersonIdentifiant>`;
  restoreSeed = changeSeedFiles(seedDir, {
    [eleves]: before('</GAR-ENT-Eleve>', [
      `<GAREleve><GARPersonIdentifiant>${NEWCOMER.id}</GARPersonIdentifiant><GARPersonProfils><GARStructureUAI>${SCHOOL_A}</GARStructureUAI><GARPersonProfil>National_elv</GARPersonProfil></GARPersonProfils><GARPersonNom>${NEWCOMER.nom}</GARPersonNom><GARPersonPrenom>${NEWCOMER.prenom}</GARPersonPrenom><GARPersonAutresPrenoms>${NEWCOMER.prenom}</GARPersonAutresPrenoms><GARPersonCivilite>Mme</GARPersonCivilite><GARPersonEtab>${SCHOOL_A}</GARPersonEtab><GARPersonDateNaissance>2013-03-14</GARPersonDateNaissance></GAREleve>`,
      `<GARPersonMEF>${person}<GARMEFCode>${MEF_4E}</GARMEFCode></GARPersonMEF>`,
    ]),
    [groupes]: before('</GAR-ENT-Groupe>', [
      `<GARPersonGroupe>${person}<GARGroupeCode>${DIVISION}</GARGroupeCode></GARPersonGroupe>`,
    ]),
    'affectations.csv': (current) => `${(current ?? '').trimEnd()}\n${atlasLines.join('\n')}\n`,
  });
  await simulator.reset();

  // The RA comes back to 4e C by clicks: the newcomer is listed among its members.
  await goToDivision(page, DIVISION);
  await expect(
    page.locator(skinCss(`table[data-gar-table="membres"] tr[data-id-personne="${NEWCOMER.id}"]`)),
  ).toBeVisible();
  expect(await pupilsOf(page, DIVISION)).toContain(NEWCOMER.id);
  const held = new Map<string, string[]>();
  for (const id of classResources) held.set(id, (await holders(page, id)).sort());
  // September's work survived the feed: the atlas is still there for the rest of the class.
  expect(held.get(ATLAS)).toHaveLength(atlasLines.length);

  // Conformity: on each of the class's resources, exactly one person lacks a licence.
  root = await openBulk(page);
  await root.getByRole('button', { name: 'Appliquer des modèles…' }).click();
  await root.locator(`[data-cg-modele="${TEMPLATE}"]`).check();
  await root.getByRole('button', { name: 'Vérifier la conformité' }).click();
  const lines = root.locator('[data-cg-conforme]');
  await expect(lines).toHaveCount(classResources.length);
  for (const id of classResources) {
    await expect(root.locator(`[data-cg-conforme="${id}"] td`).nth(1)).toHaveText('⚠ 1');
  }
  await bulkDialog(root).screenshot({ path: 'test-results/screens/scenario-03-conformite.png' });

  // One job: the template's plan gives the newcomer what they lack, and no one else anything.
  await root.getByRole('button', { name: 'Voir ce qui s’applique cette année' }).click();
  await expect(root.locator('[data-cg-lignes]')).toHaveAttribute(
    'data-cg-lignes',
    String(classResources.length),
  );
  const total = await previewTotal(root);
  const lacking = classResources.filter((id) => !held.get(id)?.includes(NEWCOMER.id));
  expect(lacking).toEqual(classResources);
  expect(total).toBe(lacking.length);
  const atlasCard = root.locator(`[data-cg-apercu="${ATLAS}"]`);
  await atlasCard.getByText('Voir le nom').click();
  await expect(atlasCard.locator('details[open] p')).toHaveText(`${NEWCOMER.nom} ${NEWCOMER.prenom}`);
  await page.screenshot({ path: 'test-results/screens/scenario-03-apercu.png' });
  await confirmButton(root).click();
  await expect(root.locator('[data-cg-resultat="termine"]')).toBeVisible();
  await expect(root.getByRole('status')).toContainText(
    `${total} licences affectées sur ${lacking.length} abonnements.`,
  );
  for (const id of classResources) {
    expect((await holders(page, id)).sort(), `holders of ${id}`).toEqual(
      [...(held.get(id) ?? []), NEWCOMER.id].sort(),
    );
  }

  // The template is met again; the console's own division page counts the newcomer among those served.
  await closeBulk(root);
  root = await openBulk(page);
  await root.getByRole('button', { name: 'Appliquer des modèles…' }).click();
  await root.locator(`[data-cg-modele="${TEMPLATE}"]`).check();
  await root.getByRole('button', { name: 'Vérifier la conformité' }).click();
  for (const id of classResources) {
    await expect(root.locator(`[data-cg-conforme="${id}"] td`).nth(1)).toHaveText('✔ 0');
  }
  await closeBulk(root);
  await goToDivision(page, DIVISION);
  const memberCount = await page
    .locator(skinCss('table[data-gar-table="membres"] tr[data-id-personne]'))
    .count();
  expect(memberCount).toBe(members.length + 1);
  for (const id of classResources) {
    await expect(
      page.locator(skinCss(`table[data-gar-table="ressources-population"] tr[data-id-abonnement="${id}"]`)),
    ).toHaveAttribute('data-servis', String(openTo(id) + 1));
  }
  await page
    .locator(skinCss('table[data-gar-table="ressources-population"]'))
    .screenshot({ path: 'test-results/screens/scenario-03-division.png' });
});
