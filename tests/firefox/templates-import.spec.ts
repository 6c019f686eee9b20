import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import type { Template } from '../../utils/gar/template-record';
import { ANGLAIS_5E } from '../e2e/support/templates';
import { expect, test } from './fixtures';
import { countOf, logIn, readStore, replaceStore, textOf, textsOf } from './pages';

/**
 * A colleague's file of templates imported in the options page, in Firefox (tests/e2e/
 * templates.spec.ts): chosen with the page's file input (BiDi input.setFiles), previewed, then
 * stored; a broken file is refused in French and changes nothing.
 */

const SECTION = 'section.cg-tpl';
const ROW_NAMES = `${SECTION} tr[data-template-id] .cg-tpl__titre`;

/** A templates file as the options page exports it, written where the test keeps its files. */
function templateFile(path: string, modeles: unknown[]): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    JSON.stringify({
      format: 'compagnon-gar-modeles',
      version: 1,
      exportedAt: new Date().toISOString(),
      modeles,
    }),
  );
  return path;
}

async function choose(page: Page, path: string): Promise<void> {
  const input = (await page.waitForSelector(
    '[data-testid="import-modeles"]',
  )) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(path);
  await input.dispose();
}

test('a templates file is previewed, then imported; a broken one is refused in French and changes nothing', async ({
  tab,
  openExtensionPage,
}, testInfo) => {
  await logIn(tab);
  // This RA's browser already has one template.
  const first = await openExtensionPage(tab, 'options.html');
  await replaceStore(first, 'templates', [ANGLAIS_5E]);
  await first.close();
  const options = await openExtensionPage(tab, 'options.html');
  await options.waitForSelector(ROW_NAMES);
  expect(await textsOf(options, ROW_NAMES)).toEqual(['Anglais 5e']);

  // The colleague's file: a new template and a newer version of « Anglais 5e ».
  const sixieme = {
    ...ANGLAIS_5E,
    id: 'modele-6e',
    name: 'Rentrée 6e',
    description: 'Reçu du collège voisin.',
  };
  const newer = { ...ANGLAIS_5E, name: 'Anglais 5e et 4e', updatedAt: '2025-07-01T08:00:00.000Z' };
  await choose(options, templateFile(testInfo.outputPath('modeles.json'), [sixieme, newer]));
  const preview = `${SECTION} [role="group"][aria-labelledby="cg-tpl-apercu-titre"]`;
  await options.waitForSelector(preview);
  expect(await textOf(options, `${preview} h3`)).toBe('Import du fichier « modeles.json »');
  expect(await textOf(options, `${preview} strong`)).toBe('1 ajouté, 1 remplacé, 0 identique');
  expect(await textsOf(options, `${preview} li`)).toEqual([
    'Rentrée 6e',
    '« Anglais 5e », qui devient « Anglais 5e et 4e »',
  ]);
  // Nothing is written before the RA confirms.
  expect(await readStore(options, 'templates')).toEqual([ANGLAIS_5E]);
  await options.click(`${preview} button::-p-text(Confirmer l’import)`);
  await expect
    .poll(() => textOf(options, `${SECTION} [role="status"]`))
    .toBe('Import terminé : 2 modèles enregistrés.');
  await expect
    .poll(() => textsOf(options, ROW_NAMES).then((names) => names.sort()))
    .toEqual(['Anglais 5e et 4e', 'Rentrée 6e']);

  // A file broken deep inside: refused with where, no preview, nothing changed.
  const stored = await readStore<Template>(options, 'templates');
  const broken = {
    ...sixieme,
    id: 'modele-casse',
    name: 'Cassé',
    rules: [{ resource: { title: 'Maths 6e' }, targets: [{ kind: 'division', code: 42 }] }],
  };
  await choose(options, templateFile(testInfo.outputPath('modeles-casse.json'), [ANGLAIS_5E, broken]));
  await expect
    .poll(() => textOf(options, `${SECTION} [role="alert"]`))
    .toMatch(/^Fichier refusé, rien n’a changé : modeles\[1\]\.rules\[0\]\.targets\[0\]\.code : .*chaîne/);
  expect(await countOf(options, preview)).toBe(0);
  expect(await readStore(options, 'templates')).toEqual(stored);
  expect((await textsOf(options, ROW_NAMES)).sort()).toEqual(['Anglais 5e et 4e', 'Rentrée 6e']);
});
