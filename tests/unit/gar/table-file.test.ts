import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, readCsv, readXlsx } from '../../../utils/gar/table-file';
import { MAX_IMPORT_ROWS } from '../../../utils/gar/table-limits';
import { speak } from '../speak';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The few Windows-1252 bytes these tests need outside Latin-1 (where code point = byte). */
const CP1252_EXTRAS: Readonly<Record<string, number>> = { '’': 0x92, '€': 0x80, œ: 0x9c };
function cp1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (char) => CP1252_EXTRAS[char] ?? char.charCodeAt(0));
}

function refusal(result: { ok: true } | { ok: false; message: string }): string {
  return result.ok ? 'accepté' : result.message;
}

describe('readCsv — encodings', () => {
  it('reads UTF-8 with a BOM, the BOM not ending up in the first header', () => {
    const result = readCsv(utf8('\ufeffTitre;Quantité\r\nFrançais 6e;30\r\n'));
    expect(result).toEqual({
      ok: true,
      table: {
        headers: ['Titre', 'Quantité'],
        rows: [['Français 6e', '30']],
        delimiter: ';',
        encoding: 'utf-8',
      },
    });
  });

  it('reads UTF-8 without a BOM', () => {
    const result = readCsv(utf8('Titre;Quantité\nÉducation musicale;12\n'));
    expect(result.ok && result.table).toMatchObject({
      encoding: 'utf-8',
      rows: [['Éducation musicale', '12']],
    });
  });

  it('reads Windows-1252 (French Excel « CSV (séparateur : point-virgule) ») when the bytes are not UTF-8', () => {
    const result = readCsv(cp1252('Désignation;Quantité\r\nFrançais - l’œuvre à 12 €;30\r\n'));
    expect(result).toEqual({
      ok: true,
      table: {
        headers: ['Désignation', 'Quantité'],
        rows: [['Français - l’œuvre à 12 €', '30']],
        delimiter: ';',
        encoding: 'windows-1252',
      },
    });
  });

  it('refuses a file mixing UTF-8 and Windows-1252, whose accents would be garbled', () => {
    const bytes = new Uint8Array([...cp1252('Titre;Quantité\r\nFrançais;3\r\n'), ...utf8('Éducation;4\r\n')]);
    expect(refusal(readCsv(bytes))).toMatch(/mélange deux encodages/);
  });

  it('refuses bytes that are not text, naming what the file seems to be', () => {
    expect(refusal(readCsv(new Uint8Array([0x54, 0x00, 0x69, 0x00])))).toBe(
      'Ce fichier n’est pas un fichier texte CSV lisible.',
    );
    expect(refusal(readCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14])))).toMatch(
      /classeur Excel \(\.xlsx\)/,
    );
    expect(refusal(readCsv(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1])))).toMatch(/Ancien format Excel/);
    expect(refusal(readCsv(new Uint8Array([0xff, 0xfe, 0x54, 0x00])))).toMatch(/UTF-16/);
  });

  it('refuses a file over the size limit before decoding it', () => {
    expect(refusal(readCsv(new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61)))).toMatch(/dépasse 10 Mo/);
  });
});

describe('readCsv — delimiters and structure', () => {
  it.each([
    [';', 'Titre;Quantité\nA;1\nB;2\n'],
    [',', 'Titre,Quantité\nA,1\nB,2\n'],
    ['\t', 'Titre\tQuantité\nA\t1\nB\t2\n'],
  ])('detects « %s »', (delimiter, text) => {
    const result = readCsv(utf8(text));
    expect(result.ok && result.table).toMatchObject({
      delimiter,
      headers: ['Titre', 'Quantité'],
      rows: [
        ['A', '1'],
        ['B', '2'],
      ],
    });
  });

  it('is not fooled by decimal commas in a semicolon file', () => {
    const result = readCsv(utf8('Titre;Prix\nA;12,50\nB;3,20\n'));
    expect(result.ok && result.table.delimiter).toBe(';');
  });

  it('keeps delimiters, quotes and line breaks inside quoted fields', () => {
    const result = readCsv(
      utf8('Titre;Quantité\r\n"Maths; cycle 4";30\r\n"Le ""Bescherelle""\r\nédition 2026";5\r\n'),
    );
    expect(result.ok && result.table.rows).toEqual([
      ['Maths; cycle 4', '30'],
      ['Le "Bescherelle"\r\nédition 2026', '5'],
    ]);
  });

  it('pads ragged rows and names blank headers', () => {
    const result = readCsv(utf8('Titre;;Quantité\nA;x\nB;y;2;extra\n'));
    expect(result.ok && result.table).toMatchObject({
      headers: ['Titre', 'Colonne 2', 'Quantité', 'Colonne 4'],
      rows: [
        ['A', 'x', '', ''],
        ['B', 'y', '2', 'extra'],
      ],
    });
  });

  it('refuses an empty file', () => {
    expect(refusal(readCsv(new Uint8Array()))).toBe('Le fichier est vide.');
    expect(refusal(readCsv(utf8('\ufeff')))).toBe('Le fichier est vide.');
    expect(refusal(readCsv(utf8(' \r\n\r\n')))).toBe('Le fichier est vide.');
  });

  it('refuses a file with headers only', () => {
    expect(refusal(readCsv(utf8('Titre;Quantité\r\n')))).toMatch(/qu’une ligne d’en-têtes/);
    expect(refusal(readCsv(utf8('Titre;Quantité\r\n;\r\n\r\n')))).toMatch(/qu’une ligne d’en-têtes/);
  });

  it('refuses an unterminated quote, which would swallow the rest of the file into one cell', () => {
    expect(refusal(readCsv(utf8('Titre;Quantité\nA;1\n"B;2\nC;3\n')))).toMatch(
      /guillemet non refermé ou mal placé à la ligne 3/,
    );
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows, even after blank lines`, () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `Titre ${i};1`).join('\n');
    expect(readCsv(utf8(`Titre;Quantité\n${rows}\n`)).ok).toBe(true);
    expect(refusal(readCsv(utf8(`Titre;Quantité\n${rows}\n\n\nde trop;1\n`)))).toMatch(
      /dépasse 20\s000 lignes/,
    );
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

  it('reads the first sheet, numbers as written, dates as ISO days, formulas as their computed values', async () => {
    const result = await readXlsx(fixture());
    expect(result).toEqual({
      ok: true,
      table: {
        headers: ['Titre', 'EAN', 'Qté élèves', 'Qté enseignants', 'Début', 'Fin', 'N° de commande'],
        rows: [
          [
            'Mathématiques 6e – Éd. 2026',
            '9782091234564',
            '30',
            '2',
            '2026-09-01',
            '2027-08-31',
            '=HYPERLINK("http://exemple.test")',
          ],
          ['Français 5e', '', '15', '', '2026-09-01', '2027-08-31', 'BC-2026-002'],
        ],
        encoding: 'xlsx',
      },
    });
  });

  it('refuses what is not a readable workbook, in French', async () => {
    expect(refusal(await readXlsx(new Uint8Array()))).toBe('Le fichier est vide.');
    expect(refusal(await readXlsx(utf8('Titre;Quantité\nA;1\n')))).toBe(
      'Ce fichier n’est pas un classeur Excel (.xlsx) lisible.',
    );
    expect(refusal(await readXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x99, 0x99])))).toBe(
      'Ce fichier n’est pas un classeur Excel (.xlsx) lisible.',
    );
    expect(refusal(await readXlsx(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))).toMatch(
      /Ancien format Excel \(\.xls\)/,
    );
  });
});

describe('hostile tables', () => {
  /** A 58 KB CSV: one line of 20,000 fields, then short lines that padding would widen to it. */
  const wide = () => utf8(`Titre;Quantité\n${';'.repeat(19_999)}\n${'Maths;30\n'.repeat(2_000)}`);

  it('refuses 20,000 columns before padding any row, naming the limit', () => {
    expect(wide().length).toBeLessThan(60 * 1024);
    expect(refusal(readCsv(wide()))).toBe(
      'Le fichier compte 20\u202f000 colonnes, au-delà des 200 acceptées : ce n’est sans doute pas le bon fichier.',
    );
  });

  it('refuses more cells than a real export has, even within the column limit', () => {
    const lines = Array.from({ length: 10_000 }, () => `Maths;30${';'.repeat(148)}`).join('\n');
    expect(refusal(readCsv(utf8(`Titre;Quantité\n${lines}\n`)))).toMatch(
      /^Le fichier compte 10\u202f001 lignes sur 150 colonnes, plus que le million de cellules accepté/,
    );
  });

  it('still reads a table at the column limit', () => {
    const header = Array.from({ length: 200 }, (_, i) => `C${i}`).join(';');
    const read = readCsv(utf8(`${header}\nMaths;30\n`));
    expect(read.ok && read.table.rows[0]?.length).toBe(200);
  });
});

describe('in English', () => {
  it('refuses in English and names blank headers in English', () => {
    speak('en');
    expect(refusal(readCsv(new Uint8Array()))).toBe('The file is empty.');
    expect(refusal(readCsv(utf8('Titre;Quantité\r\n')))).toBe(
      'The file only has a header row: there are no orders to import.',
    );
    expect(refusal(readCsv(new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61)))).toBe(
      'The file is over 10 MB: it is probably not an order export.',
    );
    const read = readCsv(utf8('Titre;;Quantité\nA;x;1\n'));
    expect(read.ok && read.table.headers).toEqual(['Titre', 'Column 2', 'Quantité']);
  });
});
