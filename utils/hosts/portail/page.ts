/**
 * Reading the portail's pages. Its real pages are not public: these paths and `data-*` hooks are
 * the simulator's (tests/sim/README.md), the one place to calibrate against the live portail.
 * Each selector carries the saved pages it is checked on (tests/unit/hosts/selectors.test.ts).
 */
import { whenNoneMatch } from '../../observe';
import { matchViewPaths, VIEW_LOAD_TIMEOUT_MS } from '../console/page';
import { isPortailPage } from '../hosts';
import type { PortailView } from '../profile/schema';
import { cssOf, type HostSelector } from '../selectors';

// The simulated portail marks its rows like the console does.
export { rowEndDate, subscriptionIdOf } from '../console/page';
export type { PortailView } from '../profile/schema';

/** The portail's hooks with the saved pages they are checked on (see ../selectors.ts). */
export const PORTAIL_SELECTOR_TABLE = {
  /** The area the views render into, while the portail loads one (same guess as the console). */
  viewLoading: {
    css: 'main[data-gar-vue][aria-busy="true"]',
    expect: { 'portail-chargement': 1, 'portail-abonnements': 0, 'portail-statistiques': 0 },
  },
  /** The end-date cell of each subscription in the portail's list. */
  subscriptionRowEnd: {
    css: 'table[data-gar-table="abonnements"] tr[data-id-abonnement] td[data-gar-fin]',
    expect: { 'portail-abonnements': 35, 'portail-statistiques': 0, 'console-ressources': 0 },
  },
  /** The statistics page's period form (months « depuis » / « jusqu'à »). */
  statisticsForm: {
    css: 'form[data-gar-form="statistiques"]',
    expect: { 'portail-statistiques': 1, 'portail-abonnements': 0 },
  },
} as const satisfies Readonly<Record<string, HostSelector>>;

/** The portail's hooks by name, as the features use them. */
export const PORTAIL_SELECTORS = cssOf(PORTAIL_SELECTOR_TABLE);

/** Resolves once the portail has rendered the view it is loading (see ManagerOptions.settled). */
export function portailViewSettled(root: Document, signal: AbortSignal): Promise<void> {
  return whenNoneMatch(PORTAIL_SELECTORS.viewLoading, { root, signal, timeoutMs: VIEW_LOAD_TIMEOUT_MS });
}

/** Each view's URL paths as templates (built-in; calibrated in ../profile/active.ts). */
export const PORTAIL_VIEW_PATHS: Record<PortailView, string[]> = {
  abonnements: ['/', '/abonnements'],
  statistiques: ['/statistiques'],
  connexion: ['/connexion'],
};

/** Which view of the portail a URL shows, or null for a page we do not know (or not the portail's). */
export function portailViewOf(url: URL): PortailView | null {
  if (!isPortailPage(url)) return null;
  const views = Object.keys(PORTAIL_VIEW_PATHS) as PortailView[];
  return views.find((view) => matchViewPaths(PORTAIL_VIEW_PATHS[view], url.pathname)) ?? null;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The months the statistics page shows, from its address (`?depuis=2025-09&jusqua=2026-06`). */
export function statisticsRangeOf(url: URL): { depuis?: string; jusqua?: string } {
  const month = (name: string) => {
    const value = url.searchParams.get(name) ?? '';
    return MONTH.test(value) ? value : undefined;
  };
  const depuis = month('depuis');
  const jusqua = month('jusqua');
  return { ...(depuis && { depuis }), ...(jusqua && { jusqua }) };
}
