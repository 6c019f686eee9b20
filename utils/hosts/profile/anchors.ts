/**
 * How an anchor's alternatives (./schema.ts) become the CSS the adapters and observers use, and
 * how the cells of a column named by its header are found in the page.
 */
import { foldCaseAndAccents } from '../../gar/fold';
import { observe } from '../../observe';
import type { Alternative, ColumnAlternative } from './schema';

/** Elements that carry an ARIA role natively, so `{ role: 'table' }` also finds a plain <table>. */
const NATIVE_ROLES: Readonly<Record<string, string>> = {
  button: 'button',
  cell: 'td',
  columnheader: 'th',
  combobox: 'select',
  form: 'form',
  heading: 'h1, h2, h3, h4, h5, h6',
  link: 'a[href]',
  list: 'ul, ol',
  listitem: 'li',
  main: 'main',
  navigation: 'nav',
  row: 'tr',
  rowheader: 'th[scope="row"]',
  table: 'table',
};

/**
 * One alternative of `anchor` as CSS: the observers and queries all take selectors. A column is
 * found through the mark watchColumnAnchors sets on its cells.
 */
export function cssOfAlternative(alternative: Alternative, anchor: string): string {
  if ('css' in alternative) return alternative.css;
  if ('colonne' in alternative) return `:is(${alternative.dans ?? ANY_TABLE}) [${COLUMN_MARK}~="${anchor}"]`;
  const native = NATIVE_ROLES[alternative.role];
  const hasRole = native ? `:is([role="${alternative.role}"], ${native})` : `[role="${alternative.role}"]`;
  return alternative.nom === undefined ? hasRole : `${hasRole}[aria-label="${cssString(alternative.nom)}"]`;
}

/** An anchor's alternatives as one selector list: the page matches whichever it uses. */
export function cssOfAlternatives(alternatives: readonly Alternative[], anchor: string): string {
  return alternatives.map((alternative) => cssOfAlternative(alternative, anchor)).join(', ');
}

function cssString(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}

/**
 * Cells found by their column's header carry the names of the anchors they stand for in this
 * attribute. CSS cannot match a header's text, and the console renders its tables after the view
 * has settled and again at each sort or filter: marking each row as it appears keeps the anchors
 * static selectors, which the helpers' observers follow like any other.
 */
const COLUMN_MARK = 'data-cg-colonne';
const ANY_TABLE = 'table, [role="table"], [role="grid"]';
const COLUMN_HEADER = 'th:not([scope="row"]), [role="columnheader"]';
const BODY_ROWS = ['tbody > tr', '[role="row"]:not(:has(> [role="columnheader"]))'];

/** The anchors the calibration in use names by column (set by ./active.ts). */
const columnAnchors: { anchor: string; column: ColumnAlternative }[] = [];

export function registerColumnAnchors(anchor: string, alternatives: readonly Alternative[]): void {
  for (const alternative of alternatives) {
    if ('colonne' in alternative) columnAnchors.push({ anchor, column: alternative });
  }
}

export function clearColumnAnchors(): void {
  columnAnchors.length = 0;
}

/** Marks, for as long as `signal` lasts, the cells of each column anchor in `root`'s tables, row by row as they render. */
export function watchColumnAnchors(root: Document, signal: AbortSignal): void {
  for (const { anchor, column } of columnAnchors) {
    for (const row of BODY_ROWS) {
      try {
        observe(`:is(${column.dans ?? ANY_TABLE}) ${row}`, (found) => markColumnCell(found, anchor, column), {
          signal,
          root,
        });
      } catch {
        // A browser without `:has()` refuses the ARIA rows' selector: native tables are still
        // marked, and an anchor left unmatched is reported by its helper like any other.
      }
    }
  }
}

function markColumnCell(
  row: Element,
  anchor: string,
  { colonne, dans = ANY_TABLE }: ColumnAlternative,
): void {
  const table = row.closest(dans);
  const position = table ? columnPosition(table, colonne) : null;
  const cell = position === null ? undefined : row.children[position];
  if (!cell) return;
  const marks = new Set((cell.getAttribute(COLUMN_MARK) ?? '').split(' ').filter(Boolean));
  cell.setAttribute(COLUMN_MARK, [...marks.add(anchor)].join(' '));
}

/** Where the header reading `colonne` (case, accents and spacing ignored) sits in its row, from 0. */
function columnPosition(table: Element, colonne: string): number | null {
  const wanted = foldHeader(colonne);
  for (const header of table.querySelectorAll(COLUMN_HEADER)) {
    if (foldHeader(header.textContent ?? '') === wanted && header.parentElement) {
      return [...header.parentElement.children].indexOf(header);
    }
  }
  return null;
}

function foldHeader(text: string): string {
  return foldCaseAndAccents(text.replace(/\s+/g, ' ').trim());
}
