/**
 * The « variante » skin: the same simulator behind other URL paths, API paths and DOM hooks, to
 * prove the extension is recalibrated by data only. The page's own scripts (public/common.js,
 * plain JS with no build) get the same table from the skin flag on <html>, so there is one.
 */

/** [path of the normal skin, path of the variante]; a prefix ending with `/` is a pure prefix. */
const RENOMMAGES: ReadonlyArray<readonly [string, string]> = [
  ['/api/session/uai', '/api/v2/session/structure'],
  ['/api/session', '/api/v2/session'],
  ['/api/etablissements/', '/api/v2/structures/'],
  ['/connexion', '/identification'],
  ['/tableau-de-bord', '/accueil'],
  ['/ressources/', '/catalogue/fiche/'],
  ['/ressources', '/catalogue'],
  ['/population', '/public'],
  ['/recuperation', '/licences'],
  ['/abonnements', '/mes-abonnements'],
  ['/statistiques', '/usages'],
];

function renommer(path: string, from: 0 | 1): string {
  const to = from === 0 ? 1 : 0;
  for (const rule of RENOMMAGES) {
    const source = rule[from];
    const cible = rule[to];
    if (source.endsWith('/')) {
      if (path.startsWith(source)) return cible + path.slice(source.length);
    } else if (path === source || path.startsWith(`${source}/`)) {
      return cible + path.slice(source.length);
    }
  }
  return path;
}

/** A path of the normal skin (query string allowed) as the variante writes it. */
export function cheminVariante(path: string): string {
  const cut = path.search(/[?#]/);
  return cut < 0 ? renommer(path, 0) : renommer(path.slice(0, cut), 0) + path.slice(cut);
}

/** Where the variante's paths are served in the app (its routes are the normal skin's). */
const HORS_VARIANTE = '/__hors-variante';
const INCHANGES = ['/__sim', '/static/', '/favicon.ico', '/api/deconnexion'];

/**
 * The app's routing path for a variante request: its normal-skin twin, or a path nothing serves
 * when the request uses a normal-skin path (old paths are 404 in the variante). The login form
 * still posts to `/connexion`.
 */
export function cheminInterne(method: string, path: string): string {
  if (INCHANGES.some((prefix) => path === prefix || path.startsWith(prefix))) return path;
  if (method === 'POST' && path === '/connexion') return path;
  const logique = renommer(path, 1);
  return renommer(logique, 0) === path ? logique : `${HORS_VARIANTE}${path}`;
}

/** The path as the client wrote it, for 404 messages. */
export function cheminAffiche(path: string): string {
  return path.startsWith(`${HORS_VARIANTE}/`) ? path.slice(HORS_VARIANTE.length) : path;
}

/** The variante's markup: `data-v-` hooks, `v2-` classes, variante links, and the skin flag on <html>. */
export function habillerVariante(html: string): string {
  return html
    .replace(
      '<html lang="fr"',
      `<html lang="fr" data-sim-variante="${JSON.stringify(RENOMMAGES).replaceAll('"', '&quot;')}"`,
    )
    .replaceAll('data-gar-', 'data-v-')
    .replaceAll('data-id-abonnement', 'data-abonnement')
    .replace(
      /class="([^"]*)"/g,
      (_, tokens: string) =>
        `class="${tokens
          .split(/\s+/)
          .filter(Boolean)
          .map((token) => `v2-${token}`)
          .join(' ')}"`,
    )
    .replace(/href="(\/[^"]*)"/g, (_, href: string) => `href="${cheminVariante(href)}"`);
}

/** The stylesheet for `v2-` classes: every class selector of the selectors (not the declarations). */
export function styleVariante(css: string): string {
  return css.replace(/([^{}]+)\{/g, (prelude: string) =>
    prelude.trimStart().startsWith('@') ? prelude : prelude.replace(/\.(-?[A-Za-z_][\w-]*)/g, '.v2-$1'),
  );
}
