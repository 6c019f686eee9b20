import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ColumnMapping, ordersFromTable, suggestMapping } from '../../../utils/gar/order-import';
import { type RawTable, readCsv, readXlsx } from '../../../utils/gar/table-file';
import { speak } from '../speak';

const now = new Date('2026-06-30T08:00:00.000Z');
const UAI = '0750001A';

const utf8 = (text: string) => new TextEncoder().encode(text);

function table(text: string): RawTable {
  const result = readCsv(utf8(text));
  if (!result.ok) throw new Error(result.message);
  return result.table;
}

/** Ids in creation order, so whole orders can be compared. */
function sequentialIds(): () => string {
  let next = 0;
  return () => `id-${++next}`;
}

function importText(
  text: string,
  mapping?: ColumnMapping,
  extra: { defaultPeriod?: { schoolYear: string } } = {},
) {
  const raw = table(text);
  return ordersFromTable(raw, mapping ?? suggestMapping(raw.headers), {
    uai: UAI,
    now,
    newId: sequentialIds(),
    ...extra,
  });
}

describe('suggestMapping', () => {
  it('recognises usual French export headers, accents and case ignored', () => {
    expect(
      suggestMapping([
        'N° de commande',
        'DÉSIGNATION',
        'ean',
        'Identifiant ARK',
        'Distributeur',
        'Quantité',
        'Annee scolaire',
        'Date de début',
        'Date de fin',
      ]),
    ).toEqual({
      reference: 0,
      resourceTitle: 1,
      ean: 2,
      ark: 3,
      distributor: 4,
      quantity: 5,
      schoolYear: 6,
      start: 7,
      end: 8,
    });
  });

  it('recognises per-profile quantities and other spellings', () => {
    expect(
      suggestMapping([
        'Libellé',
        'ISBN',
        'Qté élèves',
        'Qté enseignants',
        'Nb documentalistes',
        'Autres personnels',
        'Référence',
        'Fournisseur',
      ]),
    ).toEqual({
      resourceTitle: 0,
      ean: 1,
      quantityEleve: 2,
      quantityEnseignant: 3,
      quantityDocumentaliste: 4,
      quantityAutre: 5,
      reference: 6,
      distributor: 7,
    });
  });

  it('ignores unrelated columns and maps each field once', () => {
    expect(
      suggestMapping(['Titre', 'Date de commande', 'Prix unitaire', 'Titre', 'Quantité commandée']),
    ).toEqual({
      resourceTitle: 0,
      quantity: 4,
    });
  });
});

describe('ordersFromTable', () => {
  it('builds complete orders from a full line', () => {
    const result = importText(
      'Titre;ARK;EAN;Distributeur;Quantité;Année scolaire;N° de commande\n' +
        'Maths 6e;ark:/49591/maths-6e;978-2-09-123456-4;CAFÉINE;30;2026-2027;BC-2026-001\n',
    );
    expect(result).toEqual({
      orders: [
        {
          id: 'id-1',
          uai: UAI,
          resourceTitle: 'Maths 6e',
          ark: 'ark:/49591/maths-6e',
          ean: '9782091234564',
          distributor: 'CAFÉINE',
          quantity: { kind: 'global', count: 30 },
          period: { schoolYear: '2026-2027' },
          reference: 'BC-2026-001',
          createdAt: now.toISOString(),
        },
      ],
      errors: [],
    });
  });

  it('leaves optional fields out when their cells are empty', () => {
    const { orders } = importText('Titre;EAN;Quantité;Année scolaire;Référence\nMaths 6e;;30;2026-2027;\n');
    expect(Object.keys(orders[0] ?? {})).toEqual([
      'id',
      'uai',
      'resourceTitle',
      'quantity',
      'period',
      'createdAt',
    ]);
  });

  it('reads per-profile quantities, only the profiles filled in', () => {
    const { orders, errors } = importText(
      'Titre;Qté élèves;Qté enseignants;Qté documentalistes;Qté autres personnels;Année scolaire\n' +
        'Maths 6e;120;8;;;2026-2027\n' +
        'Atlas;;0;1;illimité;2026-2027\n',
    );
    expect(errors).toEqual([]);
    expect(orders.map((order) => order.quantity)).toEqual([
      { kind: 'parProfil', counts: { ELEVE: 120, ENSEIGNANT: 8 } },
      { kind: 'parProfil', counts: { ENSEIGNANT: 0, DOCUMENTALISTE: 1, 'AUTRE PERSONNEL': 'ILLIMITE' } },
    ]);
  });

  it('reads unlimited quantities however they are written, and French thousands', () => {
    const { orders, errors } = importText(
      'Titre;Quantité;Année scolaire\nA;ILLIMITE;2026-2027\nB;Illimitées;2026-2027\nC;1\u202f000;2026-2027\nD;1 200;2026-2027\n',
    );
    expect(errors).toEqual([]);
    expect(orders.map((order) => order.quantity)).toEqual([
      { kind: 'global', count: 'ILLIMITE' },
      { kind: 'global', count: 'ILLIMITE' },
      { kind: 'global', count: 1000 },
      { kind: 'global', count: 1200 },
    ]);
  });

  it('reads quantities as French Excel writes them: two zero decimals, a comma or a point, thousands', () => {
    const { orders, errors } = importText(
      'Titre;Quantité;Année scolaire\nA;35,00;2026-2027\nB;35.00;2026-2027\nC;35;2026-2027\n' +
        'D;35,0;2026-2027\nE;1\u00a0200,00;2026-2027\nF;1 200;2026-2027\n',
    );
    expect(errors).toEqual([]);
    expect(orders.map((order) => order.quantity)).toEqual([
      ...Array.from({ length: 4 }, () => ({ kind: 'global', count: 35 })),
      { kind: 'global', count: 1200 },
      { kind: 'global', count: 1200 },
    ]);
  });

  it('refuses a quantity with decimals, or three digits after a separator, naming the line and the column', () => {
    const { orders, errors } = importText(
      'Titre;Année scolaire;Qté enseignants;Qté élèves\n' +
        'A;2026-2027;2;35,5\n' +
        'B;2026-2027;1,000;\n' +
        'C;2026-2027;3.25;\n',
    );
    expect(orders).toEqual([]);
    expect(errors.map(({ line, message }) => [line, message])).toEqual([
      [
        2,
        'ligne 2, colonne D (« Qté élèves ») : quantité élèves « 35,5 » refusée : un nombre de licences est entier, sans décimales',
      ],
      [
        3,
        'ligne 3, colonne C (« Qté enseignants ») : quantité enseignants « 1,000 » ambiguë : écrivez 1000 ou 1, sans séparateur',
      ],
      [
        4,
        'ligne 4, colonne C (« Qté enseignants ») : quantité enseignants « 3.25 » refusée : un nombre de licences est entier, sans décimales',
      ],
    ]);
    // The form has no lines nor columns: it shows the reason alone.
    expect(errors[0]?.reason).toBe(
      'quantité élèves « 35,5 » refusée : un nombre de licences est entier, sans décimales',
    );
  });

  it('names columns past Z as the spreadsheet does', () => {
    const headers = ['Titre', ...Array.from({ length: 26 }, (_, i) => `Autre ${i}`), 'Quantité'];
    const cells = ['Maths', ...Array.from({ length: 26 }, () => ''), '2,5'];
    const { errors } = importText(
      `${headers.join(';')}\n${cells.join(';')}\n`,
      { resourceTitle: 0, quantity: 27 },
      { defaultPeriod: { schoolYear: '2026-2027' } },
    );
    expect(errors[0]?.message).toMatch(/^ligne 2, colonne AB \(« Quantité »\) : quantité « 2,5 » refusée/);
  });

  it('refuses a second line for the same order and resource, naming the first, and keeps the others', () => {
    const { orders, errors } = importText(
      'Titre;ARK;Quantité;Année scolaire;N° de commande\n' +
        'Maths 6e;;30;2026-2027;BC-1\n' +
        'Maths 6e;;30;2026-2027;BC-2\n' +
        'MATHS 6ème;;35;2026-2027;bc-1\n' +
        'Atlas;ark:/1/a;5;2026-2027;\n' +
        'Atlas;ark:/1/b;5;2026-2027;\n' +
        'Atlas;ARK:/1/A;6;2026-2027;\n' +
        'Atlas;ark:/1/a;6;2027-2028;\n',
    );
    expect(orders.map((order) => [order.resourceTitle, order.reference ?? order.ark])).toEqual([
      ['Maths 6e', 'BC-1'],
      ['Maths 6e', 'BC-2'],
      ['Atlas', 'ark:/1/a'],
      ['Atlas', 'ark:/1/b'],
      ['Atlas', 'ark:/1/a'],
    ]);
    expect(errors.map((error) => error.message)).toEqual([
      'ligne 4 : même commande (n° bc-1) et même ressource que la ligne 2 : une commande ne cite une ressource qu’une fois, regroupez ces lignes ou supprimez l’une d’elles',
      'ligne 7 : même ressource et même période, sans référence de commande, que la ligne 5 : une commande ne cite une ressource qu’une fois, regroupez ces lignes ou supprimez l’une d’elles',
    ]);
  });

  it('refuses a line with both a global and per-profile quantities', () => {
    const { errors } = importText('Titre;Quantité;Qté élèves;Année scolaire\nA;30;30;2026-2027\n');
    expect(errors).toEqual([
      {
        line: 2,
        message:
          'ligne 2 : quantité globale et quantités par profil renseignées ensemble : n’en gardez qu’une',
        reason: 'quantité globale et quantités par profil renseignées ensemble : n’en gardez qu’une',
      },
    ]);
  });

  it('reads dates in French and ISO forms, and school years with a slash or a short second year', () => {
    const { orders, errors } = importText(
      'Titre;Quantité;Année scolaire;Début;Fin\n' +
        'A;1;;01/09/2026;31/08/2027\n' +
        'B;1;;2026-09-01;2027-08-31T00:00:00\n' +
        'C;1;;1.9.26;31-08-2027\n' +
        'D;1;2026/2027;;\n' +
        'E;1;2026 - 27;;\n' +
        'F;1;2026-2027;15/01/2027;30/06/2027\n',
    );
    expect(errors).toEqual([]);
    expect(orders.map((order) => order.period)).toEqual([
      { start: '2026-09-01', end: '2027-08-31' },
      { start: '2026-09-01', end: '2027-08-31' },
      { start: '2026-09-01', end: '2027-08-31' },
      { schoolYear: '2026-2027' },
      { schoolYear: '2026-2027' },
      // Dates are more precise than the year, so they win when a line gives both.
      { start: '2027-01-15', end: '2027-06-30' },
    ]);
  });

  it('reports bad periods with their line numbers', () => {
    const { orders, errors } = importText(
      'Titre;Quantité;Année scolaire;Début;Fin\n' +
        'A;1;2026-2028;;\n' +
        'B;1;;31/02/2027;31/08/2027\n' +
        'C;1;;01/09/2026;\n' +
        'D;1;;01/09/2026;31/08/2027\n' +
        'E;1;;02/09/2027;01/09/2027\n' +
        'F;1;;;\n',
    );
    expect(orders.map((order) => order.resourceTitle)).toEqual(['D']);
    expect(errors.map(({ line, message }) => [line, message])).toEqual([
      [
        2,
        'ligne 2, colonne C (« Année scolaire ») : année scolaire « 2026-2028 » illisible (2026-2027 attendu)',
      ],
      [3, 'ligne 3, colonne D (« Début ») : date de début « 31/02/2027 » illisible (JJ/MM/AAAA attendu)'],
      [4, 'ligne 4, colonne E (« Fin ») : date de fin manquante'],
      [6, 'ligne 6, colonne E (« Fin ») : période : La fin précède le début'],
      [7, 'ligne 7 : période manquante (année scolaire, ou dates de début et de fin)'],
    ]);
  });

  it('uses the period chosen for the file when lines give none', () => {
    const { orders, errors } = importText('Titre;Quantité\nA;3\n', undefined, {
      defaultPeriod: { schoolYear: '2026-2027' },
    });
    expect(errors).toEqual([]);
    expect(orders[0]?.period).toEqual({ schoolYear: '2026-2027' });
  });

  it('reports bad lines with their numbers and imports the others whole, blank lines skipped', () => {
    const { orders, errors } = importText(
      'Titre;Quantité;Année scolaire\n' +
        'Maths 6e;30;2026-2027\n' +
        'Atlas;douze;2026-2027\n' +
        '\n' +
        ';5;2026-2027\n' +
        'Histoire 5e;12,5;2026-2027\n' +
        'Anglais 4e;;2026-2027\n' +
        'SVT 3e;25;2026-2027\n',
    );
    expect(orders.map((order) => order.resourceTitle)).toEqual(['Maths 6e', 'SVT 3e']);
    expect(errors.map(({ line, message }) => [line, message])).toEqual([
      [
        3,
        'ligne 3, colonne B (« Quantité ») : quantité « douze » illisible (nombre entier ou « illimité » attendu)',
      ],
      [5, 'ligne 5, colonne A (« Titre ») : titre de la ressource manquant'],
      [
        6,
        'ligne 6, colonne B (« Quantité ») : quantité « 12,5 » refusée : un nombre de licences est entier, sans décimales',
      ],
      [7, 'ligne 7 : quantité manquante'],
    ]);
  });

  it('keeps cells that look like formulas as text and never reads them as numbers', () => {
    const { orders, errors } = importText(
      'Titre;Distributeur;Quantité;Année scolaire;Référence\n' +
        '"=HYPERLINK(""http://exemple.test"";""Maths"")";+33 1 23;30;2026-2027;@SUM(A1)\n' +
        '-Atlas;Éditeur;=2*15;2026-2027;\n' +
        'Histoire;Éditeur;-5;2026-2027;\n',
    );
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      resourceTitle: '=HYPERLINK("http://exemple.test";"Maths")',
      distributor: '+33 1 23',
      reference: '@SUM(A1)',
    });
    expect(errors.map((error) => error.message)).toEqual([
      'ligne 3, colonne C (« Quantité ») : quantité « =2*15 » illisible (nombre entier ou « illimité » attendu)',
      'ligne 4, colonne C (« Quantité ») : quantité « -5 » illisible (nombre entier ou « illimité » attendu)',
    ]);
  });

  it('reads EAN and ISBN forms, and refuses wrong check digits and numbers mangled by Excel', () => {
    const { orders, errors } = importText(
      'Titre;EAN;Quantité;Année scolaire\n' +
        'A;9782091234564;1;2026-2027\n' +
        // Another year: the same resource in one period would be the same order twice.
        'B;2-09-123456-7;1;2027-2028\n' +
        'C;9782091234567;1;2026-2027\n' +
        'D;9,78209E+12;1;2026-2027\n' +
        'E;2-09-123456-3;1;2026-2027\n',
    );
    expect(orders.map((order) => order.ean)).toEqual(['9782091234564', '9782091234564']);
    expect(errors.map((error) => error.message)).toEqual([
      'ligne 4, colonne B (« EAN ») : EAN « 9782091234567 » invalide (clé de contrôle fausse)',
      'ligne 5, colonne B (« EAN ») : EAN ou ISBN « 9,78209E+12 » illisible (13 chiffres attendus)',
      'ligne 6, colonne B (« EAN ») : ISBN « 2-09-123456-3 » invalide (clé de contrôle fausse)',
    ]);
  });

  it('names the field when the schema refuses a value', () => {
    const { errors } = importText(`Titre;Quantité;Année scolaire\n${'x'.repeat(256)};1;2026-2027\n`);
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/^ligne 2, colonne A \(« Titre »\) : titre de la ressource : Trop grand/),
    ]);
  });

  it('puts a title typed on several lines of a cell on one line', () => {
    const { orders } = importText('Titre;Quantité;Année scolaire\n"Maths\r\n6e";1;2026-2027\n');
    expect(orders[0]?.resourceTitle).toBe('Maths 6e');
  });

  it('names the missing columns instead of failing every line', () => {
    const raw = table('Désignation;Prix;Année scolaire\nMaths 6e;12;2026-2027\n');
    expect(ordersFromTable(raw, { schoolYear: 2 }, { uai: UAI, now })).toEqual({
      orders: [],
      errors: [
        {
          line: 0,
          message:
            'Colonnes à associer avant l’import : titre de la ressource, quantité (globale ou par profil).',
          reason:
            'Colonnes à associer avant l’import : titre de la ressource, quantité (globale ou par profil).',
        },
      ],
    });
    expect(
      ordersFromTable(raw, { resourceTitle: 0, quantity: 1 }, { uai: UAI, now }).errors[0]?.message,
    ).toBe('Colonnes à associer avant l’import : période (année scolaire, ou dates de début et de fin).');
    expect(
      ordersFromTable(raw, { resourceTitle: 0, quantity: 1, start: 2 }, { uai: UAI, now }).errors[0]?.message,
    ).toBe('Colonnes à associer avant l’import : date de fin.');
    // A column index outside the file is as good as no column.
    expect(
      ordersFromTable(raw, { resourceTitle: 7, quantity: 1, schoolYear: 2 }, { uai: UAI, now }).errors,
    ).toEqual([
      {
        line: 0,
        message: 'Colonnes à associer avant l’import : titre de la ressource.',
        reason: 'Colonnes à associer avant l’import : titre de la ressource.',
      },
    ]);
  });

  it('imports 10,000 lines', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `Ressource ${i};${i % 50};2026-2027;BC-${i}`);
    const bytes = utf8(`Titre;Quantité;Année scolaire;N° de commande\r\n${lines.join('\r\n')}\r\n`);
    const read = readCsv(bytes);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.table.rows).toHaveLength(10_000);
    const { orders, errors } = ordersFromTable(read.table, suggestMapping(read.table.headers), {
      uai: UAI,
      now,
    });
    expect(errors).toEqual([]);
    expect(orders).toHaveLength(10_000);
    expect(orders[9_999]).toMatchObject({ resourceTitle: 'Ressource 9999', reference: 'BC-9999' });
    expect(new Set(orders.map((order) => order.id)).size).toBe(10_000);
  });
});

describe('readXlsx', () => {
  /**
   * `fixtures/commandes.xlsx`, two sheets. « Commandes » (first): headers Titre, EAN, Qté élèves,
   * Qté enseignants, Début, Fin, N° de commande; line 2 has a numeric EAN, numeric counts, date
   * cells (format 14) and the text « =HYPERLINK(…) » as reference; line 3 has formula cells (title
   * CONCATENATE, count 10+5) with their cached values. « Notes » (second) must not be read.
   */
  const fixture = () =>
    new Uint8Array(readFileSync(resolve(import.meta.dirname, 'fixtures', 'commandes.xlsx')));

  it('turns the workbook into orders', async () => {
    const result = await readXlsx(fixture());
    if (!result.ok) throw new Error(result.message);
    const { orders, errors } = ordersFromTable(result.table, suggestMapping(result.table.headers), {
      uai: UAI,
      now,
      newId: sequentialIds(),
    });
    expect(errors).toEqual([]);
    expect(orders).toEqual([
      {
        id: 'id-1',
        uai: UAI,
        resourceTitle: 'Mathématiques 6e – Éd. 2026',
        ean: '9782091234564',
        quantity: { kind: 'parProfil', counts: { ELEVE: 30, ENSEIGNANT: 2 } },
        period: { start: '2026-09-01', end: '2027-08-31' },
        reference: '=HYPERLINK("http://exemple.test")',
        createdAt: now.toISOString(),
      },
      {
        id: 'id-2',
        uai: UAI,
        resourceTitle: 'Français 5e',
        quantity: { kind: 'parProfil', counts: { ELEVE: 15 } },
        period: { start: '2026-09-01', end: '2027-08-31' },
        reference: 'BC-2026-002',
        createdAt: now.toISOString(),
      },
    ]);
  });
});

describe('in English', () => {
  it('names the line, the column and the problem in English, the file’s own header as written', () => {
    speak('en');
    const { errors } = importText('Titre;Qté élèves;Année scolaire\nA;35,5;2026-2027\nB;3;2026\n;;\n');
    expect(errors.map(({ message }) => message)).toEqual([
      'line 2, column B (“Qté élèves”): student quantity “35,5” refused: a number of licences is a whole number, without decimals',
      'line 3, column C (“Année scolaire”): school year “2026” unreadable (2026-2027 expected)',
    ]);
    expect(importText('Titre\nA\n').errors[0]?.message).toBe(
      'Columns to match before importing: quantity (overall or per profile), period (school year, or start and end dates).',
    );
  });
});
