import { numberFormat, t } from '../i18n';

/**
 * How big a table an import accepts, whatever its format (CSV or XLSX): checked on the table's
 * shape before any row is padded or any cell is read into a record. Padding ragged rows to the
 * widest one costs rows × columns: a 58 KB CSV whose single line has 20,000 fields would otherwise
 * become 400 million cells. Real exports (orders from a distributor or the accountant, the
 * portail's statistics) have 5 to 30 columns and a few thousand lines.
 */

/** Lines of data; above this, an export is surely something else. */
export const MAX_IMPORT_ROWS = 20_000;
/** Ten times the widest real export: enough for a sheet with notes on its right. */
export const MAX_IMPORT_COLUMNS = 200;
/** Every line of the largest file accepted (MAX_IMPORT_ROWS) with 50 columns. */
export const MAX_IMPORT_CELLS = 1_000_000;

const count = (value: number): string => numberFormat().format(value);

/** The refusal of a table longer than MAX_IMPORT_ROWS. */
export const tooManyRowsMessage = (): string => t('tableLimitsTooManyRows', count(MAX_IMPORT_ROWS));

/** The refusal for a table of `rows` lines (header included) and `columns` columns, if it is too big. */
export function tableShapeProblem(rows: number, columns: number): string | undefined {
  if (columns > MAX_IMPORT_COLUMNS) {
    return t('tableLimitsTooManyColumns', count(columns), count(MAX_IMPORT_COLUMNS));
  }
  if (rows * columns > MAX_IMPORT_CELLS) {
    return t('tableLimitsTooManyCells', count(rows), count(columns));
  }
  return undefined;
}
