import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { logIn } from './support/gar-pages';
import { bulkPanel, goToConsoleView } from './support/ra-navigation';

const UAI = '0561622J';
/** Written into the seed folder by one test, removed after it. */
const SPLIT_FILE = 'demi-groupes-5A.xml';

test.afterEach(async ({ seedDir, simulator }) => {
  rmSync(join(seedDir, SPLIT_FILE), { force: true });
  await simulator.reset();
});

/** The pupils of a division, read from the seed's own GAR-ENT group files. */
function pupilsOfDivision(seedDir: string, division: string): string[] {
  const link = new RegExp(
    `<GARPersonGroupe><GARStructureUAI>${UAI}</GARStructureUAI><GARPersonIdentifiant>(ELV-[^<]+)</GARPersonIdentifiant><GARGroupeCode>${division}</GARGroupeCode>`,
    'g',
  );
  return readdirSync(seedDir)
    .filter((name) => name.includes('_Groupe_'))
    .flatMap((name) =>
      [...readFileSync(join(seedDir, name), 'utf8').matchAll(link)].map((match) => match[1] ?? ''),
    );
}

/** 5A split in two halves, as an ENT sends them, which lost two pupils between them. */
function splitFiveA(seedDir: string): void {
  const pupils = pupilsOfDivision(seedDir, '5A');
  const half = Math.ceil(pupils.length / 2);
  const groupe = (code: string, libelle: string): string =>
    `<GARGroupe><GARGroupeCode>${code}</GARGroupeCode><GARStructureUAI>${UAI}</GARStructureUAI><GARGroupeLibelle>${libelle}</GARGroupeLibelle><GARGroupeStatut>GROUPE</GARGroupeStatut><GARGroupeDivAppartenance>5A</GARGroupeDivAppartenance></GARGroupe>`;
  const member = (id: string, code: string): string =>
    `<GARPersonGroupe><GARStructureUAI>${UAI}</GARStructureUAI><GARPersonIdentifiant>${id}</GARPersonIdentifiant><GARGroupeCode>${code}</GARGroupeCode></GARPersonGroupe>`;
  const links = [
    ...pupils.slice(0, half).map((id) => member(id, '5A-G1')),
    ...pupils.slice(half, pupils.length - 2).map((id) => member(id, '5A-G2')),
  ];
  writeFileSync(
    join(seedDir, SPLIT_FILE),
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<GAR-ENT-Groupe xmlns="http://data.education.fr/ns/gar" Version="1.7">',
      groupe('5A-G1', '5e A groupe 1'),
      groupe('5A-G2', '5e A groupe 2'),
      ...links,
      '</GAR-ENT-Groupe>',
      '',
    ].join('\n'),
  );
}

// The rentrée check of the ENT's accounts, classes and groups, on the multi seed's collège A,
// whose generated population carries documented defects (an empty 5E, groups drawing oddly).
test('the dashboard checks the ENT synchronisation, says what to ask, and compares with the previous check and the expectations', async ({
  page,
  simulator,
}) => {
  await simulator.reset();
  await logIn(page);
  await goToConsoleView(page, 'tableau-de-bord');
  const panel = page.locator('cg-verification-ent');
  await panel.getByRole('button', { name: 'Vérifier la synchronisation ENT' }).click();

  const empty = panel.locator('[data-cg-constat="divisionVide"]');
  await expect(empty).toContainText('Division 5E : aucun élève.');
  await expect(empty).toContainText('À demander à l’administrateur de l’ENT');
  await expect(panel.getByText(/Première vérification|Comparé à la vérification du/)).toBeVisible();
  // A pupil outside a language, Latin or AP group is no defect: none drawn from one class alone here.
  await expect(panel.locator('[data-cg-constat="absentsDesGroupes"]')).toHaveCount(0);

  await panel.getByText('Ce que vous attendez (facultatif)').click();
  await panel.getByLabel('Nombre de divisions attendu').fill('18');
  await panel.getByRole('button', { name: 'Enregistrer les attentes' }).click();
  await expect(panel.getByRole('status')).toContainText('Attentes enregistrées');
  await page.screenshot({ path: 'test-results/screens/synchronisation-ent.png', fullPage: true });

  await panel.getByRole('button', { name: 'Vérifier la synchronisation ENT' }).click();
  await expect(panel.locator('[data-cg-constat="attenteDivisions"]')).toContainText(
    '17 divisions dans la console, 18 attendues.',
  );
  await expect(panel.getByText(/Comparé à la vérification du \d\d\/\d\d\/\d{4}/)).toBeVisible();
});

test('a class split in halves that lost pupils: both panels say so, with the rule that makes it a defect', async ({
  page,
  seedDir,
  simulator,
}) => {
  splitFiveA(seedDir);
  await simulator.reset();
  await logIn(page);
  await goToConsoleView(page, 'tableau-de-bord');
  const warning =
    'Division 5A : 2 élèves dans aucun des groupes 5A-G1, 5A-G2. Ces groupes partagent la classe : chaque élève de 5A devrait être dans l’un d’eux.';

  const sync = page.locator('cg-verification-ent');
  await sync.getByRole('button', { name: 'Vérifier la synchronisation ENT' }).click();
  const finding = sync.locator('[data-cg-constat="absentsDesGroupes"]');
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText(warning);
  await expect(finding).toContainText('inscriptions aux groupes 5A-G1, 5A-G2');
  await finding.screenshot({ path: 'test-results/screens/synchronisation-ent-demi-groupes.png' });

  const root = bulkPanel(page);
  await root.getByRole('button', { name: 'Affectation groupée…' }).click();
  await root.locator('[data-cg-abonnement="ABO-1-ATLAS"]').check();
  await root.locator('[data-cg-cible="division:5A"]').check();
  await root.getByRole('button', { name: 'Prévisualiser' }).click();
  const defects = root.locator('[data-cg-defauts]');
  await expect(defects).toContainText(warning);
  await defects.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/affectation-groupee-demi-groupes.png' });
});
