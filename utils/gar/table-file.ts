import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/universal';
import { t } from '../i18n';
import { MAX_IMPORT_ROWS, tableShapeProblem, tooManyRowsMessage } from './table-limits';
import { xlsxBoundsProblem, xlsxNotReadableMessage } from './xlsx-bounds';

/**
 * Reading a spreadsheet the RA exported (a distributor's orders, the portail's statistics) into
 * text cells, whatever its format: CSV (UTF-8 or Windows-1252, `;` `,` or tab) or XLSX. What the
 * columns mean is each importer's business (order-import.ts, usage-import.ts). The file is
 * someone else's data: every cell stays text (a cell starting with `=` is a title, never a
 * formula to run), and a file that cannot be read whole is refused with a reason the RA can act on.
 */

/**
 * A file read as text cells. `rows[i]` is the spreadsheet's line `i + 2` (the header is line 1),
 * blank lines included, so the line numbers in errors are the ones the RA sees in Excel.
 */
export interface RawTable {
  headers: string[];
  rows: string[][];
  delimiter?: ';' | ',' | '\t';
  encoding: 'utf-8' | 'windows-1252' | 'xlsx';
}

export type ImportFailure = { ok: false; message: string };
export type TableResult = { ok: true; table: RawTable } | ImportFailure;

/**
 * Above this, an order export is surely something else. It counts the bytes as read: an XLSX's
 * inflated size and its table's shape are bounded apart (xlsx-bounds.ts, table-limits.ts).
 */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** The refusal of a file over MAX_IMPORT_BYTES, also said before reading one (its size is known first). */
export const tooLargeMessage = (): string => t('tableFileTooLarge', String(MAX_IMPORT_BYTES / 1024 / 1024));

/** The refusal of a file with headers only: an importer may say it in its own words. */
export const noDataRowMessage = (): string => t('tableFileNoDataRow');

const fail = (message: string): ImportFailure => ({ ok: false, message });

/** Shared by CSV and XLSX: header row, padded rows, and the refusals that do not depend on the format. */
function tableFrom(
  cells: readonly string[][],
  format: Pick<RawTable, 'delimiter' | 'encoding'>,
): TableResult {
  const rows = withoutTrailingBlankRows(cells);
  const [header, ...data] = rows;
  if (header === undefined) return fail(t('tableFileEmpty'));
  // Trailing blank rows are gone: any row left holds data.
  if (data.length === 0) return fail(noDataRowMessage());
  if (data.length > MAX_IMPORT_ROWS) return fail(tooManyRowsMessage());
  // Ragged rows are padded so a mapping index is valid on every line: the shape is checked first,
  // since padding costs rows × widest row (one line of 20,000 fields would pad every other line).
  const width = rows.reduce((widest, row) => Math.max(widest, row.length), 0);
  const shape = tableShapeProblem(rows.length, width);
  if (shape !== undefined) return fail(shape);
  const pad = (row: readonly string[]) => Array.from({ length: width }, (_, i) => row[i] ?? '');
  return {
    ok: true,
    table: {
      // A blank header still needs a name the mapping step can show.
      headers: pad(header).map((name, i) => name.trim() || t('tableFileBlankHeader', String(i + 1))),
      rows: data.map(pad),
      ...format,
    },
  };
}

export function isBlankRow(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}

/** A final line break (or blank lines Excel keeps below the data) is not a line of the table. */
function withoutTrailingBlankRows(rows: readonly string[][]): string[][] {
  let end = rows.length;
  while (end > 0 && isBlankRow(rows[end - 1] ?? [])) end--;
  return rows.slice(0, end);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** Files picked as CSV that are not text: said plainly instead of shown as garbage. */
function notTextProblem(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    return t('tableFileIsXlsx');
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return t('tableFileLegacyXls');
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return t('tableFileUtf16');
  }
  if (bytes.includes(0)) return t('tableFileNotText');
  return undefined;
}

/**
 * UTF-8 sequences of accented letters and typographic punctuation (é = C3 A9, ’ = E2 80 99), as
 * they appear in a file that is not valid UTF-8 as a whole: such a file mixes both encodings and
 * reading it as Windows-1252 would turn every « é » of the UTF-8 part into « Ã© ».
 */
function hasUtf8Sequences(bytes: Uint8Array): boolean {
  const continuation = (byte: number | undefined) => byte !== undefined && byte >= 0x80 && byte <= 0xbf;
  for (let i = 0; i + 1 < bytes.length; i++) {
    const lead = bytes[i];
    if ((lead === 0xc2 || lead === 0xc3) && continuation(bytes[i + 1])) return true;
    if (lead === 0xe2 && bytes[i + 1] === 0x80 && continuation(bytes[i + 2])) return true;
  }
  return false;
}

/**
 * Windows-1252's characters for bytes 0x80–0x9F (WHATWG index), where it differs from Latin-1.
 * Node 20.18.3+ decodes `windows-1252` as Latin-1 (nodejs/node#60888), turning « ’ » into U+0092;
 * browsers decode these bytes right, so mapping the C1 range again changes nothing there.
 */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80] ?? char);
}

type Decoded = { ok: true; text: string; encoding: 'utf-8' | 'windows-1252' } | ImportFailure;

/** UTF-8 when the bytes are valid UTF-8 (the BOM is dropped by TextDecoder), else French Excel's Windows-1252. */
function decode(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    if (hasUtf8Sequences(bytes)) {
      return fail(t('tableFileMixedEncodings'));
    }
    return { ok: true, text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

type Delimiter = NonNullable<RawTable['delimiter']>;
/** In order of preference on a tie: `;` is what French Excel writes. */
const DELIMITERS: readonly Delimiter[] = [';', '\t', ','];

/** Papa's guess compares field counts over the first lines, so « 12,5 » in a `;` file does not fool it. */
function detectDelimiter(text: string): Delimiter {
  // Blank lines skipped for the guess only: a final line break would otherwise lower every average.
  const guess = Papa.parse<string[]>(text, {
    preview: 10,
    delimitersToGuess: [...DELIMITERS],
    skipEmptyLines: 'greedy',
  });
  const found = DELIMITERS.find((delimiter) => delimiter === guess.meta.delimiter);
  const undetectable = guess.errors.some((error) => error.code === 'UndetectableDelimiter');
  // A single-column file has no delimiter; `;` at least keeps « Manuel, tome 1 » in one cell.
  return found === undefined || undetectable ? ';' : found;
}

/**
 * Decodes bytes: UTF-8 (with or without BOM) unless invalid, then Windows-1252 (TextDecoder);
 * detects the delimiter among ; , tab; refuses an empty file, one with no data row, a malformed
 * quote (the rest of the file would land in one cell) and more than MAX_IMPORT_ROWS rows.
 */
export function readCsv(bytes: Uint8Array): TableResult {
  if (bytes.length > MAX_IMPORT_BYTES) return fail(tooLargeMessage());
  const notText = notTextProblem(bytes);
  if (notText !== undefined) return fail(notText);
  const decoded = decode(bytes);
  if (!decoded.ok) return decoded;
  if (decoded.text.trim() === '') return fail(t('tableFileEmpty'));
  const delimiter = detectDelimiter(decoded.text);
  // Parsed whole (the byte cap bounds the cost): a preview would stop at a blank line and hide what follows.
  const parsed = Papa.parse<string[]>(decoded.text, { delimiter });
  const quoteError = parsed.errors.find((error) => error.type === 'Quotes');
  if (quoteError !== undefined) {
    return fail(t('tableFileBadQuote', String((quoteError.row ?? 0) + 1)));
  }
  return tableFrom(parsed.data, { delimiter, encoding: decoded.encoding });
}

/** Dates as ISO days (read-excel-file gives them at UTC midnight), everything else as written. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value);
}

function xlsxProblem(error: unknown): string {
  // By name, as the library advises: `instanceof` breaks when its ES and CommonJS builds are both loaded.
  const code =
    error instanceof Error && error.name === 'InvalidInputError' && 'code' in error ? error.code : '';
  if (code === 'XLS_FILE_NOT_SUPPORTED') return t('tableFileLegacyXls');
  if (code === 'NO_DATA') return t('tableFileEmpty');
  return xlsxNotReadableMessage();
}

/**
 * The first sheet of an XLSX workbook. Numbers come as written in the file (an EAN keeps its 13
 * digits), dates as ISO days; formula cells give the value Excel computed, never the formula.
 * The workbook's inflated size and its sheet's extent are checked before the reader runs.
 */
export async function readXlsx(bytes: Uint8Array): Promise<TableResult> {
  if (bytes.length > MAX_IMPORT_BYTES) return fail(tooLargeMessage());
  const bounds = await xlsxBoundsProblem(bytes);
  if (bounds !== undefined) return fail(bounds);
  try {
    // The universal entry: no Worker nor Node stream, so the same code runs in the options page and in tests.
    const sheet = await readSheet(bytes.slice().buffer, { parseNumber: (text: string) => text });
    return tableFrom(
      sheet.map((row) => row.map(cellText)),
      { encoding: 'xlsx' },
    );
  } catch (error) {
    return fail(xlsxProblem(error));
  }
}

// ---------------------------------------------------------------------------------------------
// Reading cells

/** Accents, case and punctuation folded: « N° de commande » → « n de commande ». */
export function foldHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const pad2 = (value: number) => String(value).padStart(2, '0');

/** « 01/09/2026 », « 1.9.26 », « 2026-09-01 » (time ignored) → « 2026-09-01 », for real calendar days only. */
export function readDate(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : french ? [french[3], french[2], french[1]] : undefined;
  if (parts === undefined) return undefined;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const fullYear = year < 100 ? 2000 + year : year;
  const date = new Date(Date.UTC(fullYear, month - 1, day));
  if (date.getUTCFullYear() !== fullYear || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return `${fullYear}-${pad2(month)}-${pad2(day)}`;
}
