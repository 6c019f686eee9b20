import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import {
  applyStoredCalibration,
  readCalibrationFile,
  readStoredCalibration,
  removeCalibration,
} from '../../../utils/host-profile';
import { createConsoleClient } from '../../../utils/hosts/console/api';
import {
  CONSOLE_SELECTORS,
  consoleResourceUrl,
  consoleSelectionOf,
  consoleViewOf,
  rowEndDate,
  subscriptionIdOf,
} from '../../../utils/hosts/console/page';
import { PORTAIL_SELECTORS } from '../../../utils/hosts/portail/page';
import { activeProfile, applyCalibration } from '../../../utils/hosts/profile/active';
import { cssOfAlternative, watchColumnAnchors } from '../../../utils/hosts/profile/anchors';
import type { Calibration } from '../../../utils/hosts/profile/schema';
import { fillTemplate, matchTemplate } from '../../../utils/hosts/profile/templates';

const CONSOLE = 'https://affectation.gar.education.fr';
const WORKED_EXAMPLE = resolve(import.meta.dirname, '../../sim/etalonnage-variante.json');

function calibration(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: 'compagnon-gar-etalonnage',
    version: 1,
    nom: 'Essai',
    date: '2026-12-03',
    ...overrides,
  });
}

afterEach(() => applyCalibration(null));

describe('path templates', () => {
  it('match segment by segment, decode parameters and ignore a trailing slash', () => {
    expect(matchTemplate('/ressources/:idAbonnement', '/ressources/ABO%201/')).toEqual({
      idAbonnement: 'ABO 1',
    });
    expect(matchTemplate('/ressources/:idAbonnement', '/ressources')).toBeNull();
    expect(matchTemplate('/', '/')).toEqual({});
    expect(matchTemplate('/population/:type/:code', '/population/divisions/4A')).toEqual({
      type: 'divisions',
      code: '4A',
    });
  });
  it('fill with encoded parameters', () => {
    expect(
      fillTemplate('/api/etablissements/:uai/abonnements/:idAbonnement', {
        uai: '0561622J',
        idAbonnement: 'A/B',
      }),
    ).toBe('/api/etablissements/0561622J/abonnements/A%2FB');
  });
});

describe('reading a fichier d’étalonnage', () => {
  it('accepts the worked example kept for the simulator’s second skin', () => {
    const reading = readCalibrationFile(readFileSync(WORKED_EXAMPLE, 'utf8'));
    expect(reading.ok).toBe(true);
  });
  it('names the faulty field', () => {
    const badSelector = readCalibrationFile(
      calibration({ console: { ancres: { view: [{ css: 'main[[' }] } } }),
    );
    expect(badSelector).toEqual({
      ok: false,
      problem: expect.stringContaining('console.ancres.view[0].css'),
    });
    expect(!badSelector.ok && badSelector.problem).toContain('sélecteur CSS invalide');
    const typo = readCalibrationFile(calibration({ console: { ancre: {} } }));
    expect(!typo.ok && typo.problem).toMatch(/ancre/);
    const badPath = readCalibrationFile(calibration({ points: { session: 'api/session?x=1' } }));
    expect(!badPath.ok && badPath.problem).toContain('points.session');
    const unknownView = readCalibrationFile(
      calibration({ console: { vues: { catalogue: ['/catalogue'] } } }),
    );
    expect(unknownView.ok).toBe(false);
  });
  it('refuses what holds code or is not a calibration file at all', () => {
    expect(readCalibrationFile('{ pas du json').ok).toBe(false);
    expect(readCalibrationFile(calibration({ format: 'autre' })).ok).toBe(false);
    const withScript = readCalibrationFile(calibration({ champs: { idAbonnement: 'onclick="alert(1)"' } }));
    expect(!withScript.ok && withScript.problem).toContain('champs.idAbonnement');
    expect(readCalibrationFile(' '.repeat(300 * 1024)).ok).toBe(false);
  });
});

describe('the stored fichier d’étalonnage', () => {
  it('applies when this version accepts it, and says why when it no longer does', async () => {
    const worked = JSON.parse(readFileSync(WORKED_EXAMPLE, 'utf8'));
    await browser.storage.local.set({ etalonnage: worked });
    await applyStoredCalibration();
    expect(activeProfile()).toMatchObject({ nom: worked.nom, refus: null });
    expect(consoleViewOf(new URL(`${CONSOLE}/catalogue`))).toBe('ressources');

    // What a later version of the format would leave behind: set aside for the built-in profile.
    await browser.storage.local.set({ etalonnage: { ...worked, version: 2 } });
    expect(await readStoredCalibration()).toEqual({
      state: 'refused',
      problem: expect.stringContaining('champ « version »'),
    });
    await applyStoredCalibration();
    expect(activeProfile()).toMatchObject({ nom: null, refus: expect.stringContaining('champ « version »') });
    expect(consoleViewOf(new URL(`${CONSOLE}/catalogue`))).toBeNull();

    await removeCalibration();
    await applyStoredCalibration();
    expect(activeProfile()).toEqual({ nom: null, version: null, date: null, refus: null });
  });
});

describe('applying a calibration', () => {
  const variante: Calibration = {
    format: 'compagnon-gar-etalonnage',
    version: 1,
    nom: 'Essai',
    date: '2026-12-03',
    console: {
      vues: { ressources: ['/catalogue'], ressource: ['/catalogue/fiche/:idAbonnement'] },
      ancres: { resourceRow: [{ css: 'table[data-v-table] tr[data-abonnement]' }, { role: 'row' }] },
    },
    points: { affectations: '/api/v2/structures/:uai/abonnements/:idAbonnement/affectations' },
    champs: { idAbonnement: 'data-abonnement', finValidite: 'data-v-fin' },
  };

  it('recalibrates views, anchors, fields and endpoints, and the built-in profile comes back', async () => {
    applyCalibration(variante);
    expect(activeProfile()).toEqual({ nom: 'Essai', version: 1, date: '2026-12-03', refus: null });
    expect(consoleViewOf(new URL(`${CONSOLE}/catalogue/fiche/X1`))).toBe('ressource');
    expect(consoleViewOf(new URL(`${CONSOLE}/ressources`))).toBeNull();
    expect(consoleSelectionOf(new URL(`${CONSOLE}/catalogue/fiche/X1`))).toEqual({ ids: ['X1'] });
    expect(consoleResourceUrl('X 1')).toBe(`${CONSOLE}/catalogue/fiche/X%201`);
    expect(CONSOLE_SELECTORS.resourceRow).toBe(
      'table[data-v-table] tr[data-abonnement], :is([role="row"], tr)',
    );
    // What the calibration does not name stays built-in.
    expect(consoleViewOf(new URL(`${CONSOLE}/population`))).toBe('population');

    document.body.innerHTML =
      '<table data-v-table><tr data-abonnement="X1"><td data-v-fin="2027-06-30">30/06</td></tr></table>';
    const row = document.querySelector('tr') as Element;
    expect(subscriptionIdOf(row)).toBe('X1');
    expect(rowEndDate(row)?.toISOString().slice(0, 10)).toBe('2027-06-30');

    const asked: string[] = [];
    const client = createConsoleClient(async (input) => {
      asked.push(String(input));
      return new Response(JSON.stringify({ version: 1, affectations: [] }), {
        headers: { 'content-type': 'application/json' },
      });
    }, CONSOLE);
    await client.affectations('0561622J', 'X1').catch(() => undefined);
    expect(asked).toEqual([`${CONSOLE}/api/v2/structures/0561622J/abonnements/X1/affectations`]);

    applyCalibration(null);
    expect(activeProfile().nom).toBeNull();
    expect(consoleViewOf(new URL(`${CONSOLE}/ressources/X1`))).toBe('ressource');
    expect(CONSOLE_SELECTORS.resourceRow).toBe(
      'table[data-gar-table="ressources"] tbody tr[data-id-abonnement]',
    );
  });

  it('finds a column by its header, in each table as it renders, wherever the column sits', () => {
    applyCalibration({
      format: 'compagnon-gar-etalonnage',
      version: 1,
      nom: 'Colonnes',
      date: '2026-12-03',
      console: {
        ancres: { resourceRowEnd: [{ colonne: 'Fin de validité', dans: 'table.liste' }, { css: 'td.fin' }] },
      },
    });
    expect(CONSOLE_SELECTORS.resourceRowEnd).toBe(
      ':is(table.liste) [data-cg-colonne~="resourceRowEnd"], td.fin',
    );
    const table = (headers: string[], cells: string[]): string =>
      `<table class="liste"><thead><tr>${headers.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>` +
      `<tbody><tr><th scope="row">Manuel</th>${cells.map((c) => `<td>${c}</td>`).join('')}</tr></tbody></table>`;
    const endCells = (): (string | null)[] =>
      [...document.querySelectorAll(CONSOLE_SELECTORS.resourceRowEnd)].map((cell) => cell.textContent);
    const watching = new AbortController();

    // Case, accents and spacing of the header ignored.
    document.body.innerHTML = table(
      ['Ressource', 'Début', '  FIN DE\n VALIDITE '],
      ['01/09/2026', '30/06/2027'],
    );
    watchColumnAnchors(document, watching.signal);
    expect(endCells()).toEqual(['30/06/2027']);
    watching.abort();

    // Another view, with the column elsewhere: found there, not kept from the last table.
    document.body.innerHTML = table(['Ressource', 'Fin de validité', 'Début'], ['30/06/2028', '01/09/2026']);
    watchColumnAnchors(document, new AbortController().signal);
    expect(endCells()).toEqual(['30/06/2028']);

    // A table without that header, or one outside `dans`: nothing, so the helper reports its anchor missing.
    document.body.innerHTML = `${table(['Ressource', 'Fin'], ['30/06/2029'])}<table><thead><tr><th>Fin de validité</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table>`;
    watchColumnAnchors(document, new AbortController().signal);
    expect(endCells()).toEqual([]);
  });

  it('finds a column of an ARIA grid, not its header row', () => {
    applyCalibration({
      format: 'compagnon-gar-etalonnage',
      version: 1,
      nom: 'Grille',
      date: '2026-12-03',
      portail: { ancres: { subscriptionRowEnd: [{ colonne: 'fin' }] } },
    });
    document.body.innerHTML =
      '<div role="grid"><div role="row"><span role="columnheader">Ressource</span><span role="columnheader">Fin</span></div>' +
      '<div role="row"><span role="rowheader">Manuel</span><span role="gridcell">30/06/2027</span></div></div>';
    watchColumnAnchors(document, new AbortController().signal);
    const cells = document.querySelectorAll(PORTAIL_SELECTORS.subscriptionRowEnd);
    expect([...cells].map((cell) => cell.textContent)).toEqual(['30/06/2027']);
  });

  it('turns a role and accessible name into a selector that also finds the native element', () => {
    expect(cssOfAlternative({ role: 'table', nom: 'Liste des "ressources"' }, 'resourceTable')).toBe(
      ':is([role="table"], table)[aria-label="Liste des \\"ressources\\""]',
    );
    document.body.innerHTML =
      '<table aria-label="Ressources"></table><div role="table" aria-label="Ressources"></div>';
    expect(
      document.querySelectorAll(cssOfAlternative({ role: 'table', nom: 'Ressources' }, 'resourceTable')),
    ).toHaveLength(2);
  });
});
