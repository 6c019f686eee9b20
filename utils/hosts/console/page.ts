/**
 * Reading the console's pages. The real console's DOM is not public: these paths and `data-*`
 * hooks are those of the simulator (tests/sim/README.md), the one place to calibrate against the
 * live console. Each selector carries the saved pages it is checked on and its match count there
 * (tests/unit/hosts/selectors.test.ts).
 */

import type { Cible } from '../../gar/school';
import { whenNoneMatch } from '../../observe';
import { CONSOLE_ORIGIN, isConsolePage } from '../hosts';
import type { ConsoleView, Field } from '../profile/schema';
import { fillTemplate, matchTemplate } from '../profile/templates';
import { cssOf, type HostSelector } from '../selectors';

export type { ConsoleView } from '../profile/schema';

/**
 * The console's hooks, each with the saved pages it is checked on and how many elements it finds
 * on each (see ../selectors.ts): when the console changes, the failing count names the hook.
 */
export const CONSOLE_SELECTOR_TABLE = {
  /** The console application (not its login page). */
  application: {
    css: 'body[data-gar-application="console"]',
    expect: { 'console-ressources': 1, 'console-tableau-de-bord': 1, 'console-connexion': 0 },
  },
  /** The area the views render into; busy while a view loads. */
  view: {
    css: 'main[data-gar-vue]',
    expect: { 'console-ressources': 1, 'console-chargement': 1, 'console-connexion': 0 },
  },
  /** That area while the console loads a view (after a tab click, back, a school switch). */
  viewLoading: {
    css: 'main[data-gar-vue][aria-busy="true"]',
    expect: { 'console-chargement': 1, 'console-ressources': 0, 'console-ressource': 0 },
  },
  uaiSwitcher: {
    css: 'select[data-gar-uai]',
    expect: { 'console-ressources': 1, 'console-tableau-de-bord': 1 },
  },
  /** Where the page names the school being worked on, once the switch has taken effect. */
  currentSchool: {
    css: 'body[data-gar-uai-courant]',
    expect: { 'console-ressources': 1, 'console-tableau-de-bord': 1, 'console-connexion': 0 },
  },
  tabs: {
    css: '[data-gar-onglet]',
    expect: { 'console-ressources': 4, 'console-tableau-de-bord': 4, 'console-connexion': 0 },
  },
  /** The table of Parcours ressource. */
  resourceTable: {
    css: 'table[data-gar-table="ressources"]',
    expect: { 'console-ressources': 1, 'console-tableau-de-bord': 0, 'console-ressource': 0 },
  },
  /** One row per subscription in Parcours ressource. */
  resourceRow: {
    css: 'table[data-gar-table="ressources"] tbody tr[data-id-abonnement]',
    expect: { 'console-ressources': 35, 'console-tableau-de-bord': 0, 'console-ressource': 0 },
  },
  /** The first cell (the resource's title) of each of those rows. */
  resourceRowTitle: {
    css: 'table[data-gar-table="ressources"] tbody tr[data-id-abonnement] > th[scope="row"]',
    expect: { 'console-ressources': 35, 'console-ressource': 0 },
  },
  /** The end-date cell of each of those rows. */
  resourceRowEnd: {
    css: 'table[data-gar-table="ressources"] tbody tr[data-id-abonnement] td[data-gar-fin]',
    expect: { 'console-ressources': 35, 'console-ressource': 0 },
  },
  /** The title of a subscription's detail view. */
  resourceTitle: {
    css: 'h1[data-id-abonnement]',
    expect: { 'console-ressource': 1, 'console-ressources': 0 },
  },
  /** Expired subscriptions listed on the dashboard. */
  dashboardExpired: {
    css: '[data-gar-liste="expirees"] li[data-id-abonnement]',
    expect: { 'console-tableau-de-bord': 2, 'console-ressources': 0 },
  },
} as const satisfies Readonly<Record<string, HostSelector>>;

/** The console's hooks by name, as the adapters and features use them. */
export const CONSOLE_SELECTORS = cssOf(CONSOLE_SELECTOR_TABLE);

/**
 * Each view's URL paths, as templates (./profile/templates.ts): the subscription of a resource's
 * page is `:idAbonnement`, a population page's list `:type` and `:code`. Built-in values; a
 * fichier d'étalonnage replaces them (../profile/active.ts).
 */
export const CONSOLE_VIEW_PATHS: Record<ConsoleView, string[]> = {
  connexion: ['/connexion'],
  'tableau-de-bord': ['/', '/tableau-de-bord'],
  ressources: ['/ressources'],
  ressource: ['/ressources/:idAbonnement'],
  population: ['/population'],
  'population-detail': ['/population/:type/:code'],
  recuperation: ['/recuperation'],
};

/** The attributes the adapters read values from, on both hosts (built-in; calibrated in ../profile/active.ts). */
export const FIELD_ATTRIBUTES: Record<Field, string> = {
  idAbonnement: 'data-id-abonnement',
  debutValidite: 'data-gar-debut',
  finValidite: 'data-gar-fin',
  uaiCourant: 'data-gar-uai-courant',
};

/** The first of `paths`' templates that `pathname` matches, with its parameters. */
export function matchViewPaths(paths: readonly string[], pathname: string): Record<string, string> | null {
  for (const template of paths) {
    const params = matchTemplate(template, pathname);
    if (params) return params;
  }
  return null;
}

/** Where the console shows one subscription (to open it from the popup). */
export function consoleResourceUrl(idAbonnement: string): string {
  const [template = '/ressources/:idAbonnement'] = CONSOLE_VIEW_PATHS.ressource;
  return `${CONSOLE_ORIGIN}${fillTemplate(template, { idAbonnement })}`;
}

/** Which view of the console a URL shows, or null for a page we do not know (or not the console's). */
export function consoleViewOf(url: URL): ConsoleView | null {
  if (!isConsolePage(url)) return null;
  const views = Object.keys(CONSOLE_VIEW_PATHS) as ConsoleView[];
  return views.find((view) => matchViewPaths(CONSOLE_VIEW_PATHS[view], url.pathname)) ?? null;
}

/** A console slower than this to render a view still gets its helpers, on what it shows by then. */
export const VIEW_LOAD_TIMEOUT_MS = 10_000;

/** Resolves once the console has rendered the view it is loading (see ManagerOptions.settled). */
export function consoleViewSettled(root: Document, signal: AbortSignal): Promise<void> {
  return whenNoneMatch(CONSOLE_SELECTORS.viewLoading, { root, signal, timeoutMs: VIEW_LOAD_TIMEOUT_MS });
}

/** The school the RA is working on, as the console (or the portail, same header) shows it. */
export function currentUai(root: ParentNode): string | null {
  const fromBody = root
    .querySelector(CONSOLE_SELECTORS.currentSchool)
    ?.getAttribute(FIELD_ATTRIBUTES.uaiCourant);
  if (fromBody) return fromBody;
  const switcher = root.querySelector(CONSOLE_SELECTORS.uaiSwitcher);
  return switcher instanceof HTMLSelectElement && switcher.value ? switcher.value : null;
}

/** The subscription an element stands for: its own, or that of the row or title it is in. */
export function subscriptionIdOf(element: Element): string | null {
  const attribute = FIELD_ATTRIBUTES.idAbonnement;
  return element.closest(`[${attribute}]`)?.getAttribute(attribute) ?? null;
}

/** The rows of Parcours ressource, one per subscription, in the order the console shows them. */
export function resourceRows(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(CONSOLE_SELECTORS.resourceRow)];
}

/**
 * The end of validity a row (or its end-date cell itself) shows — its `data-gar-fin` ISO date,
 * built-in — or null. The portail's list carries the same mark.
 */
export function rowEndDate(element: Element): Date | null {
  return shownDate(element, FIELD_ATTRIBUTES.finValidite);
}

/**
 * The start of validity the row of `element` (the subscription's row, or an element in it) shows —
 * its `data-gar-debut` ISO date, built-in — or null where the page shows none. The row is found
 * as `subscriptionIdOf` finds it, by the subscription's own mark.
 */
export function rowStartDate(element: Element): Date | null {
  const row = element.closest(`[${FIELD_ATTRIBUTES.idAbonnement}]`) ?? element;
  return shownDate(row, FIELD_ATTRIBUTES.debutValidite);
}

function shownDate(element: Element, attribute: string): Date | null {
  const holder = element.hasAttribute(attribute) ? element : element.querySelector(`[${attribute}]`);
  const iso = holder?.getAttribute(attribute);
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
  observer.observe(root.body, { attributes: true, attributeFilter: [FIELD_ATTRIBUTES.uaiCourant] });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}

/** Population list types of the console's URLs that are also assignment targets. */
const TARGET_OF_LIST: Readonly<Record<string, Cible['type']>> = { divisions: 'division', groupes: 'groupe' };

/**
 * What the page in front of the RA is about, to start a bulk assignment from it: the subscription
 * of a resource's page, or the division or group of a population page.
 */
export function consoleSelectionOf(url: URL): { ids?: string[]; cibles?: Cible[] } {
  const resource = matchViewPaths(CONSOLE_VIEW_PATHS.ressource, url.pathname);
  if (resource?.idAbonnement) return { ids: [resource.idAbonnement] };
  const member = matchViewPaths(CONSOLE_VIEW_PATHS['population-detail'], url.pathname);
  const type = member?.type ? TARGET_OF_LIST[member.type] : undefined;
  if (type && member?.code) return { cibles: [{ type, code: member.code }] };
  return {};
}
