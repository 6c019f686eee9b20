import { cheminVariante } from '../../sim/server/variante';

/**
 * The simulator's skin this worker's browser talks to: the normal one, or the second skin
 * (`variante`, tests/sim/README.md) with other hooks and paths. Specs and page objects write the
 * normal skin's selectors and paths through these two functions, so the same journeys run on both
 * (the « variante » project in playwright.config.ts). Set once per worker by fixtures.ts: a
 * worker serves one skin.
 */
let variante = false;

export function useSkin(isVariante: boolean): void {
  variante = isVariante;
}

/** A path of the normal skin (`/ressources/ABO-1`) as the skin in use serves it. */
export function skinPath(path: string): string {
  return variante ? cheminVariante(path) : path;
}

/** A selector of the normal skin: its data hooks and the paths quoted in it, as the skin in use writes them. */
export function skinCss(selector: string): string {
  if (!variante) return selector;
  return selector
    .replaceAll('data-gar-', 'data-v-')
    .replaceAll('data-id-abonnement', 'data-abonnement')
    .replace(/"(\/[^"]*)"/g, (_, path: string) => `"${cheminVariante(path)}"`);
}
