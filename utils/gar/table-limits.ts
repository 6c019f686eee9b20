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

const count = (value: number): string => new Intl.NumberFormat('fr-FR').format(value);

export const TOO_MANY_ROWS = `Le fichier dépasse ${count(MAX_IMPORT_ROWS)} lignes : découpez-le en plusieurs fichiers.`;

/** The refusal for a table of `rows` lines (header included) and `columns` columns, if it is too big. */
export function tableShapeProblem(rows: number, columns: number): string | undefined {
  if (columns > MAX_IMPORT_COLUMNS) {
    return `Le fichier compte ${count(columns)} colonnes, au-delà des ${count(MAX_IMPORT_COLUMNS)} acceptées : ce n’est sans doute pas le bon fichier.`;
  }
  if (rows * columns > MAX_IMPORT_CELLS) {
    return `Le fichier compte ${count(rows)} lignes sur ${count(columns)} colonnes, plus que le million de cellules accepté : découpez-le en plusieurs fichiers ou retirez les colonnes inutiles.`;
  }
  return undefined;
}
