/**
 * The table of contents of a ZIP archive (an XLSX workbook is one), read without decompressing
 * anything: what each entry says it will weigh once inflated. A 50 KB workbook can inflate to
 * gigabytes (a « zip bomb »); the unzipper the XLSX reader uses (fflate) sizes each entry's output
 * from these very central-directory fields, so checking them bounds what it will allocate.
 *
 * Layout (PKWARE APPNOTE 6.3.10, little-endian):
 * - the End Of Central Directory record (EOCD, signature 50 4B 05 06) closes the file, followed
 *   only by an optional comment of at most 65,535 bytes; it gives the number of entries and where
 *   the central directory starts;
 * - the central directory holds one 46-byte header per entry (signature 50 4B 01 02) followed by
 *   its name, extra field and comment; it gives the method, both sizes and the offset of the
 *   entry's local header;
 * - each local header (signature 50 4B 03 04, 30 bytes + name + extra) precedes the entry's data.
 * ZIP64 (sizes or counts too large for these fields, marked 0xFFFF / 0xFFFFFFFF) is refused: no
 * order export needs gigabytes, and reading its extra records would only widen what we trust.
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else the XLSX reader cannot inflate. */
  method: number;
  compressedSize: number;
  /** As the central directory declares it: the size the unzipper will allocate. */
  uncompressedSize: number;
  /** Where the entry's (compressed) data starts in the archive. */
  dataOffset: number;
}

export type ZipProblem = 'notZip' | 'damaged' | 'zip64' | 'multiDisk' | 'tooManyEntries';

export type ZipDirectory = { ok: true; entries: ZipEntry[] } | { ok: false; problem: ZipProblem };

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_SIZE = 30;
/** A 16-bit count or a 32-bit size or offset set to all ones means « see the ZIP64 record ». */
const ZIP64_COUNT = 0xffff;
const ZIP64_SIZE = 0xffffffff;

const u16 = (bytes: Uint8Array, at: number): number => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
// `>>> 0` keeps a 32-bit value unsigned (a size of 3 GB must not read as negative).
const u32 = (bytes: Uint8Array, at: number): number =>
  ((bytes[at] ?? 0) |
    ((bytes[at + 1] ?? 0) << 8) |
    ((bytes[at + 2] ?? 0) << 16) |
    ((bytes[at + 3] ?? 0) << 24)) >>>
  0;

/** The EOCD's offset: searched backwards, since a comment of unknown length may follow it. */
function findEndOfCentralDirectory(bytes: Uint8Array): number | undefined {
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    // The comment length must reach the file's end exactly: a stray signature inside a comment
    // (or inside compressed data) would not.
    if (u32(bytes, at) === EOCD_SIGNATURE && at + EOCD_SIZE + u16(bytes, at + 20) === bytes.length) return at;
  }
  return undefined;
}

interface EndRecord {
  entryCount: number;
  directoryOffset: number;
  directorySize: number;
}

function readEndRecord(bytes: Uint8Array, eocd: number): EndRecord | ZipProblem {
  const [thisDisk, directoryDisk] = [u16(bytes, eocd + 4), u16(bytes, eocd + 6)];
  const [entriesHere, entryCount] = [u16(bytes, eocd + 8), u16(bytes, eocd + 10)];
  const [directorySize, directoryOffset] = [u32(bytes, eocd + 12), u32(bytes, eocd + 16)];
  const hasZip64Locator =
    eocd >= ZIP64_LOCATOR_SIZE && u32(bytes, eocd - ZIP64_LOCATOR_SIZE) === ZIP64_LOCATOR_SIGNATURE;
  if (
    hasZip64Locator ||
    entryCount === ZIP64_COUNT ||
    directorySize === ZIP64_SIZE ||
    directoryOffset === ZIP64_SIZE
  ) {
    return 'zip64';
  }
  if (thisDisk !== 0 || directoryDisk !== 0 || entriesHere !== entryCount) return 'multiDisk';
  if (directoryOffset + directorySize > eocd) return 'damaged';
  return { entryCount, directoryOffset, directorySize };
}

/** Where an entry's data starts: after its local header, whose name and extra lengths may differ. */
function dataOffsetOf(bytes: Uint8Array, localOffset: number): number | undefined {
  if (localOffset + LOCAL_SIZE > bytes.length || u32(bytes, localOffset) !== LOCAL_SIGNATURE)
    return undefined;
  return localOffset + LOCAL_SIZE + u16(bytes, localOffset + 26) + u16(bytes, localOffset + 28);
}

const NAME_DECODER = new TextDecoder('utf-8');

/** One central-directory header at `at`: the entry and where the next header starts. */
function readCentralHeader(bytes: Uint8Array, at: number): { entry: ZipEntry; next: number } | ZipProblem {
  if (at + CENTRAL_SIZE > bytes.length || u32(bytes, at) !== CENTRAL_SIGNATURE) return 'damaged';
  const compressedSize = u32(bytes, at + 20);
  const uncompressedSize = u32(bytes, at + 24);
  const [nameLength, extraLength, commentLength] = [
    u16(bytes, at + 28),
    u16(bytes, at + 30),
    u16(bytes, at + 32),
  ];
  const localOffset = u32(bytes, at + 42);
  if (compressedSize === ZIP64_SIZE || uncompressedSize === ZIP64_SIZE || localOffset === ZIP64_SIZE) {
    return 'zip64';
  }
  if (u16(bytes, at + 34) !== 0) return 'multiDisk';
  const nameStart = at + CENTRAL_SIZE;
  const dataOffset = dataOffsetOf(bytes, localOffset);
  if (dataOffset === undefined || dataOffset + compressedSize > bytes.length) return 'damaged';
  const entry: ZipEntry = {
    name: NAME_DECODER.decode(bytes.subarray(nameStart, nameStart + nameLength)),
    method: u16(bytes, at + 10),
    compressedSize,
    uncompressedSize,
    dataOffset,
  };
  return { entry, next: nameStart + nameLength + extraLength + commentLength };
}

/**
 * The entries a ZIP archive declares, from its central directory only (nothing is inflated).
 * Refuses more than `maxEntries` before reading them, ZIP64 and multi-volume archives, and any
 * header pointing outside the file.
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipDirectory {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd === undefined) return { ok: false, problem: 'notZip' };
  const end = readEndRecord(bytes, eocd);
  if (typeof end === 'string') return { ok: false, problem: end };
  if (end.entryCount > maxEntries) return { ok: false, problem: 'tooManyEntries' };
  const entries: ZipEntry[] = [];
  let at = end.directoryOffset;
  for (let i = 0; i < end.entryCount; i++) {
    const header = readCentralHeader(bytes, at);
    if (typeof header === 'string') return { ok: false, problem: header };
    entries.push(header.entry);
    at = header.next;
  }
  if (at > end.directoryOffset + end.directorySize) return { ok: false, problem: 'damaged' };
  return { ok: true, entries };
}

/** The entry's bytes as stored in the archive (still compressed when `method` is 8). */
export function storedData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  return bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
}
