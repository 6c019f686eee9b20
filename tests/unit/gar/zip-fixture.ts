import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Hand-made ZIP archives for the hostile-file tests: real local headers, central directory and
 * End Of Central Directory record, with the sizes each entry declares open to forgery.
 */

export interface FixtureEntry {
  name: string;
  content: Uint8Array | string;
  /** Stored (method 0) rather than deflated. */
  stored?: boolean;
  /** The uncompressed size the central directory claims, when it must lie. */
  declaredSize?: number;
  /** Overrides the compressed size field (0xFFFFFFFF marks ZIP64). */
  declaredCompressedSize?: number;
}

const encoder = new TextEncoder();
const bytesOf = (content: Uint8Array | string): Uint8Array =>
  typeof content === 'string' ? encoder.encode(content) : content;

function u16(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff];
}
function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

export function buildZip(
  entries: readonly FixtureEntry[],
  options: { entryCount?: number } = {},
): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = bytesOf(entry.content);
    const data = entry.stored ? raw : new Uint8Array(deflateRawSync(raw));
    const name = encoder.encode(entry.name);
    const method = entry.stored ? 0 : 8;
    const crc = crc32(raw);
    const size = entry.declaredSize ?? raw.length;
    const compressed = entry.declaredCompressedSize ?? data.length;
    const common = [...u16(20), ...u16(0), ...u16(method), ...u16(0), ...u16(0x21), ...u32(crc)];
    const local = Uint8Array.from([
      ...u32(0x04034b50),
      ...common,
      ...u32(data.length),
      ...u32(size),
      ...u16(name.length),
      ...u16(0),
    ]);
    central.push(
      Uint8Array.from([
        ...u32(0x02014b50),
        ...u16(20),
        ...common,
        ...u32(compressed),
        ...u32(size),
        ...u16(name.length),
        ...u16(0),
        ...u16(0),
        ...u16(0),
        ...u16(0),
        ...u32(0),
        ...u32(offset),
        ...name,
      ]),
    );
    parts.push(local, name, data);
    offset += local.length + name.length + data.length;
  }
  const directorySize = central.reduce((sum, part) => sum + part.length, 0);
  const count = options.entryCount ?? entries.length;
  const end = Uint8Array.from([
    ...u32(0x06054b50),
    ...u16(0),
    ...u16(0),
    ...u16(count),
    ...u16(count),
    ...u32(directorySize),
    ...u32(offset),
    ...u16(0),
  ]);
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of all) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const WORKBOOK_PARTS: readonly FixtureEntry[] = [
  {
    name: '[Content_Types].xml',
    content:
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  },
  {
    name: '_rels/.rels',
    content:
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  },
  {
    name: 'xl/workbook.xml',
    content:
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Commandes" sheetId="1" r:id="rId1"/></sheets></workbook>',
  },
  {
    name: 'xl/_rels/workbook.xml.rels',
    content:
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  },
];

/** An inline-string cell: no shared strings part needed. */
const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** A one-sheet workbook whose sheet XML is `sheetData` (its `<row>` elements). */
export function workbook(sheetData: string, sheet: Partial<FixtureEntry> = {}): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`;
  return buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', content: xml, ...sheet }]);
}

/** Rows of inline-string cells, « A1 », « B1 »… */
export function rowsXml(rows: readonly (readonly string[])[]): string {
  const letter = (i: number) => String.fromCharCode(65 + i);
  return rows
    .map(
      (row, r) =>
        `<row r="${r + 1}">${row.map((text, c) => cell(`${letter(c)}${r + 1}`, text)).join('')}</row>`,
    )
    .join('');
}

/**
 * A zip bomb: a small workbook whose sheet inflates to `inflatedBytes` (spaces inside the sheet,
 * deflated at about 1,000 to 1), declared honestly in the central directory.
 */
export function bombWorkbook(inflatedBytes: number): Uint8Array {
  const head = encoder.encode(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  const tail = encoder.encode(`${rowsXml([['Titre', 'Quantité']])}</sheetData></worksheet>`);
  const xml = new Uint8Array(inflatedBytes).fill(0x20);
  xml.set(head, 0);
  xml.set(tail, inflatedBytes - tail.length);
  return buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', content: xml }]);
}
