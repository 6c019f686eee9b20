/**
 * Host selectors with the saved pages they are checked on, after Refined GitHub's selectors.ts:
 * next to each selector, how many elements it finds on each page saved from the simulator
 * (tests/unit/hosts/fixtures, re-saved by save-pages.ts there). When a GAR page changes, the
 * test that walks these tables (tests/unit/hosts/selectors.test.ts) names the hook that broke;
 * calibrating against the live pages means changing a selector and its counts together.
 */

/** The saved pages: `tests/unit/hosts/fixtures/<name>.html`. */
export type SavedPage =
  | 'console-tableau-de-bord'
  | 'console-ressources'
  | 'console-ressource'
  | 'console-chargement'
  | 'console-connexion'
  | 'portail-abonnements'
  | 'portail-statistiques'
  | 'portail-chargement';

export interface HostSelector {
  readonly css: string;
  /**
   * How many elements `css` finds on each saved page it is checked on: at least one page where it
   * matches, and where possible one where it must not.
   */
  readonly expect: Readonly<Partial<Record<SavedPage, number>>>;
}

/**
 * The plain `name → css` map the adapters and features use. Its values are the built-in profile's
 * and a fichier d'étalonnage replaces them (./profile/active.ts): read them at each use, never
 * copy one into a module-level constant.
 */
export function cssOf<const T extends Readonly<Record<string, HostSelector>>>(
  table: T,
): { [K in keyof T]: string } {
  return Object.fromEntries(Object.entries(table).map(([name, { css }]) => [name, css])) as {
    [K in keyof T]: string;
  };
}
