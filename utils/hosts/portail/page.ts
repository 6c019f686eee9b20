/**
 * Reading the portail's pages. Its real pages are not public: these paths and `data-*` hooks are
 * the simulator's (tests/sim/README.md), the one place to calibrate against the live portail.
 */
// The simulated portail marks its rows like the console does.
export { subscriptionIdOf } from '../console/page';

export const PORTAIL_SELECTORS = {
  /** The end-date cell of each subscription in the portail's list. */
  subscriptionRowEnd: 'table[data-gar-table="abonnements"] tr[data-id-abonnement] td[data-gar-fin]',
} as const;

export type PortailView = 'abonnements' | 'statistiques' | 'connexion';

export function portailViewOf(url: URL): PortailView | null {
  if (/^\/(abonnements)?\/?$/.test(url.pathname)) return 'abonnements';
  if (/^\/statistiques\/?$/.test(url.pathname)) return 'statistiques';
  if (/^\/connexion\/?$/.test(url.pathname)) return 'connexion';
  return null;
}
