import Papa from 'papaparse';

/**
 * CSV that French Excel opens right: UTF-8 with a BOM (otherwise Excel reads Windows-1252), `;`
 * as separator (a French locale treats `,` as the decimal mark), CRLF line ends.
 */

const CRLF = '\r\n';

/**
 * Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return) get
 * a leading apostrophe, as OWASP advises: summaries and resource titles are text we did not write.
 * Papa's own default pattern ends in `.*$`, which misses a cell whose text spans several lines.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number;

/** One header line from the first row's keys, then one line per row. */
export function frenchExcelCsv(rows: Record<string, CsvCell>[]): string {
  return `\ufeff${Papa.unparse(rows, { delimiter: ';', newline: CRLF, escapeFormulae: FORMULA_START })}${CRLF}`;
}
