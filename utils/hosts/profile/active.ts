/**
 * The host profile in use: the built-in model (the tables in ../console/page.ts, ../portail/page.ts
 * and ../endpoints.ts), with a fichier d'étalonnage laid over it entry by entry. The adapters read
 * those tables at each call, so applying a calibration before the features start calibrates them
 * all; nothing is fetched, nothing evaluated.
 */
import { CONSOLE_SELECTORS, CONSOLE_VIEW_PATHS, FIELD_ATTRIBUTES } from '../console/page';
import { ENDPOINT_PATHS } from '../endpoints';
import { PORTAIL_SELECTORS, PORTAIL_VIEW_PATHS } from '../portail/page';
import type { Alternative, Calibration } from './schema';

/** What the diagnostic and the options page say of the profile in use. */
export interface ProfileInfo {
  /** « Profil intégré » when no calibration is applied. */
  readonly nom: string | null;
  readonly version: number | null;
  readonly date: string | null;
}

const BUILTIN = {
  consoleSelectors: { ...CONSOLE_SELECTORS },
  portailSelectors: { ...PORTAIL_SELECTORS },
  consoleViews: structuredClone(CONSOLE_VIEW_PATHS),
  portailViews: structuredClone(PORTAIL_VIEW_PATHS),
  endpoints: { ...ENDPOINT_PATHS },
  fields: { ...FIELD_ATTRIBUTES },
};

let applied: ProfileInfo = { nom: null, version: null, date: null };

/** The profile in use now. */
export function activeProfile(): ProfileInfo {
  return applied;
}

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

/** One alternative as CSS: the observers and queries all take selectors. */
export function cssOfAlternative(alternative: Alternative): string {
  if ('css' in alternative) return alternative.css;
  const native = NATIVE_ROLES[alternative.role];
  const hasRole = native ? `:is([role="${alternative.role}"], ${native})` : `[role="${alternative.role}"]`;
  return alternative.nom === undefined ? hasRole : `${hasRole}[aria-label="${cssString(alternative.nom)}"]`;
}

/** An anchor's alternatives as one selector list: the page matches whichever it uses. */
export function cssOfAlternatives(alternatives: readonly Alternative[]): string {
  return alternatives.map(cssOfAlternative).join(', ');
}

function cssString(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}

/** Lays `calibration` over the built-in profile (null: back to the built-in one). */
export function applyCalibration(calibration: Calibration | null): void {
  Object.assign(CONSOLE_SELECTORS, BUILTIN.consoleSelectors);
  Object.assign(PORTAIL_SELECTORS, BUILTIN.portailSelectors);
  Object.assign(CONSOLE_VIEW_PATHS, structuredClone(BUILTIN.consoleViews));
  Object.assign(PORTAIL_VIEW_PATHS, structuredClone(BUILTIN.portailViews));
  Object.assign(ENDPOINT_PATHS, BUILTIN.endpoints);
  Object.assign(FIELD_ATTRIBUTES, BUILTIN.fields);
  applied = { nom: null, version: null, date: null };
  if (!calibration) return;
  overlay(CONSOLE_SELECTORS, calibration.console?.ancres, cssOfAlternatives);
  overlay(PORTAIL_SELECTORS, calibration.portail?.ancres, cssOfAlternatives);
  overlay(CONSOLE_VIEW_PATHS, calibration.console?.vues, (paths) => paths);
  overlay(PORTAIL_VIEW_PATHS, calibration.portail?.vues, (paths) => paths);
  overlay(ENDPOINT_PATHS, calibration.points, (path) => path);
  overlay(FIELD_ATTRIBUTES, calibration.champs, (name) => name);
  applied = { nom: calibration.nom, version: calibration.version, date: calibration.date };
}

/** Replaces each entry of `table` the calibration names (and gives a value for). */
function overlay<K extends string, V, W>(
  table: Record<K, W>,
  entries: Partial<Record<K, V | undefined>> | undefined,
  toValue: (entry: V) => W | undefined,
): void {
  for (const [key, entry] of Object.entries(entries ?? {}) as [K, V | undefined][]) {
    const value = entry === undefined ? undefined : toValue(entry);
    if (value !== undefined) table[key] = value;
  }
}
