import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/universal';
import type { LicenceCount, Licences, Profil } from './abonnement';
import { type ExpectedOrder, expectedOrderSchema, type OrderPeriod } from './expected-order';
import { createOrderIndex, type OrderIndex } from './order-merge';
import { parseWith } from './parse';
import { newRecordId } from './record-fields';
import { MAX_IMPORT_ROWS, TOO_MANY_ROWS, tableShapeProblem } from './table-limits';
import { XLSX_NOT_READABLE, xlsxBoundsProblem } from './xlsx-bounds';

export { MAX_IMPORT_CELLS, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from './table-limits';

/**
 * Importing what a school ordered (issue 7) from a distributor's or the accountant's export:
 * bytes → table (CSV or XLSX) → column mapping chosen by the RA → validated expected orders.
 * The file is someone else's data: every cell stays text (a cell starting with `=` is a title,
 * never a formula to run), and a line that cannot be read is reported with its number, never
 * dropped or imported halfway.
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
type TableResult = { ok: true; table: RawTable } | ImportFailure;

/**
 * Above this, an order export is surely something else. It counts the bytes as read: an XLSX's
 * inflated size and its table's shape are bounded apart (xlsx-bounds.ts, table-limits.ts).
 */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const EMPTY_FILE = 'Le fichier est vide.';
export const NO_DATA_ROW = 'Le fichier ne contient qu’une ligne d’en-têtes : aucune commande à importer.';
export const TOO_LARGE = `Le fichier dépasse ${MAX_IMPORT_BYTES / 1024 / 1024} Mo : ce n’est sans doute pas un export de commandes.`;

const LEGACY_XLS =
  'Ancien format Excel (.xls) non pris en charge : enregistrez le fichier au format .xlsx ou CSV.';

const fail = (message: string): ImportFailure => ({ ok: false, message });

// ---------------------------------------------------------------------------------------------
// Reading files

/** Shared by CSV and XLSX: header row, padded rows, and the refusals that do not depend on the format. */
function tableFrom(
  cells: readonly string[][],
  format: Pick<RawTable, 'delimiter' | 'encoding'>,
): TableResult {
  const rows = withoutTrailingBlankRows(cells);
  const [header, ...data] = rows;
  if (header === undefined) return fail(EMPTY_FILE);
  // Trailing blank rows are gone: any row left holds data.
  if (data.length === 0) return fail(NO_DATA_ROW);
  if (data.length > MAX_IMPORT_ROWS) return fail(TOO_MANY_ROWS);
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
      headers: pad(header).map((name, i) => name.trim() || `Colonne ${i + 1}`),
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
    return 'Ce fichier est un classeur Excel (.xlsx), pas un CSV : importez-le comme classeur Excel.';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return LEGACY_XLS;
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return 'Fichier en UTF-16 (« texte Unicode ») non pris en charge : enregistrez-le en « CSV UTF-8 ».';
  }
  if (bytes.includes(0)) return 'Ce fichier n’est pas un fichier texte CSV lisible.';
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
      return fail(
        'Le fichier mélange deux encodages (UTF-8 et Windows-1252) : les accents seraient mal lus. Enregistrez-le de nouveau en « CSV UTF-8 ».',
      );
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
  if (bytes.length > MAX_IMPORT_BYTES) return fail(TOO_LARGE);
  const notText = notTextProblem(bytes);
  if (notText !== undefined) return fail(notText);
  const decoded = decode(bytes);
  if (!decoded.ok) return decoded;
  if (decoded.text.trim() === '') return fail(EMPTY_FILE);
  const delimiter = detectDelimiter(decoded.text);
  // Parsed whole (the byte cap bounds the cost): a preview would stop at a blank line and hide what follows.
  const parsed = Papa.parse<string[]>(decoded.text, { delimiter });
  const quoteError = parsed.errors.find((error) => error.type === 'Quotes');
  if (quoteError !== undefined) {
    return fail(
      `Fichier mal formé : guillemet non refermé ou mal placé à la ligne ${(quoteError.row ?? 0) + 1}. Corrigez-le ou enregistrez-le de nouveau depuis le tableur.`,
    );
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
  if (code === 'XLS_FILE_NOT_SUPPORTED') {
    return LEGACY_XLS;
  }
  if (code === 'NO_DATA') return EMPTY_FILE;
  return XLSX_NOT_READABLE;
}

/**
 * The first sheet of an XLSX workbook. Numbers come as written in the file (an EAN keeps its 13
 * digits), dates as ISO days; formula cells give the value Excel computed, never the formula.
 * The workbook's inflated size and its sheet's extent are checked before the reader runs.
 */
export async function readXlsx(bytes: Uint8Array): Promise<TableResult> {
  if (bytes.length > MAX_IMPORT_BYTES) return fail(TOO_LARGE);
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
// Column mapping

const ORDER_FIELD_NAMES = [
  'resourceTitle',
  'ark',
  'ean',
  'distributor',
  'quantity',
  'quantityEleve',
  'quantityEnseignant',
  'quantityDocumentaliste',
  'quantityAutre',
  'schoolYear',
  'start',
  'end',
  'reference',
] as const;
export type OrderField = (typeof ORDER_FIELD_NAMES)[number];

export type ColumnMapping = Partial<Record<OrderField, number>>;

/** Accents, case and punctuation folded: « N° de commande » → « n de commande ». */
export function foldHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Headers that look like a field but are not one of ours (« Date de commande » is no reference). */
const IGNORED_HEADER = /^date (de |d )?(commande|facture|facturation|livraison|creation|saisie)\b/;

/**
 * First match wins, so the order matters: identifiers and per-profile counts before the title
 * (« Identifiant ressource » is an ARK), the distributor before the title (« Nom du distributeur »),
 * the title before the reference (« Libellé commande »), the quantity before the reference
 * (« Quantité commandée »).
 */
const HEADER_RULES: ReadonlyArray<readonly [OrderField, RegExp]> = [
  ['ark', /\bark\b|^id(entifiant)?( de la| du)? ressource$|^idressource$/],
  ['ean', /\b(ean|ean13|isbn|isbn13|gencod|code barres?)\b/],
  ['quantityEleve', /\beleves?\b/],
  ['quantityEnseignant', /\b(enseignants?|professeurs?|profs?)\b/],
  ['quantityDocumentaliste', /\bdocumentalistes?\b/],
  ['quantityAutre', /\bpersonnels?\b/],
  ['quantity', /\b(quantites?|qte|qtes|qty|quantity)\b|^(nb|nombre)( de)? licences?$|^licences?$/],
  ['schoolYear', /\b(annee|millesime)\b/],
  ['start', /\bdebut\b|^du$|^date d effet$/],
  ['end', /\bfin\b|^au$|\b(expiration|echeance)\b/],
  ['distributor', /\b(distributeur|fournisseur|diffuseur)\b/],
  ['resourceTitle', /\b(titre|designation|libelle|intitule|ressource|produit|article|manuel)\b/],
  ['reference', /\b(commande|reference|ref|devis|bon)\b/],
];

/** Suggests a mapping from header names, accents and case ignored; each column serves one field at most. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headers.forEach((header, index) => {
    const folded = foldHeader(header);
    if (folded === '' || IGNORED_HEADER.test(folded)) return;
    const rule = HEADER_RULES.find(
      ([field, pattern]) => mapping[field] === undefined && pattern.test(folded),
    );
    if (rule !== undefined) mapping[rule[0]] = index;
  });
  return mapping;
}

// ---------------------------------------------------------------------------------------------
// Building orders

export interface ImportError {
  /** The spreadsheet line (header = 1); 0 for a problem with the mapping itself. */
  line: number;
  /** Where and what: « ligne 6, colonne D (« Quantité ») : quantité « 35,5 » refusée : … ». */
  message: string;
  /** What alone, for a form, which has neither lines nor columns. */
  reason: string;
}

export interface ImportedOrders {
  orders: ExpectedOrder[];
  errors: ImportError[];
}

export interface OrderImportOptions {
  uai: string;
  now: Date;
  newId?: () => string;
  /** The period of lines whose file says none (distributors' exports often do not): chosen by the RA. */
  defaultPeriod?: OrderPeriod;
}

const PROFILE_FIELDS: ReadonlyArray<readonly [OrderField, Profil, string]> = [
  ['quantityEleve', 'ELEVE', 'quantité élèves'],
  ['quantityEnseignant', 'ENSEIGNANT', 'quantité enseignants'],
  ['quantityDocumentaliste', 'DOCUMENTALISTE', 'quantité documentalistes'],
  ['quantityAutre', 'AUTRE PERSONNEL', 'quantité autres personnels'],
];

/** What the RA reads for each field of an order, in messages about the mapping or a zod path. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  id: 'identifiant',
  uai: 'UAI',
  resourceTitle: 'titre de la ressource',
  ark: 'ARK',
  ean: 'EAN',
  distributor: 'distributeur',
  quantity: 'quantité',
  period: 'période',
  reference: 'référence de commande',
  createdAt: 'date de création',
};

/** A refusal names the field whose cell is at fault, when one is: the error then names its column. */
type Step<T> = { ok: true; value: T } | { ok: false; message: string; field?: OrderField };
const ok = <T>(value: T): Step<T> => ({ ok: true, value });
const problem = <T>(message: string, field?: OrderField): Step<T> => ({
  ok: false,
  message,
  ...(field === undefined ? {} : { field }),
});

/** The fields every line needs and the mapping does not give; an index outside the table counts as absent. */
function missingColumns(mapping: ColumnMapping, width: number, hasDefaultPeriod: boolean): string[] {
  const has = (field: OrderField) => {
    const index = mapping[field];
    return index !== undefined && Number.isInteger(index) && index >= 0 && index < width;
  };
  const missing: string[] = [];
  if (!has('resourceTitle')) missing.push('titre de la ressource');
  if (!has('quantity') && !PROFILE_FIELDS.some(([field]) => has(field))) {
    missing.push('quantité (globale ou par profil)');
  }
  if (has('start') && !has('end')) missing.push('date de fin');
  else if (has('end') && !has('start')) missing.push('date de début');
  else if (!has('start') && !has('schoolYear') && !hasDefaultPeriod) {
    missing.push('période (année scolaire, ou dates de début et de fin)');
  }
  return missing;
}

type Cells = (field: OrderField) => string;

/** A mapped cell, trimmed; an unmapped field reads as an empty cell. */
function cellsOf(row: readonly string[], mapping: ColumnMapping): Cells {
  return (field) => {
    const index = mapping[field];
    return index === undefined ? '' : (row[index] ?? '').trim();
  };
}

/**
 * A count of licences as a spreadsheet writes it: « 30 », « 35,00 » or « 35.00 » (French Excel
 * keeps the cell's two decimals in a CSV), « 1 200 » (French thousands, with a space or the
 * non-breaking ones Excel uses), « illimité ». Refused: « 35,5 » (a licence is not divided),
 * « 1,000 » (a thousands separator in English, three decimals in French: a guess could be a
 * thousand times wrong), « =2*15 », « -5 ».
 */
function readCount(label: string, text: string): Step<LicenceCount> {
  if (/^illimite(e)?s?$/.test(foldHeader(text).replace(/ /g, ''))) return ok('ILLIMITE');
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  const number = /^(\d+)(?:[.,](\d+))?$/.exec(compact);
  const [whole = '', decimals = ''] = number ? [number[1], number[2]] : [];
  if (!number || !Number.isSafeInteger(Number(whole))) {
    return problem(`${label} « ${text} » illisible (nombre entier ou « illimité » attendu)`);
  }
  if (decimals.length === 3) {
    return problem(
      `${label} « ${text} » ambiguë : écrivez ${Number(`${whole}${decimals}`)} ou ${Number(whole)}, sans séparateur`,
    );
  }
  if (/[^0]/.test(decimals)) {
    return problem(`${label} « ${text} » refusée : un nombre de licences est entier, sans décimales`);
  }
  return ok(Number(whole));
}

function readQuantity(cell: Cells): Step<Licences> {
  const globalText = cell('quantity');
  const filled = PROFILE_FIELDS.filter(([field]) => cell(field) !== '');
  if (globalText !== '' && filled.length > 0) {
    return problem('quantité globale et quantités par profil renseignées ensemble : n’en gardez qu’une');
  }
  if (globalText !== '') {
    const count = readCount('quantité', globalText);
    return count.ok ? ok({ kind: 'global', count: count.value }) : { ...count, field: 'quantity' };
  }
  if (filled.length === 0) return problem('quantité manquante');
  const counts: Partial<Record<Profil, LicenceCount>> = {};
  for (const [field, profil, label] of filled) {
    const count = readCount(label, cell(field));
    if (!count.ok) return { ...count, field };
    counts[profil] = count.value;
  }
  return ok({ kind: 'parProfil', counts });
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

/** « 2026-2027 », « 2026/2027 », « 2026 - 27 »; the second year must follow the first. */
function readSchoolYear(text: string): string | undefined {
  const match = /^(\d{4})\s*[-/–—]\s*(\d{4}|\d{2})$/.exec(text);
  if (!match) return undefined;
  const first = Number(match[1]);
  const second = Number(match[2]);
  const follows = match[2]?.length === 2 ? second === (first + 1) % 100 : second === first + 1;
  return follows ? `${first}-${first + 1}` : undefined;
}

function readDates(start: string, end: string): Step<OrderPeriod> {
  if (start === '') return problem('date de début manquante', 'start');
  if (end === '') return problem('date de fin manquante', 'end');
  const startDay = readDate(start);
  if (startDay === undefined) {
    return problem(`date de début « ${start} » illisible (JJ/MM/AAAA attendu)`, 'start');
  }
  const endDay = readDate(end);
  if (endDay === undefined) return problem(`date de fin « ${end} » illisible (JJ/MM/AAAA attendu)`, 'end');
  return ok({ start: startDay, end: endDay });
}

/** Dates when the line gives any, else its school year, else the period the RA chose for the file. */
function readPeriod(cell: Cells, defaultPeriod: OrderPeriod | undefined): Step<OrderPeriod> {
  const [start, end, year] = [cell('start'), cell('end'), cell('schoolYear')];
  if (start !== '' || end !== '') return readDates(start, end);
  if (year !== '') {
    const schoolYear = readSchoolYear(year);
    return schoolYear === undefined
      ? problem(`année scolaire « ${year} » illisible (2026-2027 attendu)`, 'schoolYear')
      : ok({ schoolYear });
  }
  return defaultPeriod === undefined
    ? problem('période manquante (année scolaire, ou dates de début et de fin)')
    : ok(defaultPeriod);
}

function ean13CheckDigit(first12: string): number {
  const sum = [...first12].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10;
}

function validIsbn10(isbn: string): boolean {
  const sum = [...isbn].reduce((total, char, i) => total + (char === 'X' ? 10 : Number(char)) * (10 - i), 0);
  return sum % 11 === 0;
}

/**
 * An EAN-13, or an ISBN written with hyphens or as ISBN-10 (turned into its EAN, 978 prefix).
 * The check digit is verified: a typo would otherwise match no resource and go unnoticed.
 */
function readEan(text: string): Step<string | undefined> {
  if (text === '') return ok(undefined);
  const compact = text.replace(/[\s\u00a0-]/g, '').toUpperCase();
  if (/^\d{13}$/.test(compact)) {
    return ean13CheckDigit(compact.slice(0, 12)) === Number(compact[12])
      ? ok(compact)
      : problem(`EAN « ${text} » invalide (clé de contrôle fausse)`);
  }
  if (/^\d{9}[\dX]$/.test(compact)) {
    if (!validIsbn10(compact)) return problem(`ISBN « ${text} » invalide (clé de contrôle fausse)`);
    const first12 = `978${compact.slice(0, 9)}`;
    return ok(`${first12}${ean13CheckDigit(first12)}`);
  }
  return problem(`EAN ou ISBN « ${text} » illisible (13 chiffres attendus)`);
}

/** Line breaks typed inside a cell (Alt+Entrée) would break every list the title appears in. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

const optional = <K extends string>(key: K, value: string | undefined) =>
  value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, string>);

interface RowContext {
  uai: string;
  createdAt: string;
  newId: () => string;
  defaultPeriod: OrderPeriod | undefined;
}

function orderFromRow(cell: Cells, context: RowContext): Step<ExpectedOrder> {
  const title = oneLine(cell('resourceTitle'));
  if (title === '') return problem('titre de la ressource manquant', 'resourceTitle');
  const quantity = readQuantity(cell);
  if (!quantity.ok) return quantity;
  const period = readPeriod(cell, context.defaultPeriod);
  if (!period.ok) return period;
  const ean = readEan(cell('ean'));
  if (!ean.ok) return { ...ean, field: 'ean' };
  const draft = {
    id: context.newId(),
    uai: context.uai,
    resourceTitle: title,
    ...optional('ark', cell('ark')),
    ...optional('ean', ean.value),
    ...optional('distributor', oneLine(cell('distributor'))),
    quantity: quantity.value,
    period: period.value,
    ...optional('reference', oneLine(cell('reference'))),
    createdAt: context.createdAt,
  };
  // The schema stays the last word (lengths, UAI, period order), with the field named in French.
  const parsed = parseWith(expectedOrderSchema, draft);
  if (parsed.ok) return ok(parsed.data);
  const field = parsed.path.split(/[.[]/)[0] ?? '';
  return problem(`${FIELD_LABELS[field] ?? parsed.path} : ${parsed.message}`, schemaField(parsed.path));
}

/** The file's field behind a schema path: a period's `end` is the end column, its `schoolYear` the year's. */
function schemaField(path: string): OrderField | undefined {
  const [field = '', inner] = path.split(/[.[]/);
  const candidate = field === 'period' ? inner : field;
  return ORDER_FIELD_NAMES.find((known) => known === candidate);
}

/**
 * Builds validated orders for a school. A bad line is reported with its spreadsheet line number
 * (« ligne 12 : quantité « douze » illisible … ») and never dropped silently or half-imported;
 * blank lines are skipped. Cells are text: one starting with = + - @ is never evaluated. Quantity:
 * the global column, or the per-profile columns (both filled on one line is an error). Period: the
 * line's start and end dates (« 01/09/2026 », ISO), else its school year (« 2026-2027 »,
 * « 2026/2027 »), else `defaultPeriod`. A mapping lacking a required field returns no order and a
 * single error at line 0 naming what is missing.
 */
export function ordersFromTable(
  table: RawTable,
  mapping: ColumnMapping,
  options: OrderImportOptions,
): ImportedOrders {
  const missing = missingColumns(mapping, table.headers.length, options.defaultPeriod !== undefined);
  if (missing.length > 0) {
    const message = `Colonnes à associer avant l’import : ${missing.join(', ')}.`;
    return { orders: [], errors: [{ line: 0, message, reason: message }] };
  }
  const context: RowContext = {
    uai: options.uai,
    createdAt: options.now.toISOString(),
    newId: options.newId ?? newRecordId,
    defaultPeriod: options.defaultPeriod,
  };
  const result: ImportedOrders = { orders: [], errors: [] };
  const earlierLines = createOrderIndex<number>();
  table.rows.forEach((row, index) => {
    if (isBlankRow(row)) return;
    const line = index + 2;
    const read = orderFromRow(cellsOf(row, mapping), context);
    const order = read.ok ? firstOfItsKind(read.value, earlierLines) : read;
    if (order.ok) {
      result.orders.push(order.value);
      earlierLines.add(order.value, line);
    } else {
      const where = placeOf(line, order.field, table.headers, mapping);
      result.errors.push({ line, message: `${where} : ${order.message}`, reason: order.message });
    }
  });
  return result;
}

/**
 * A second line for the same order (same reference, or same period without one) and the same
 * resource: which line says the truth cannot be guessed, and importing both would check the order
 * twice on the dashboard. The first is kept, the second refused (see order-merge.ts).
 */
function firstOfItsKind(order: ExpectedOrder, earlierLines: OrderIndex<number>): Step<ExpectedOrder> {
  const [earlier] = earlierLines.find(order);
  if (earlier === undefined) return ok(order);
  const which =
    order.reference === undefined
      ? 'même ressource et même période, sans référence de commande,'
      : `même commande (n° ${order.reference}) et même ressource`;
  return problem(
    `${which} que la ligne ${earlier.tag} : une commande ne cite une ressource qu’une fois, regroupez ces lignes ou supprimez l’une d’elles`,
  );
}

/** « A » for the first column, « AA » after « Z »: the letters the spreadsheet shows above it. */
function columnLetters(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${columnLetters(Math.floor(index / 26) - 1)}${letter}`;
}

/** « ligne 6 », or « ligne 6, colonne D (« Quantité ») » when the problem is one mapped cell's. */
function placeOf(
  line: number,
  field: OrderField | undefined,
  headers: readonly string[],
  mapping: ColumnMapping,
): string {
  const column = field === undefined ? undefined : mapping[field];
  if (column === undefined) return `ligne ${line}`;
  return `ligne ${line}, colonne ${columnLetters(column)} (« ${headers[column] ?? ''} »)`;
}
