/**
 * Reading the console's pages. The real console's DOM is not public: these paths and `data-*`
 * hooks are those of the simulator (tests/sim/README.md), the one place to calibrate against the
 * live console. Each selector is tested against a saved page with its expected match count
 * (tests/unit/hosts/console-page.test.ts).
 */

import type { Cible } from '../../gar/school';
import { whenNoneMatch } from '../../observe';
import { CONSOLE_ORIGIN } from '../hosts';

export const CONSOLE_SELECTORS = {
  /** The console application (not its login page). */
  application: 'body[data-gar-application="console"]',
  /** The area the views render into; busy while a view loads. */
  view: 'main[data-gar-vue]',
  /** That area while the console loads a view (after a tab click, back, a school switch). */
  viewLoading: 'main[data-gar-vue][aria-busy="true"]',
  uaiSwitcher: 'select[data-gar-uai]',
  /** Where the page names the school being worked on, once the switch has taken effect. */
  currentSchool: 'body[data-gar-uai-courant]',
  tabs: '[data-gar-onglet]',
  /** The table of Parcours ressource. */
  resourceTable: 'table[data-gar-table="ressources"]',
  /** One row per subscription in Parcours ressource. */
  resourceRow: 'table[data-gar-table="ressources"] tbody tr[data-id-abonnement]',
  /** The first cell (the resource's title) of each of those rows. */
  resourceRowTitle: 'table[data-gar-table="ressources"] tbody tr[data-id-abonnement] > th[scope="row"]',
  /** The end-date cell of each of those rows. */
  resourceRowEnd: 'table[data-gar-table="ressources"] tbody tr[data-id-abonnement] td[data-gar-fin]',
  /** The title of a subscription's detail view. */
  resourceTitle: 'h1[data-id-abonnement]',
  /** Expired subscriptions listed on the dashboard. */
  dashboardExpired: '[data-gar-liste="expirees"] li[data-id-abonnement]',
} as const;

export type ConsoleView =
  | 'connexion'
  | 'tableau-de-bord'
  | 'ressources'
  | 'ressource'
  | 'population'
  | 'population-detail'
  | 'recuperation';

const VIEWS: ReadonlyArray<readonly [RegExp, ConsoleView]> = [
  [/^\/connexion\/?$/, 'connexion'],
  [/^\/(tableau-de-bord)?\/?$/, 'tableau-de-bord'],
  [/^\/ressources\/?$/, 'ressources'],
  [/^\/ressources\/[^/]+\/?$/, 'ressource'],
  [/^\/population\/?$/, 'population'],
  [/^\/population\/[^/]+\/[^/]+\/?$/, 'population-detail'],
  [/^\/recuperation\/?$/, 'recuperation'],
];

/** Where the console shows one subscription (to open it from the popup). */
export function consoleResourceUrl(idAbonnement: string): string {
  return `${CONSOLE_ORIGIN}/ressources/${encodeURIComponent(idAbonnement)}`;
}

/** Which view of the console a URL shows, or null for a page we do not know. */
export function consoleViewOf(url: URL): ConsoleView | null {
  return VIEWS.find(([pattern]) => pattern.test(url.pathname))?.[1] ?? null;
}

/** A console slower than this to render a view still gets its helpers, on what it shows by then. */
export const VIEW_LOAD_TIMEOUT_MS = 10_000;

/** Resolves once the console has rendered the view it is loading (see ManagerOptions.settled). */
export function consoleViewSettled(root: Document, signal: AbortSignal): Promise<void> {
  return whenNoneMatch(CONSOLE_SELECTORS.viewLoading, { root, signal, timeoutMs: VIEW_LOAD_TIMEOUT_MS });
}

/** The school the RA is working on, as the console (or the portail, same header) shows it. */
export function currentUai(root: ParentNode): string | null {
  const body = root.querySelector(CONSOLE_SELECTORS.currentSchool);
  const fromBody = body instanceof HTMLElement ? body.dataset.garUaiCourant : undefined;
  if (fromBody) return fromBody;
  const switcher = root.querySelector(CONSOLE_SELECTORS.uaiSwitcher);
  return switcher instanceof HTMLSelectElement && switcher.value ? switcher.value : null;
}

/** The subscription an element stands for: its own, or that of the row or title it is in. */
export function subscriptionIdOf(element: Element): string | null {
  const holder = element.closest('[data-id-abonnement]');
  return holder instanceof HTMLElement ? (holder.dataset.idAbonnement ?? null) : null;
}

/** The end of validity a resource row shows (its `data-gar-fin` ISO date), or null. */
export function rowEndDate(row: Element): Date | null {
  const cell = row.querySelector('td[data-gar-fin]');
  const iso = cell instanceof HTMLElement ? cell.dataset.garFin : undefined;
  const date = iso ? new Date(iso) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/**
 * Calls `onChange` when the RA switches school: the console (and the portail) re-render for the
 * new UAI without a navigation. One attribute observer on <body> (the simulator's
 * `data-gar-uai-courant`, set once the switch has taken effect on the server).
 */
export function watchCurrentUai(root: Document, onChange: () => void, signal: AbortSignal): void {
  let uai = currentUai(root);
  const observer = new MutationObserver(() => {
    const next = currentUai(root);
    if (next === uai) return;
    // The console names its school just after loading: that first appearance is no switch (the
    // features already read the school from the session), and restarting them would do it all twice.
    const firstAppearance = uai === null;
    uai = next;
    if (!firstAppearance) onChange();
  });
  observer.observe(root.body, { attributes: true, attributeFilter: ['data-gar-uai-courant'] });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}

/** Population list types of the console's URLs that are also assignment targets. */
const TARGET_OF_LIST: Readonly<Record<string, Cible['type']>> = { divisions: 'division', groupes: 'groupe' };

/**
 * What the page in front of the RA is about, to start a bulk assignment from it: the subscription
 * of a resource's page, or the division or group of a population page.
 */
export function consoleSelectionOf(url: URL): { ids?: string[]; cibles?: Cible[] } {
  const resource = /^\/ressources\/([^/]+)\/?$/.exec(url.pathname);
  if (resource?.[1]) return { ids: [decodeURIComponent(resource[1])] };
  const member = /^\/population\/([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
  const type = member?.[1] ? TARGET_OF_LIST[member[1]] : undefined;
  if (type && member?.[2]) return { cibles: [{ type, code: decodeURIComponent(member[2]) }] };
  return {};
}
