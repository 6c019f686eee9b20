import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { HostKind } from './context';
import type { RespAffAccount } from './state';
import { habillerVariante, styleVariante } from './variante';

/**
 * Server-side HTML: the login page and the two single-page application shells. The views are
 * rendered in the browser by the plain ES modules of `public/` (no build step).
 */

const PUBLIC_DIR = resolve(import.meta.dirname, 'public');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(
  title: string,
  body: string,
  app: string,
  removedHooks: readonly string[] = [],
  variante = false,
): string {
  const removed =
    removedHooks.length > 0 ? ` data-sim-crochets-retires="${escapeHtml(removedHooks.join(' '))}"` : '';
  const html = `<!doctype html>
<html lang="fr"${removed}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body data-gar-application="${app}">
${body}
</body>
</html>`;
  return variante ? habillerVariante(html) : html;
}

function header(title: string, subtitle: string): string {
  return `<header class="entete">
  <div class="entete-marque">
    <span class="entete-logo" aria-hidden="true">GAR</span>
    <div>
      <p class="entete-titre">${title}</p>
      <p class="entete-sous-titre">${subtitle}</p>
    </div>
  </div>
  <div class="entete-session" data-gar-session hidden>
    <label class="entete-etab">Établissement
      <select data-gar-uai></select>
    </label>
    <span class="entete-ra" data-gar-ra></span>
    <button type="button" class="bouton bouton-discret" data-gar-action="deconnexion">Se déconnecter</button>
  </div>
</header>`;
}

export function loginPage(
  respAffs: RespAffAccount[],
  host: HostKind,
  erreur?: string,
  variante = false,
): string {
  const title = host === 'portail' ? 'Portail GAR' : "Console d'affectation";
  const options = respAffs
    .map(
      (ra) =>
        `<option value="${escapeHtml(ra.id)}">${escapeHtml(`${ra.prenom} ${ra.nom}`)} (${ra.uais.join(', ')})</option>`,
    )
    .join('\n');
  return page(
    `Connexion — ${title}`,
    `${header(title, 'Gestionnaire d’accès aux ressources')}
<main class="contenu contenu-etroit">
  <section class="carte">
    <h1>Connexion</h1>
    <p>Choisissez votre compte de responsable d’affectation.</p>
    ${erreur ? `<p class="alerte alerte-erreur" role="alert">${escapeHtml(erreur)}</p>` : ''}
    <form method="post" action="/connexion" class="formulaire" data-gar-form="connexion">
      <label for="idRespAff">Responsable d’affectation</label>
      <select id="idRespAff" name="idRespAff" required>${options}</select>
      <button type="submit" class="bouton">Se connecter</button>
    </form>
  </section>
</main>`,
    'connexion',
    [],
    variante,
  );
}

const CONSOLE_TABS = [
  ['tableau-de-bord', 'Tableau de bord'],
  ['ressources', 'Parcours ressource'],
  ['population', 'Parcours par population'],
  ['recuperation', 'Récupération de licences'],
] as const;

const PORTAIL_TABS = [
  ['abonnements', 'Abonnements'],
  ['statistiques', 'Statistiques'],
] as const;

function tabs(list: ReadonlyArray<readonly [string, string]>, label: string): string {
  const links = list
    .map(([id, text]) => `<a class="onglet" href="/${id}" data-gar-onglet="${id}">${text}</a>`)
    .join('\n  ');
  return `<nav class="onglets" aria-label="${label}">\n  ${links}\n</nav>`;
}

/** `removedHooks`: the fault `crochetsRetires`, read by `h()` in public/common.js. */
export function consoleShell(removedHooks: readonly string[] = [], variante = false): string {
  return page(
    "Console d'affectation",
    `${header("Console d'affectation", 'Gestionnaire d’accès aux ressources — affectation des licences')}
${tabs(CONSOLE_TABS, 'Onglets de la console')}
<main id="contenu" class="contenu" data-gar-vue tabindex="-1"><p class="chargement">Chargement…</p></main>
<script type="module" src="/static/console/app.js"></script>`,
    'console',
    removedHooks,
    variante,
  );
}

export function portailShell(removedHooks: readonly string[] = [], variante = false): string {
  return page(
    'Portail GAR',
    `${header('Portail GAR', 'Abonnements et statistiques de l’établissement')}
${tabs(PORTAIL_TABS, 'Onglets du portail')}
<main id="contenu" class="contenu" data-gar-vue tabindex="-1"><p class="chargement">Chargement…</p></main>
<script type="module" src="/static/portail/app.js"></script>`,
    'portail',
    removedHooks,
    variante,
  );
}

/** A file of `public/`, or null (unknown type, outside the folder, absent); CSS for `v2-` classes in the variante. */
export async function staticFile(
  path: string,
  variante = false,
): Promise<{ body: string; type: string } | null> {
  const file = normalize(join(PUBLIC_DIR, path));
  const type = TYPES[extname(file)];
  if (!file.startsWith(`${PUBLIC_DIR}/`) || !type) return null;
  try {
    const body = await readFile(file, 'utf8');
    return { body: variante && extname(file) === '.css' ? styleVariante(body) : body, type };
  } catch {
    return null;
  }
}
