import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { parseTemplateFile } from '../../utils/gar/template-file';
import type { Template } from '../../utils/gar/template-record';
import { expect, test } from './fixtures';
import { seriousA11yViolations } from './support/a11y';
import { writeTemplatesStore } from './support/extension-store';
import { ANGLAIS_5E } from './support/templates';

/**
 * The options page's « Modèles d'affectation » through the built extension: the form, the list's
 * actions from the keyboard, the file export, and imports — good, hostile and broken files.
 */

const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

async function readTemplatesStore(page: Page): Promise<Template[]> {
  return page.evaluate(
    () =>
      new Promise<Template[]>((resolve, reject) => {
        const open = indexedDB.open('compagnon-gar');
        open.onsuccess = () => {
          const request = open.result.transaction('templates').objectStore('templates').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as Template[]);
          };
          request.onerror = () => reject(request.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

async function openTemplatesPage(openExtensionPage: (path: string) => Promise<Page>, records: unknown[]) {
  const options = await openExtensionPage('options.html');
  // Other specs share this browser: start from a known store.
  await writeTemplatesStore(options, records);
  await options.reload();
  return { options, section: options.getByRole('region', { name: "Modèles d'affectation" }) };
}

function templateFile(modeles: unknown[]): { name: string; mimeType: string; buffer: Buffer } {
  const file = { format: 'compagnon-gar-modeles', version: 1, exportedAt: new Date().toISOString(), modeles };
  return { name: 'modeles.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) };
}

function rowOf(section: Locator, name: string): Locator {
  return section
    .locator('tr[data-template-id]')
    .filter({ has: section.page().getByText(name, { exact: true }) });
}

test.afterEach(async ({ openExtensionPage }) => {
  // Leave no template behind for the specs that share this browser.
  await writeTemplatesStore(await openExtensionPage('options.html'), []);
});

test('an RA creates, edits, duplicates, renames and deletes a template, from the keyboard too', async ({
  openExtensionPage,
}) => {
  const { options, section } = await openTemplatesPage(openExtensionPage, []);
  await expect(section.getByText(/^Aucun modèle pour l’instant/)).toBeVisible();
  await expect(section.getByText(/s’appliquent depuis le panneau «\sAffectation groupée\s»/)).toBeVisible();

  await section.getByRole('button', { name: 'Nouveau modèle' }).click();
  const name = section.getByLabel('Nom du modèle');
  await expect(name).toBeFocused();

  // Nothing typed: refused by the schema, the field at fault named and focused, nothing stored.
  await section.getByRole('button', { name: 'Enregistrer le modèle' }).click();
  await expect(section.getByRole('alert')).toHaveText('Modèle non enregistré — Nom du modèle : à remplir.');
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute('aria-invalid', 'true');

  await name.fill('Rentrée 6e');
  await section
    .getByLabel('Description (facultative)')
    .fill('Le manuel de maths des 6e et leurs enseignants.');
  const rule = section.getByRole('group', { name: 'Règle 1' });
  await rule.getByLabel('Titre de la ressource').fill('Maths 6e');
  await rule.getByLabel('Identifiant ARK (facultatif)').fill('ark:/12345/maths6');
  await expect(rule.getByLabel('Identifiant ARK (facultatif)')).toHaveAccessibleDescription(
    /identifiant ark:\/… si vous le connaissez/,
  );
  await rule.getByLabel('Code MEF').fill('10010012110');
  await rule.getByRole('button', { name: 'Ajouter une cible' }).click();
  const secondKind = rule.getByLabel('Type de cible').nth(1);
  await expect(secondKind).toBeFocused();
  await secondKind.selectOption({ label: "Enseignants d'une matière (code)" });
  await rule.getByLabel('Élèves').fill('120');

  // The second target's code left empty: refused deep inside, with its place in the form.
  await section.getByRole('button', { name: 'Enregistrer le modèle' }).click();
  await expect(section.getByRole('alert')).toHaveText(
    'Modèle non enregistré — Règle 1 › Cible 2 › Code : à remplir.',
  );
  const subject = rule.getByLabel('Code de la matière');
  await expect(subject).toBeFocused();
  await expect(subject).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousA11yViolations(options)).toEqual([]);
  expect(await readTemplatesStore(options)).toEqual([]);

  await subject.fill('MATHS');
  await section.getByRole('button', { name: 'Enregistrer le modèle' }).click();
  await expect(
    section.getByRole('status').filter({ hasText: 'Modèle « Rentrée 6e » enregistré.' }),
  ).toBeVisible();
  await expect(section.getByRole('button', { name: 'Modifier « Rentrée 6e »' })).toBeFocused();
  const [stored] = await readTemplatesStore(options);
  expect(stored).toMatchObject({
    version: 2,
    name: 'Rentrée 6e',
    rules: [
      {
        resource: { title: 'Maths 6e', ark: 'ark:/12345/maths6' },
        targets: [
          { kind: 'divisionsDuNiveau', mef: '10010012110' },
          { kind: 'matiere', code: 'MATHS' },
        ],
        caps: { ELEVE: 120 },
      },
    ],
  });

  // Edit: a second rule for a whole profile.
  await section.getByRole('button', { name: 'Modifier « Rentrée 6e »' }).click();
  await expect(section.getByRole('heading', { name: 'Modifier le modèle « Rentrée 6e »' })).toBeVisible();
  await expect(section.getByLabel('Code MEF')).toHaveValue('10010012110');
  await section.getByRole('button', { name: 'Ajouter une règle' }).click();
  const second = section.getByRole('group', { name: 'Règle 2' });
  await expect(second.getByLabel('Titre de la ressource')).toBeFocused();
  await second.getByLabel('Titre de la ressource').fill('Dictionnaire junior');
  await second.getByLabel('Type de cible').selectOption({ label: 'Tout un profil' });
  await second.getByLabel('Profil').selectOption({ label: 'Enseignants' });
  await options.screenshot({ path: 'test-results/screens/templates-editor.png', fullPage: true });
  await section.getByRole('button', { name: 'Enregistrer le modèle' }).click();
  const row = rowOf(section, 'Rentrée 6e');
  await expect(row.locator('td.cg-nombre')).toHaveText('2');
  await expect(row).toContainText('Ressources : Maths 6e, Dictionnaire junior');
  expect((await readTemplatesStore(options))[0]?.rules[1]?.targets).toEqual([
    { kind: 'profil', value: 'ENSEIGNANT' },
  ]);

  // Duplicate, then rename the copy, from the keyboard.
  await section.getByRole('button', { name: 'Dupliquer « Rentrée 6e »' }).focus();
  await options.keyboard.press('Enter');
  await expect(section.getByText('Copie créée : « copie de Rentrée 6e ».', { exact: false })).toBeVisible();
  const renameCopy = section.getByRole('button', { name: 'Renommer « copie de Rentrée 6e »' });
  await expect(renameCopy).toBeFocused();
  await options.keyboard.press('Enter');
  const newName = section.getByLabel('Nouveau nom de « copie de Rentrée 6e »');
  await expect(newName).toBeFocused();
  await options.keyboard.type('Rentrée 6e bis');
  await options.keyboard.press('Enter');
  await expect(section.getByText('Modèle renommé : « Rentrée 6e bis ».')).toBeVisible();
  await expect(section.getByRole('button', { name: 'Renommer « Rentrée 6e bis »' })).toBeFocused();

  // Search: names, descriptions and resource titles, accents ignored.
  const search = section.getByLabel('Rechercher (nom, description, ressource)');
  await search.fill('dictionnaire');
  await expect(section.getByText('2 modèles')).toBeVisible();
  await search.fill('bis');
  await expect(section.getByText('1 modèle', { exact: true })).toBeVisible();
  await search.fill('histoire');
  await expect(section.getByText('Aucun modèle ne correspond à la recherche.')).toBeVisible();
  await search.fill('');

  // Delete with a confirmation step; Escape backs out, the focus returns to the button.
  const deleteCopy = section.getByRole('button', { name: 'Supprimer « Rentrée 6e bis »' });
  await deleteCopy.click();
  const confirmation = section.getByRole('group', { name: 'Supprimer le modèle « Rentrée 6e bis » ?' });
  await expect(confirmation.getByRole('button', { name: 'Annuler' })).toBeFocused();
  expect(await seriousA11yViolations(options)).toEqual([]);
  await options.keyboard.press('Escape');
  await expect(confirmation).toHaveCount(0);
  await expect(deleteCopy).toBeFocused();
  await options.keyboard.press('Enter');
  await confirmation.getByRole('button', { name: 'Supprimer', exact: true }).click();
  await expect(section.getByText('Modèle « Rentrée 6e bis » supprimé.')).toBeVisible();
  await expect(section.locator('tr[data-template-id]')).toHaveCount(1);
  expect((await readTemplatesStore(options)).map((template) => template.name)).toEqual(['Rentrée 6e']);
});

test('templates export to a file and come back through an import previewed before anything changes', async ({
  openExtensionPage,
}) => {
  const { options, section } = await openTemplatesPage(openExtensionPage, [
    ANGLAIS_5E,
    { ...ANGLAIS_5E, id: 'modele-latin', name: 'Latin 5e', description: '' },
  ]);
  const dialogs: string[] = [];
  options.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  // Export one, then all; the files read back with the import's own parser.
  await section.getByRole('checkbox', { name: 'Sélectionner « Latin 5e »' }).check();
  let downloadPromise = options.waitForEvent('download');
  await section.getByRole('button', { name: 'Exporter la sélection (1)' }).click();
  let download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^modeles-compagnon-gar-\d{4}-\d{2}-\d{2}\.json$/);
  let parsed = parseTemplateFile(await readFile(await download.path(), 'utf8'));
  expect(parsed.ok && parsed.templates.map((template) => template.name)).toEqual(['Latin 5e']);
  downloadPromise = options.waitForEvent('download');
  await section.getByRole('button', { name: 'Exporter tous les modèles' }).click();
  download = await downloadPromise;
  parsed = parseTemplateFile(await readFile(await download.path(), 'utf8'));
  expect(parsed).toEqual({
    ok: true,
    templates: [ANGLAIS_5E, expect.objectContaining({ name: 'Latin 5e' })],
  });

  // A colleague's file: a new template, a new version of « Anglais 5e », the same « Latin 5e ».
  const input = options.getByTestId('import-modeles');
  const newer = { ...ANGLAIS_5E, name: 'Anglais 5e et 4e', updatedAt: '2025-07-01T08:00:00.000Z' };
  const sixieme = {
    ...ANGLAIS_5E,
    id: 'modele-6e',
    name: 'Rentrée 6e',
    description: 'Reçu du collège voisin.',
  };
  const latin = parsed.ok ? parsed.templates[1] : undefined;
  await input.setInputFiles(templateFile([sixieme, newer, latin]));
  const preview = section.getByRole('group', { name: 'Import du fichier « modeles.json »' });
  await expect(preview).toContainText('1 ajouté, 1 remplacé, 1 identique');
  await expect(preview.getByRole('listitem')).toHaveText([
    'Rentrée 6e',
    '« Anglais 5e », qui devient « Anglais 5e et 4e »',
    'Latin 5e',
  ]);
  expect(await readTemplatesStore(options)).toHaveLength(2);
  await preview.getByRole('button', { name: 'Confirmer l’import' }).click();
  await expect(section.getByText('Import terminé : 2 modèles enregistrés.')).toBeVisible();
  await expect(section.locator('tr[data-template-id]')).toHaveCount(3);
  await expect(rowOf(section, 'Anglais 5e et 4e')).toBeVisible();

  // A hostile name is text, never markup.
  await input.setInputFiles(
    templateFile([{ ...ANGLAIS_5E, id: 'modele-piege', name: HOSTILE_NAME, description: '<b>gras</b>' }]),
  );
  await expect(preview.getByRole('listitem')).toHaveText([HOSTILE_NAME]);
  await preview.getByRole('button', { name: 'Confirmer l’import' }).click();
  await expect(rowOf(section, HOSTILE_NAME)).toBeVisible();
  await expect(section.getByText('<b>gras</b>')).toBeVisible();
  await expect(section.locator('img, b')).toHaveCount(0);
  expect(dialogs).toEqual([]);

  // A file broken deep inside: refused with where, nothing changed, no preview.
  const before = await readTemplatesStore(options);
  const broken = {
    ...sixieme,
    name: 'Cassé',
    rules: [{ resource: { title: 'Maths 6e' }, targets: [{ kind: 'division', code: 42 }] }],
  };
  await input.setInputFiles(templateFile([ANGLAIS_5E, broken]));
  await expect(section.getByRole('alert')).toContainText(
    /^Fichier refusé, rien n’a changé\s: modeles\[1\]\.rules\[0\]\.targets\[0\]\.code : .*chaîne/,
  );
  await expect(preview).toHaveCount(0);
  expect(await readTemplatesStore(options)).toEqual(before);
  await expect(section.locator('tr[data-template-id]')).toHaveCount(4);

  expect(await seriousA11yViolations(options)).toEqual([]);
  await section.screenshot({ path: 'test-results/screens/templates.png' });
});
