/**
 * The host profile in use: the built-in model (the tables in ../console/page.ts, ../portail/page.ts
 * and ../endpoints.ts), with a fichier d'étalonnage laid over it entry by entry. The adapters read
 * those tables at each call, so applying a calibration before the features start calibrates them
 * all; nothing is fetched, nothing evaluated.
 */
import { CONSOLE_SELECTORS, CONSOLE_VIEW_PATHS, FIELD_ATTRIBUTES } from '../console/page';
import { ENDPOINT_PATHS } from '../endpoints';
import { PORTAIL_SELECTORS, PORTAIL_VIEW_PATHS } from '../portail/page';
import { clearColumnAnchors, cssOfAlternatives, registerColumnAnchors } from './anchors';
import type { Alternative, Calibration } from './schema';

/** What the diagnostic and the options page say of the profile in use. */
export interface ProfileInfo {
  /** « Profil intégré » when no calibration is applied. */
  readonly nom: string | null;
  readonly version: number | null;
  readonly date: string | null;
  /** Why the stored calibration was set aside for the built-in profile (a later version refused it). */
  readonly refus: string | null;
}

const BUILTIN = {
  consoleSelectors: { ...CONSOLE_SELECTORS },
  portailSelectors: { ...PORTAIL_SELECTORS },
  consoleViews: structuredClone(CONSOLE_VIEW_PATHS),
  portailViews: structuredClone(PORTAIL_VIEW_PATHS),
  endpoints: { ...ENDPOINT_PATHS },
  fields: { ...FIELD_ATTRIBUTES },
};

let applied: ProfileInfo = { nom: null, version: null, date: null, refus: null };

/** The profile in use now. */
export function activeProfile(): ProfileInfo {
  return applied;
}

/**
 * Lays `calibration` over the built-in profile (null: back to the built-in one, `refus` saying
 * why when a stored calibration was refused).
 */
export function applyCalibration(calibration: Calibration | null, refus: string | null = null): void {
  Object.assign(CONSOLE_SELECTORS, BUILTIN.consoleSelectors);
  Object.assign(PORTAIL_SELECTORS, BUILTIN.portailSelectors);
  Object.assign(CONSOLE_VIEW_PATHS, structuredClone(BUILTIN.consoleViews));
  Object.assign(PORTAIL_VIEW_PATHS, structuredClone(BUILTIN.portailViews));
  Object.assign(ENDPOINT_PATHS, BUILTIN.endpoints);
  Object.assign(FIELD_ATTRIBUTES, BUILTIN.fields);
  applied = { nom: null, version: null, date: null, refus };
  clearColumnAnchors();
  if (!calibration) return;
  overlayAnchors(CONSOLE_SELECTORS, calibration.console?.ancres);
  overlayAnchors(PORTAIL_SELECTORS, calibration.portail?.ancres);
  overlay(CONSOLE_VIEW_PATHS, calibration.console?.vues, (paths) => paths);
  overlay(PORTAIL_VIEW_PATHS, calibration.portail?.vues, (paths) => paths);
  overlay(ENDPOINT_PATHS, calibration.points, (path) => path);
  overlay(FIELD_ATTRIBUTES, calibration.champs, (name) => name);
  applied = { nom: calibration.nom, version: calibration.version, date: calibration.date, refus: null };
}

function overlayAnchors<K extends string>(
  table: Record<K, string>,
  anchors: Partial<Record<K, readonly Alternative[] | undefined>> | undefined,
): void {
  for (const [anchor, alternatives] of Object.entries(anchors ?? {}) as [
    K,
    readonly Alternative[] | undefined,
  ][]) {
    if (!alternatives) continue;
    table[anchor] = cssOfAlternatives(alternatives, anchor);
    registerColumnAnchors(anchor, alternatives);
  }
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
