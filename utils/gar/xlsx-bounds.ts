import { numberFormat, t } from '../i18n';
import { tableShapeProblem } from './table-limits';
import { readZipDirectory, storedData, type ZipEntry, type ZipProblem } from './zip-directory';

/**
 * What an XLSX workbook would cost to read, checked before the XLSX reader (read-excel-file) sees
 * it. That reader inflates every XML part in memory, then builds the first sheet as rows padded to
 * the widest: a 52 KB workbook can inflate to hundreds of megabytes, and a few kilobytes of XML
 * (one cell at row 1,048,576, another at column XFD) can ask for billions of cells. So:
 * 1. the central directory (zip-directory.ts) gives each part's declared size — the unzipper
 *    allocates exactly that — and the number of parts, refused above the bounds below;
 * 2. each XML part is inflated here under its declared size (a part inflating to more is a
 *    forged archive) and scanned for the sheet's extent (last row × last column), refused above
 *    the table bounds (table-limits.ts) before any row is built.
 * Bounds chosen for real order exports (a few thousand lines, 10 to 30 columns: a sheet of 1 to
 * 5 MB of XML) with a wide margin.
 */

/** A workbook has 10 to 30 parts; hundreds of sheets or images are no order export. */
export const MAX_XLSX_ENTRIES = 500;
/** Any single part, sheet or shared strings: 20,000 lines of 20 cells take about 16 MB of XML. */
export const MAX_XLSX_ENTRY_BYTES = 16 * 1024 * 1024;
/** Every part together, once inflated. */
export const MAX_XLSX_INFLATED_BYTES = 32 * 1024 * 1024;

/** The refusal of bytes that are no workbook the reader could read. */
export const xlsxNotReadableMessage = (): string => t('xlsxBoundsNotReadable');

const megabytes = (bytes: number): string => numberFormat().format(Math.round(bytes / 1024 / 1024));

function directoryProblemMessage(problem: Exclude<ZipProblem, 'notZip'>): string {
  switch (problem) {
    case 'damaged':
      return xlsxNotReadableMessage();
    case 'zip64':
      return t('xlsxBoundsZip64');
    case 'multiDisk':
      return t('xlsxBoundsMultiDisk');
    case 'tooManyEntries':
      return t('xlsxBoundsTooManyEntries', String(MAX_XLSX_ENTRIES));
  }
}

function inflatedTooLarge(bytes: number, limit: number): string {
  return t('xlsxBoundsInflatedTooLarge', megabytes(bytes), megabytes(limit));
}

/** The parts the XLSX reader inflates (read-excel-file keeps `.xml` and `.xml.rels` only). */
const isXmlPart = (entry: ZipEntry): boolean => /\.xml(\.rels)?$/i.test(entry.name);

/** Checks on the declared sizes alone: nothing inflated yet. */
function declaredSizeProblem(entries: readonly ZipEntry[]): string | undefined {
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > MAX_XLSX_INFLATED_BYTES) return inflatedTooLarge(total, MAX_XLSX_INFLATED_BYTES);
  const largest = entries.find((entry) => entry.uncompressedSize > MAX_XLSX_ENTRY_BYTES);
  if (largest !== undefined) return inflatedTooLarge(largest.uncompressedSize, MAX_XLSX_ENTRY_BYTES);
  return undefined;
}

/** A one-chunk stream of `bytes` (Blob would do too, but is less certain in every test runtime). */
function streamOf(bytes: Uint8Array): ReadableStream<BufferSource> {
  return new ReadableStream<BufferSource>({
    start(controller) {
      // Our bytes come from a File or a test, never from shared memory.
      controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
      controller.close();
    },
  });
}

/**
 * A deflated part inflated by the platform's DecompressionStream (browsers, workers, Node), read
 * chunk by chunk and abandoned as soon as it passes `limit`: undefined when it does, or when the
 * data is not valid deflate.
 */
async function inflateAtMost(compressed: Uint8Array, limit: number): Promise<Uint8Array | undefined> {
  const reader = streamOf(compressed).pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.length;
      if (length > limit) {
        await reader.cancel();
        return undefined;
      }
      chunks.push(value);
    }
  } catch {
    return undefined;
  }
  const inflated = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    inflated.set(chunk, at);
    at += chunk.length;
  }
  return inflated;
}

async function partContent(bytes: Uint8Array, entry: ZipEntry): Promise<Uint8Array | undefined> {
  const stored = storedData(bytes, entry);
  if (entry.method === 0) return stored.length <= entry.uncompressedSize ? stored : undefined;
  if (entry.method === 8) return inflateAtMost(stored, entry.uncompressedSize);
  return undefined;
}

/**
 * Why an XLSX file must not be handed to the reader, in the user's language, or undefined when it may be.
 * Bytes that are no ZIP archive at all are left to the reader, which names them (empty file,
 * legacy .xls, not a workbook).
 */
export async function xlsxBoundsProblem(bytes: Uint8Array): Promise<string | undefined> {
  const directory = readZipDirectory(bytes, MAX_XLSX_ENTRIES);
  if (!directory.ok)
    return directory.problem === 'notZip' ? undefined : directoryProblemMessage(directory.problem);
  const declared = declaredSizeProblem(directory.entries);
  if (declared !== undefined) return declared;
  for (const entry of directory.entries.filter(isXmlPart)) {
    const content = await partContent(bytes, entry);
    if (content === undefined) return xlsxNotReadableMessage();
    const extent = sheetExtent(content);
    // A reference the scan could not read (an entity, a range) is no number to show the RA.
    if (!Number.isFinite(extent.rows) || !Number.isFinite(extent.columns)) return xlsxNotReadableMessage();
    const shape = tableShapeProblem(extent.rows, extent.columns);
    if (shape !== undefined) return shape;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The extent of a sheet's XML

export interface SheetExtent {
  /** The last row number a `<row>` or `<c>` reaches. */
  rows: number;
  /** The last column number a `<c>` reaches (A = 1). */
  columns: number;
}

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const COLON = 0x3a;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const isSpace = (byte: number | undefined): boolean =>
  byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

interface StartTag {
  /** Local name (`x:row` → `row`). */
  name: string;
  /** The `r` attribute's raw value, if any. */
  r: string | undefined;
  /** Index just after the tag's `>`. */
  end: number;
}

const ASCII = new TextDecoder('latin1');
const text = (xml: Uint8Array, from: number, to: number): string => ASCII.decode(xml.subarray(from, to));

/** Skips an attribute's quoted value from its opening quote; returns the index after the closing one. */
function afterQuoted(xml: Uint8Array, at: number): number {
  const quote = xml[at];
  const close = xml.indexOf(quote ?? QUOTE, at + 1);
  return close === -1 ? xml.length : close + 1;
}

function skipSpaces(xml: Uint8Array, at: number): number {
  let i = at;
  while (isSpace(xml[i])) i++;
  return i;
}

/** One `name="value"` from `at`; `value` undefined when the attribute is malformed. */
function readAttribute(xml: Uint8Array, at: number): { name: string; value?: string; next: number } {
  let i = at;
  while (i < xml.length && xml[i] !== EQUALS && xml[i] !== GT && !isSpace(xml[i])) i++;
  const name = text(xml, at, i);
  i = skipSpaces(xml, i);
  if (xml[i] !== EQUALS) return { name, next: i };
  i = skipSpaces(xml, i + 1);
  if (xml[i] !== QUOTE && xml[i] !== APOSTROPHE) return { name, next: i };
  const next = afterQuoted(xml, i);
  return { name, value: text(xml, i + 1, next - 1), next };
}

/** The `r` attribute of the start tag whose attributes begin at `at`, and where the tag ends. */
function readAttributes(xml: Uint8Array, at: number): { r: string | undefined; end: number } {
  let r: string | undefined;
  let i = at;
  while (i < xml.length) {
    i = skipSpaces(xml, i);
    const byte = xml[i];
    if (byte === GT) return { r, end: i + 1 };
    if (byte === SLASH || byte === undefined) {
      i++;
      continue;
    }
    const attribute = readAttribute(xml, i);
    if (attribute.name === 'r' && attribute.value !== undefined) r = attribute.value;
    // A malformed attribute still moves on, so the scan always ends.
    i = attribute.next > i ? attribute.next : i + 1;
  }
  return { r, end: xml.length };
}

/** The start tag at `at` (an `<`), or undefined for an end tag, a comment or a declaration. */
function readStartTag(xml: Uint8Array, at: number): StartTag | undefined {
  const first = xml[at + 1];
  if (first === undefined || first === SLASH || first === 0x21 || first === 0x3f) return undefined; // ! ?
  let i = at + 1;
  let localStart = i;
  while (i < xml.length && xml[i] !== GT && xml[i] !== SLASH && !isSpace(xml[i])) {
    if (xml[i] === COLON) localStart = i + 1;
    i++;
  }
  const name = text(xml, localStart, i);
  // Attributes are read for the two elements that place cells; other tags are skipped fast.
  if (name !== 'row' && name !== 'c') return { name, r: undefined, end: i };
  const { r, end } = readAttributes(xml, i);
  return { name, r, end };
}

/** « AB12 » → column 28, row 12; anything else (an entity, a range) reads as off the sheet. */
function cellAddress(ref: string): { column: number; row: number } {
  const match = /^([A-Za-z]{1,7})(\d{1,10})$/.exec(ref);
  if (!match) return { column: Number.POSITIVE_INFINITY, row: Number.POSITIVE_INFINITY };
  let column = 0;
  for (const letter of (match[1] ?? '').toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { column, row: Number(match[2]) };
}

const rowNumber = (ref: string): number => (/^\d{1,10}$/.test(ref) ? Number(ref) : Number.POSITIVE_INFINITY);

/**
 * How far a sheet's XML reaches, as the reader would place its cells: a `<row>` is its `r`, or
 * the previous row + 1; a `<c>` is its `r` (« B7 »), or the previous cell of its row + 1. This is
 * a bounds check, not a reader: it errs on the large side — a tag inside a comment still counts, a
 * drawing's `<xdr:row>` counts as a row, an `r` it cannot read counts as infinitely far — so it can
 * refuse a strange file but never under-count one. Any XML part can be given (the sheet's path
 * comes from the workbook's relations, which a forged file can point anywhere).
 */
export function sheetExtent(xml: Uint8Array): SheetExtent {
  let rows = 0;
  let columns = 0;
  let row = 0;
  let column = 0;
  let at = xml.indexOf(LT);
  while (at !== -1) {
    const tag = readStartTag(xml, at);
    if (tag?.name === 'row') {
      row = tag.r === undefined ? row + 1 : rowNumber(tag.r);
      column = 0;
      rows = Math.max(rows, row);
    } else if (tag?.name === 'c') {
      const address = tag.r === undefined ? { column: column + 1, row } : cellAddress(tag.r);
      column = address.column;
      columns = Math.max(columns, column);
      rows = Math.max(rows, address.row);
    }
    at = xml.indexOf(LT, tag === undefined ? at + 1 : tag.end);
  }
  return { rows, columns };
}
