import { type MessageKey, t, tn } from '../i18n';
import type { Profil } from './abonnement';
import { foldHeader, isBlankRow, MAX_IMPORT_BYTES, noDataRowMessage, readCsv, readDate } from './table-file';
import type { UsageRow } from './usage-row';

/**
 * Importing the portail GAR's statistics export (issue 8): `statistiques-<UAI>.csv`, one line per
 * resource × month × profile with its accès and distinct users. The file may come straight from
 * the portail (UTF-8 with BOM, `;`, CRLF, wire names) or after a trip through Excel (Windows-1252,
 * French headers, months turned into « sept.-25 » or « 01/09/2025 », « 1 234 »). Reading the bytes
 * is table-file's `readCsv`; this module recognises the columns and checks every line. A line
 * with a problem is reported with its spreadsheet number and never imported halfway; the others
 * are returned so the RA can decide. Cells stay text: a title starting with `=` is a title.
 */

export interface UsageLineError {
  /** The spreadsheet line (header = 1). */
  ligne: number;
  message: string;
}

export type UsageImport =
  | {
      ok: true;
      rows: UsageRow[];
      errors: UsageLineError[];
      /** Months of the valid lines, distinct, sorted. */
      mois: string[];
      /** Distinct resources of the valid lines. */
      ressources: number;
      /** The UAI the file's name carries (`statistiques-0561622J.csv`), uppercased. */
      uaiDuNom?: string;
      encoding: 'utf-8' | 'windows-1252';
    }
  | { ok: false; message: string };

// ---------------------------------------------------------------------------------------------
// Whole-file refusals (the rest come from readCsv)

/** Above this the file is refused before reading (the UI checks `File.size` against it first). */
export const MAX_USAGE_IMPORT_BYTES = MAX_IMPORT_BYTES;

/** The refusal of a file above MAX_USAGE_IMPORT_BYTES. */
export const usageFileTooLargeMessage = (): string =>
  t('usageImportTooLarge', String(MAX_USAGE_IMPORT_BYTES / 1024 / 1024));

/** ZIP (XLSX, ODS) and OLE (legacy XLS) signatures. */
const SPREADSHEET_SIGNATURES: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04],
  [0xd0, 0xcf, 0x11, 0xe0],
];

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

// ---------------------------------------------------------------------------------------------
// Columns

type Field = 'id' | 'titre' | 'mois' | 'profil' | 'acces' | 'utilisateurs';
type Columns = Partial<Record<Field, number>>;

/**
 * Tested on the header folded (accents, case) and compacted (no spaces, apostrophes, punctuation):
 * « Nombre d’accès » → « nombredacces ». The wire names and the portail page's French labels.
 */
const HEADER_RULES: ReadonlyArray<readonly [Field, RegExp]> = [
  ['id', /^(id|identifiant|ark)(de)?(la)?(ressources?)?$/],
  ['titre', /^(libelle|titre|nom|intitule)(de)?(la)?(ressources?)?$|^ressources?$/],
  ['mois', /^mois/],
  ['profil', /^profils?(utilisateurs?)?$/],
  ['acces', /^(nombre|nbre|nb)?(de|d)?acces(nombre)?$/],
  ['utilisateurs', /^(nombre|nbre|nb)?(de|d)?utilisateurs?(distincts?|uniques?)?$/],
];

/** Each field takes the first column that matches it; each column serves one field. */
function findColumns(headers: readonly string[]): Columns {
  const columns: Columns = {};
  headers.forEach((header, index) => {
    const compact = foldHeader(header).replace(/ /g, '');
    const rule = HEADER_RULES.find(
      ([field, pattern]) => columns[field] === undefined && pattern.test(compact),
    );
    if (rule !== undefined) columns[rule[0]] = index;
  });
  return columns;
}

/** The missing columns by their wire names, the ones the portail's export writes. */
function missingColumnsMessage(columns: Columns): string | undefined {
  const missing: string[] = [];
  if (columns.id === undefined && columns.titre === undefined) missing.push('idRessource');
  for (const field of ['mois', 'profil', 'acces', 'utilisateurs'] as const) {
    if (columns[field] === undefined) missing.push(field);
  }
  if (missing.length === 0) return undefined;
  const names = missing.map((name) => t('usageImportColumnName', name)).join(', ');
  return t(missing.length === 1 ? 'usageImportMissingColumn' : 'usageImportMissingColumns', names);
}

// ---------------------------------------------------------------------------------------------
// Cells

type Read<T> = { ok: true; value: T } | { ok: false; problem: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const problem = <T>(text: string): Read<T> => ({ ok: false, problem: text });

const pad2 = (value: number) => String(value).padStart(2, '0');

/** Excel's French month abbreviations (« sept. », « janv. », « déc. ») and full names, folded; English too. */
const MONTH_NAMES: Readonly<Record<string, number>> = {
  janvier: 1,
  janv: 1,
  jan: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  feb: 2,
  mars: 3,
  mar: 3,
  avril: 4,
  avr: 4,
  apr: 4,
  mai: 5,
  may: 5,
  juin: 6,
  jun: 6,
  juillet: 7,
  juil: 7,
  jul: 7,
  aout: 8,
  aou: 8,
  aug: 8,
  septembre: 9,
  sept: 9,
  sep: 9,
  octobre: 10,
  oct: 10,
  novembre: 11,
  nov: 11,
  decembre: 12,
  dec: 12,
};

/** Year and month as written, before range checks; undefined when no known shape fits. */
function monthParts(text: string): [year: number, month: number] | undefined {
  const isoMonth = /^(\d{4})[-/.](\d{1,2})$/.exec(text);
  if (isoMonth) return [Number(isoMonth[1]), Number(isoMonth[2])];
  const frenchMonth = /^(\d{1,2})[-/.](\d{4})$/.exec(text);
  if (frenchMonth) return [Number(frenchMonth[2]), Number(frenchMonth[1])];
  // « 01/09/2025 », « 2025-09-01 », « 2025-09-01 00:00:00 »: a real calendar day.
  const day = readDate(text);
  if (day !== undefined) return [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  // « sept.-25 », « janv-26 », « septembre 2025 »: folded to « sept 25 ».
  const named = /^([a-z]+) ?(\d{2}|\d{4})$/.exec(foldHeader(text));
  const month = named ? MONTH_NAMES[named[1] ?? ''] : undefined;
  if (named && month !== undefined) {
    const year = Number(named[2]);
    return [year < 100 ? 2000 + year : year, month];
  }
  return undefined;
}

/** The line's month as `YYYY-MM`, from the portail's form or what a spreadsheet made of it. */
function readMonth(text: string): Read<string> {
  if (text === '') return problem(t('usageImportMonthMissing'));
  const parts = monthParts(text);
  if (parts === undefined || parts[1] < 1 || parts[1] > 12) {
    return problem(t('usageImportMonthUnreadable', text));
  }
  const [year, month] = parts;
  if (year < 2000 || year > 2099) return problem(t('usageImportMonthOutOfRange', text));
  return ok(`${year}-${pad2(month)}`);
}

/** Wire values and French labels, singular or plural, folded and compacted. */
const PROFILES: Readonly<Record<string, Profil>> = {
  eleve: 'ELEVE',
  eleves: 'ELEVE',
  enseignant: 'ENSEIGNANT',
  enseignants: 'ENSEIGNANT',
  documentaliste: 'DOCUMENTALISTE',
  documentalistes: 'DOCUMENTALISTE',
  autrepersonnel: 'AUTRE PERSONNEL',
  autrespersonnels: 'AUTRE PERSONNEL',
  autrepersonnels: 'AUTRE PERSONNEL',
  autrespersonnel: 'AUTRE PERSONNEL',
};

function readProfile(text: string): Read<Profil> {
  if (text === '') return problem(t('usageImportProfileMissing'));
  const profil = PROFILES[foldHeader(text).replace(/ /g, '')];
  return profil === undefined ? problem(t('usageImportProfileUnknown', text)) : ok(profil);
}

/** Plain digits, or French thousands groups separated by a space, nbsp or narrow nbsp: « 1 234 ». */
const COUNT = /^(\d+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+)$/;

/** A count column's two refusals, in the words that name it. */
interface CountWords {
  missing: MessageKey;
  unreadable: MessageKey;
}

const ACCES_WORDS: CountWords = {
  missing: 'usageImportAccesMissing',
  unreadable: 'usageImportAccesUnreadable',
};
const USERS_WORDS: CountWords = {
  missing: 'usageImportUsersMissing',
  unreadable: 'usageImportUsersUnreadable',
};

function readCount(words: CountWords, text: string): Read<number> {
  if (text === '') return problem(t(words.missing));
  const count = COUNT.test(text) ? Number(text.replace(/[ \u00a0\u202f]/g, '')) : Number.NaN;
  return Number.isSafeInteger(count) ? ok(count) : problem(t(words.unreadable, text));
}

/** A line's problems in one sentence, separated as the language separates clauses (« ; » in French). */
const joinProblems = (list: string, next: string): string => t('usageImportProblemsJoin', list, next);

/** Line breaks typed inside a cell (Alt+Entrée) would break every list the title appears in. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

// ---------------------------------------------------------------------------------------------
// Lines

type Cell = (field: Field) => string;

interface LineResult {
  row?: UsageRow;
  problems: string[];
  /** Set when the resource, month and profile are readable, even if a count is not. */
  key: string | undefined;
}

function readLine(cell: Cell, hasId: boolean): LineResult {
  const problems: string[] = [];
  const title = oneLine(cell('titre'));
  const id = hasId ? cell('id') : title;
  if (id === '') problems.push(t('usageImportIdMissing'));
  const mois = readMonth(cell('mois'));
  const profil = readProfile(cell('profil'));
  const acces = readCount(ACCES_WORDS, cell('acces'));
  const utilisateurs = readCount(USERS_WORDS, cell('utilisateurs'));
  for (const read of [mois, profil, acces, utilisateurs]) if (!read.ok) problems.push(read.problem);
  if (acces.ok && utilisateurs.ok && utilisateurs.value > acces.value) {
    problems.push(tn(utilisateurs.value, 'usageImportMoreUsersThanAcces', String(acces.value)));
  }
  const key = id !== '' && mois.ok && profil.ok ? JSON.stringify([id, mois.value, profil.value]) : undefined;
  if (problems.length > 0 || !mois.ok || !profil.ok || !acces.ok || !utilisateurs.ok)
    return { problems, key };
  const row: UsageRow = {
    idRessource: id,
    libelleRessource: title === '' ? id : title,
    mois: mois.value,
    profil: profil.value,
    acces: acces.value,
    utilisateurs: utilisateurs.value,
  };
  return { problems, key, row };
}

/** The first `0561622J`-like run in a name, uppercased: the portail names its export after the school. */
function uaiFromName(fileName: string): string | undefined {
  return /\d{7}[A-Za-z]/.exec(fileName)?.[0].toUpperCase();
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/**
 * Reads a statistics export. Whole-file problems (not a CSV, empty, no data row, a required column
 * missing) give `ok: false` and a message in the user's language; line problems give `errors`,
 * one per line, each naming the line and the value (« ligne 3 : mois « 13/2025 » illisible (attendu AAAA-MM) »), and
 * the valid lines are still returned. Blank lines are skipped. A resource, month and profile seen
 * twice refuses the later line. Without an id column, the title is the id.
 */
export function readUsageExport(bytes: Uint8Array, fileName: string): UsageImport {
  if (bytes.length > MAX_USAGE_IMPORT_BYTES) return fail(usageFileTooLargeMessage());
  if (SPREADSHEET_SIGNATURES.some((signature) => startsWith(bytes, signature)))
    return fail(t('usageImportSpreadsheet'));
  const read = readCsv(bytes);
  if (!read.ok) return fail(read.message === noDataRowMessage() ? t('usageImportNoRow') : read.message);
  const { table } = read;
  const columns = findColumns(table.headers);
  const missing = missingColumnsMessage(columns);
  if (missing !== undefined) return fail(missing);

  const rows: UsageRow[] = [];
  const errors: UsageLineError[] = [];
  const firstLineOf = new Map<string, number>();
  table.rows.forEach((cells, index) => {
    if (isBlankRow(cells)) return;
    const ligne = index + 2;
    const cell: Cell = (field) => {
      const column = columns[field];
      return column === undefined ? '' : (cells[column] ?? '').trim();
    };
    const line = readLine(cell, columns.id !== undefined);
    const problems = [...line.problems];
    if (line.key !== undefined) {
      const first = firstLineOf.get(line.key);
      if (first === undefined) firstLineOf.set(line.key, ligne);
      else problems.push(t('usageImportDuplicate', String(first)));
    }
    if (problems.length > 0)
      errors.push({ ligne, message: t('usageImportLine', String(ligne), problems.reduce(joinProblems)) });
    else if (line.row !== undefined) rows.push(line.row);
  });

  const uaiDuNom = uaiFromName(fileName);
  return {
    ok: true,
    rows,
    errors,
    mois: [...new Set(rows.map((row) => row.mois))].sort(),
    ressources: new Set(rows.map((row) => row.idRessource)).size,
    ...(uaiDuNom === undefined ? {} : { uaiDuNom }),
    encoding: table.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8',
  };
}
