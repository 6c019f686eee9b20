import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../../utils/gar/table-file';
import {
  MAX_XLSX_ENTRIES,
  MAX_XLSX_INFLATED_BYTES,
  sheetExtent,
  xlsxBoundsProblem,
} from '../../../utils/gar/xlsx-bounds';
import { readZipDirectory } from '../../../utils/gar/zip-directory';
import { bombWorkbook, buildZip, rowsXml, workbook } from './zip-fixture';

const MB = 1024 * 1024;
const xml = (text: string) => new TextEncoder().encode(text);

function refusal(result: { ok: true } | { ok: false; message: string }): string {
  return result.ok ? 'accepté' : result.message;
}

describe('readZipDirectory', () => {
  it('lists the entries with their declared sizes, without inflating them', () => {
    const zip = buildZip([
      { name: 'a.xml', content: 'x'.repeat(1000) },
      { name: 'b.bin', content: 'yz', stored: true },
    ]);
    const directory = readZipDirectory(zip, 10);
    expect(
      directory.ok &&
        directory.entries.map(({ name, method, uncompressedSize }) => [name, method, uncompressedSize]),
    ).toEqual([
      ['a.xml', 8, 1000],
      ['b.bin', 0, 2],
    ]);
  });

  it('refuses ZIP64 markers, too many entries, and headers pointing outside the file', () => {
    const zip64 = buildZip([{ name: 'a.xml', content: 'a', declaredCompressedSize: 0xffffffff }]);
    expect(readZipDirectory(zip64, 10)).toEqual({ ok: false, problem: 'zip64' });
    const many = buildZip(Array.from({ length: 3 }, (_, i) => ({ name: `${i}.xml`, content: 'a' })));
    expect(readZipDirectory(many, 2)).toEqual({ ok: false, problem: 'tooManyEntries' });
    const lying = buildZip([{ name: 'a.xml', content: 'a' }], { entryCount: 2 });
    expect(readZipDirectory(lying, 10)).toEqual({ ok: false, problem: 'damaged' });
    expect(readZipDirectory(xml('pas un zip'), 10)).toEqual({ ok: false, problem: 'notZip' });
  });
});

describe('sheetExtent', () => {
  it('follows explicit and implicit positions, as the reader places cells', () => {
    expect(sheetExtent(xml(workbookXml('<row r="3"><c r="B3"/><c/><c/></row><row><c/></row>')))).toEqual({
      rows: 4,
      columns: 4,
    });
    expect(sheetExtent(xml("<x:row r='7'><x:c r = 'AB7'/></x:row>"))).toEqual({ rows: 7, columns: 28 });
  });

  it('errs on the large side for what it cannot read', () => {
    expect(sheetExtent(xml('<row r="1"><c r="&#65;1"/></row>')).columns).toBe(Number.POSITIVE_INFINITY);
  });
});

function workbookXml(sheetData: string): string {
  return `<worksheet><sheetData>${sheetData}</sheetData></worksheet>`;
}

describe('xlsxBoundsProblem', () => {
  it('lets a normal workbook through', async () => {
    expect(
      await xlsxBoundsProblem(
        workbook(
          rowsXml([
            ['Titre', 'Quantité'],
            ['Maths', '30'],
          ]),
        ),
      ),
    ).toBeUndefined();
  });

  it('refuses a zip bomb from its central directory, before inflating it', async () => {
    const bomb = bombWorkbook(MAX_XLSX_INFLATED_BYTES + MB);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(await xlsxBoundsProblem(bomb)).toMatch(
      /^Une fois décompressé, ce classeur ferait 33 Mo, au-delà des 32 Mo acceptés/,
    );
  });

  it('refuses a sheet that inflates to more than its directory declares', async () => {
    const forged = workbook(`${rowsXml([['Titre']])}${' '.repeat(200_000)}`, { declaredSize: 1000 });
    expect(await xlsxBoundsProblem(forged)).toBe('Ce fichier n’est pas un classeur Excel (.xlsx) lisible.');
  });

  it('refuses a tiny sheet that reaches far before any row is built', async () => {
    const far = workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="XFD1048576"/></row>');
    expect(far.length).toBeLessThan(2000);
    expect(await xlsxBoundsProblem(far)).toMatch(
      /^Le fichier compte 16\u202f384 colonnes, au-delà des 200 acceptées/,
    );
    const tall = workbook(
      `${rowsXml([['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']])}<row r="200000"><c r="A200000"/></row>`,
    );
    expect(await xlsxBoundsProblem(tall)).toMatch(
      /^Le fichier compte 200\u202f000 lignes sur 10 colonnes, plus que le million/,
    );
  });

  it('refuses ZIP64 and archives of too many parts in French', async () => {
    expect(
      await xlsxBoundsProblem(buildZip([{ name: 'a.xml', content: 'a', declaredSize: 0xffffffff }])),
    ).toMatch(/ZIP64/);
    const parts = Array.from({ length: MAX_XLSX_ENTRIES + 1 }, (_, i) => ({
      name: `p${i}.bin`,
      content: '',
    }));
    expect(await xlsxBoundsProblem(buildZip(parts))).toMatch(/plus de 500 fichiers internes/);
  });

  it('is what readXlsx says: the bomb never reaches the reader', async () => {
    expect(refusal(await readXlsx(bombWorkbook(MAX_XLSX_INFLATED_BYTES + MB)))).toMatch(
      /Une fois décompressé/,
    );
    const read = await readXlsx(
      workbook(
        rowsXml([
          ['Titre', 'Quantité'],
          ['Maths', '30'],
        ]),
      ),
    );
    expect(read.ok && read.table.rows).toEqual([['Maths', '30']]);
  });
});
