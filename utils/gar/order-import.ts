import { type MessageKey, t } from '../i18n';
import type { LicenceCount, Licences, Profil } from './abonnement';
import { type ExpectedOrder, expectedOrderSchema, type OrderPeriod } from './expected-order';
import { createOrderIndex, type OrderIndex } from './order-merge';
import { parseWith } from './parse';
import { newRecordId } from './record-fields';
import { foldHeader, isBlankRow, type RawTable, readDate } from './table-file';

/**
 * Importing what a school ordered (issue 7) from a distributor's or the accountant's export:
 * bytes → table (CSV or XLSX, read by table-file.ts) → column mapping chosen by the RA → validated expected orders.
 * The file is someone else's data: every cell stays text (a cell starting with `=` is a title,
 * never a formula to run), and a line that cannot be read is reported with its number, never
 * dropped or imported halfway.
 */

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

const PROFILE_FIELDS: ReadonlyArray<readonly [OrderField, Profil, MessageKey]> = [
  ['quantityEleve', 'ELEVE', 'orderImportQuantityEleve'],
  ['quantityEnseignant', 'ENSEIGNANT', 'orderImportQuantityEnseignant'],
  ['quantityDocumentaliste', 'DOCUMENTALISTE', 'orderImportQuantityDocumentaliste'],
  ['quantityAutre', 'AUTRE PERSONNEL', 'orderImportQuantityAutre'],
];

/** What the RA reads for each field of an order, in messages about the mapping or a zod path. */
const FIELD_LABELS: Readonly<Record<string, () => string>> = {
  id: () => t('orderImportFieldId'),
  uai: () => 'UAI',
  resourceTitle: () => t('orderImportFieldResourceTitle'),
  ark: () => 'ARK',
  ean: () => 'EAN',
  distributor: () => t('orderImportFieldDistributor'),
  quantity: () => t('orderImportFieldQuantity'),
  period: () => t('orderImportFieldPeriod'),
  reference: () => t('orderImportFieldReference'),
  createdAt: () => t('orderImportFieldCreatedAt'),
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
  if (!has('resourceTitle')) missing.push(t('orderImportFieldResourceTitle'));
  if (!has('quantity') && !PROFILE_FIELDS.some(([field]) => has(field))) {
    missing.push(t('orderImportMissingQuantity'));
  }
  if (has('start') && !has('end')) missing.push(t('orderImportMissingEnd'));
  else if (has('end') && !has('start')) missing.push(t('orderImportMissingStart'));
  else if (!has('start') && !has('schoolYear') && !hasDefaultPeriod) {
    missing.push(t('orderImportMissingPeriodColumns'));
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
    return problem(t('orderImportCountUnreadable', label, text));
  }
  if (decimals.length === 3) {
    return problem(
      t(
        'orderImportCountAmbiguous',
        label,
        text,
        String(Number(`${whole}${decimals}`)),
        String(Number(whole)),
      ),
    );
  }
  if (/[^0]/.test(decimals)) {
    return problem(t('orderImportCountDecimals', label, text));
  }
  return ok(Number(whole));
}

function readQuantity(cell: Cells): Step<Licences> {
  const globalText = cell('quantity');
  const filled = PROFILE_FIELDS.filter(([field]) => cell(field) !== '');
  if (globalText !== '' && filled.length > 0) {
    return problem(t('orderImportQuantityTwice'));
  }
  if (globalText !== '') {
    const count = readCount(t('orderImportFieldQuantity'), globalText);
    return count.ok ? ok({ kind: 'global', count: count.value }) : { ...count, field: 'quantity' };
  }
  if (filled.length === 0) return problem(t('orderImportQuantityMissing'));
  const counts: Partial<Record<Profil, LicenceCount>> = {};
  for (const [field, profil, label] of filled) {
    const count = readCount(t(label), cell(field));
    if (!count.ok) return { ...count, field };
    counts[profil] = count.value;
  }
  return ok({ kind: 'parProfil', counts });
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
  if (start === '') return problem(t('orderImportStartMissing'), 'start');
  if (end === '') return problem(t('orderImportEndMissing'), 'end');
  const startDay = readDate(start);
  if (startDay === undefined) return problem(t('orderImportStartUnreadable', start), 'start');
  const endDay = readDate(end);
  if (endDay === undefined) return problem(t('orderImportEndUnreadable', end), 'end');
  return ok({ start: startDay, end: endDay });
}

/** Dates when the line gives any, else its school year, else the period the RA chose for the file. */
function readPeriod(cell: Cells, defaultPeriod: OrderPeriod | undefined): Step<OrderPeriod> {
  const [start, end, year] = [cell('start'), cell('end'), cell('schoolYear')];
  if (start !== '' || end !== '') return readDates(start, end);
  if (year !== '') {
    const schoolYear = readSchoolYear(year);
    return schoolYear === undefined
      ? problem(t('orderImportSchoolYearUnreadable', year), 'schoolYear')
      : ok({ schoolYear });
  }
  return defaultPeriod === undefined ? problem(t('orderImportPeriodMissing')) : ok(defaultPeriod);
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
      : problem(t('orderImportEanCheckDigit', text));
  }
  if (/^\d{9}[\dX]$/.test(compact)) {
    if (!validIsbn10(compact)) return problem(t('orderImportIsbnCheckDigit', text));
    const first12 = `978${compact.slice(0, 9)}`;
    return ok(`${first12}${ean13CheckDigit(first12)}`);
  }
  return problem(t('orderImportEanUnreadable', text));
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
  if (title === '') return problem(t('orderImportTitleMissing'), 'resourceTitle');
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
  // The schema stays the last word (lengths, UAI, period order), with the field named in the RA's words.
  const parsed = parseWith(expectedOrderSchema, draft);
  if (parsed.ok) return ok(parsed.data);
  const field = parsed.path.split(/[.[]/)[0] ?? '';
  const label = FIELD_LABELS[field]?.() ?? parsed.path;
  return problem(t('orderImportLabelled', label, parsed.message), schemaField(parsed.path));
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
    const message = t('orderImportMissingColumns', missing.join(', '));
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
      result.errors.push({
        line,
        message: t('orderImportLabelled', where, order.message),
        reason: order.message,
      });
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
  const line = String(earlier.tag);
  return problem(
    order.reference === undefined
      ? t('orderImportSamePeriodTwice', line)
      : t('orderImportSameOrderTwice', order.reference, line),
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
  if (column === undefined) return t('orderImportLine', String(line));
  return t('orderImportLineColumn', String(line), columnLetters(column), headers[column] ?? '');
}
