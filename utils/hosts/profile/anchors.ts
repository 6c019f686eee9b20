/**
 * How an anchor's alternatives (./schema.ts) become the CSS the adapters and observers use. Kept
 * apart from ./active.ts, which reads the sites' tables, so the sites' page readers can resolve
 * the column anchors without an import cycle.
 */
import { foldCaseAndAccents } from '../../gar/fold';
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
 * One alternative as CSS: the observers and queries all take selectors. A column is found by its
 * header in `root`'s rendered tables; without them (or without that header) it matches nothing.
 */
export function cssOfAlternative(alternative: Alternative, root?: ParentNode): string {
  if ('css' in alternative) return alternative.css;
  if ('colonne' in alternative) return cssOfColumn(alternative, root);
  const native = NATIVE_ROLES[alternative.role];
  const hasRole = native ? `:is([role="${alternative.role}"], ${native})` : `[role="${alternative.role}"]`;
  return alternative.nom === undefined ? hasRole : `${hasRole}[aria-label="${cssString(alternative.nom)}"]`;
}

/** An anchor's alternatives as one selector list: the page matches whichever it uses. */
export function cssOfAlternatives(alternatives: readonly Alternative[], root?: ParentNode): string {
  return alternatives.map((alternative) => cssOfAlternative(alternative, root)).join(', ');
}

const MATCHES_NOTHING = ':not(*)';
const ANY_TABLE = 'table, [role="table"], [role="grid"]';
const COLUMN_HEADER = 'th:not([scope="row"]), [role="columnheader"]';

/** The cells under the header `colonne` names, as `:nth-child` of the body's rows. */
function cssOfColumn({ colonne, dans = ANY_TABLE }: ColumnAlternative, root: ParentNode | undefined): string {
  const position = root ? columnPosition(root, dans, colonne) : null;
  if (position === null) return MATCHES_NOTHING;
  const cell = `:nth-child(${position})`;
  return `:is(${dans}) tbody > tr > ${cell}, :is(${dans}) [role="row"]:not(:has(> [role="columnheader"])) > ${cell}`;
}

/** Where the header reading `colonne` (case and accents ignored) sits in its row, from 1. */
function columnPosition(root: ParentNode, tables: string, colonne: string): number | null {
  const wanted = foldCaseAndAccents(colonne.trim());
  for (const table of root.querySelectorAll(tables)) {
    for (const header of table.querySelectorAll(COLUMN_HEADER)) {
      const text = foldCaseAndAccents((header.textContent ?? '').replace(/\s+/g, ' ').trim());
      if (text === wanted && header.parentElement)
        return [...header.parentElement.children].indexOf(header) + 1;
    }
  }
  return null;
}

/**
 * The anchors a calibration names by column, by table: their CSS depends on the page's table, so
 * it is computed again once each view has rendered (resolveColumnAnchors).
 */
const anchorsByColumn = new Map<Record<string, string>, Map<string, readonly Alternative[]>>();

export function registerColumnAnchors(
  table: Record<string, string>,
  anchors: Iterable<[string, readonly Alternative[]]>,
): void {
  anchorsByColumn.set(table, new Map(anchors));
}

export function clearColumnAnchors(): void {
  anchorsByColumn.clear();
}

/** Computes the CSS of the anchors named by column against the view `root` shows now. */
export function resolveColumnAnchors(root: ParentNode): void {
  for (const [table, anchors] of anchorsByColumn) {
    for (const [anchor, alternatives] of anchors) table[anchor] = cssOfAlternatives(alternatives, root);
  }
}

function cssString(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}
