/**
 * Shared by the console and the portail pages: a tiny element builder, the JSON client, French
 * formatting and the session header (school switcher, logout). Plain ES module, no build step.
 */

export const PROFILS = ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'];
export const PROFIL_LIBELLES = {
  ELEVE: 'Élèves',
  ENSEIGNANT: 'Enseignants',
  DOCUMENTALISTE: 'Documentalistes',
  'AUTRE PERSONNEL': 'Autres personnels',
  GLOBAL: 'Tous publics (global)',
};
export const PROFIL_SINGULIER = {
  ELEVE: 'Élève',
  ENSEIGNANT: 'Enseignant',
  DOCUMENTALISTE: 'Documentaliste',
  'AUTRE PERSONNEL': 'Autre personnel',
};

/**
 * The « variante » skin (set by the server on <html>): other view and API paths, `data-v-` hooks,
 * `v2-` classes. Views are written with the normal skin's paths and hooks; `chemin()`, `cle()` and
 * `selecteur()` translate them, with the server's table of paths (server/variante.ts).
 */
export const VARIANTE = document.documentElement.hasAttribute('data-sim-variante');
/** [path of the normal skin, path of the variante], as server/variante.ts defines them. */
const RENOMMAGES = VARIANTE ? JSON.parse(document.documentElement.dataset.simVariante) : [];

function renommer(path, from) {
  const to = 1 - from;
  for (const rule of RENOMMAGES) {
    const source = rule[from];
    if (source.endsWith('/') ? path.startsWith(source) : path === source || path.startsWith(`${source}/`))
      return rule[to] + path.slice(source.length);
  }
  return path;
}

/** A normal-skin path (query allowed) as the current skin writes it. */
export function chemin(path) {
  if (!VARIANTE) return path;
  const cut = path.search(/[?#]/);
  return cut < 0 ? renommer(path, 0) : renommer(path.slice(0, cut), 0) + path.slice(cut);
}

/** The normal-skin twin of a pathname of the current skin; null for a path this skin does not use. */
export function logique(pathname) {
  if (!VARIANTE) return pathname;
  const twin = renommer(pathname, 1);
  return renommer(twin, 0) === pathname ? twin : null;
}

/** The current page's pathname, as the normal skin writes it. */
export function cheminCourant() {
  return logique(location.pathname) ?? location.pathname;
}

/** A dataset key of the normal skin (garVue, idAbonnement…) as the current skin writes it. */
export function cle(key) {
  if (!VARIANTE) return key;
  if (key === 'idAbonnement') return 'abonnement';
  return /^gar[A-Z]/.test(key) ? `v${key.slice(3)}` : key;
}

/** A CSS selector written with normal-skin hooks, for the current skin. */
export function selecteur(selector) {
  return VARIANTE
    ? selector.replaceAll('data-gar-', 'data-v-').replaceAll('data-id-abonnement', 'data-abonnement')
    : selector;
}

/** element.dataset[key] = value, with the key of the current skin. */
export function poserCrochet(element, key, value) {
  element.dataset[cle(key)] = value;
}

/** Hooks a « new console version » no longer renders (the simulator's `crochetsRetires` fault). */
const CROCHETS_RETIRES = new Set((document.documentElement.dataset.simCrochetsRetires ?? '').split(' '));

function keptHooks(dataset) {
  return Object.fromEntries(
    Object.entries(dataset)
      .filter(([name]) => !CROCHETS_RETIRES.has(name))
      .map(([name, value]) => [cle(name), value]),
  );
}

function classes(value) {
  return VARIANTE
    ? String(value)
        .split(/\s+/)
        .filter(Boolean)
        .map((token) => `v2-${token}`)
        .join(' ')
    : value;
}

/** h('td', { class: 'x', dataset: { profil: 'ELEVE' }, onclick }, 'text', child…) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') Object.assign(element.dataset, keptHooks(value));
    else if (name.startsWith('on') && typeof value === 'function')
      element.addEventListener(name.slice(2), value);
    else if (name === 'value') element.value = value;
    else if (name === 'class') element.setAttribute(name, classes(value));
    else if (name === 'href' && typeof value === 'string') element.setAttribute(name, chemin(value));
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `Erreur ${status}`);
    this.status = status;
    this.body = body ?? {};
  }
}

/** One JSON call; a lost session sends the RA back to the login page. */
export async function api(path, { method = 'GET', body } = {}) {
  const response = await fetch(chemin(path), {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const json = await response.json().catch(() => null);
  if (response.status === 401) {
    window.location.assign(chemin('/connexion'));
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

// GAR dates are French dates: show them in Paris time whatever the computer's time zone.
const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});

/** The end of validity as a Date: finValidite, or 31 August of the school year's end. */
export function finEffective(abonnement) {
  if (abonnement.finValidite) return new Date(abonnement.finValidite);
  if (abonnement.anneeFinValidite) {
    return new Date(`${abonnement.anneeFinValidite.slice(5, 9)}-08-31T23:59:59.999+02:00`);
  }
  return null;
}

export function formatDate(value) {
  return value ? dateFormat.format(value instanceof Date ? value : new Date(value)) : '—';
}

export function formatCount(value) {
  return value === 'ILLIMITE' ? 'illimité' : new Intl.NumberFormat('fr-FR').format(value);
}

/**
 * State of a subscription today: { code, libelle, ton }. Like the console, it says whether a
 * subscription is running, not how soon it ends — spotting what expires soon is what the
 * extension adds, so the simulator must not do it for it.
 */
export function statutValidite(abonnement, now = new Date()) {
  const fin = finEffective(abonnement);
  if (now < new Date(abonnement.debutValidite))
    return { code: 'pas-commence', libelle: 'Pas encore commencé', ton: 'info' };
  if (fin && now > fin) return { code: 'expire', libelle: 'Expiré', ton: 'erreur' };
  return { code: 'actif', libelle: 'Actif', ton: 'succes' };
}

const ICONES = { succes: '✔', alerte: '⚠', erreur: '✖', info: 'ℹ' };

export function badge(texte, ton = 'info', attributes = {}) {
  return h(
    'span',
    { class: `badge badge-${ton}`, ...attributes },
    h('span', { 'aria-hidden': 'true' }, ICONES[ton]),
    ` ${texte}`,
  );
}

export function message(texte, ton = 'info') {
  return h(
    'p',
    {
      class: `alerte alerte-${ton}`,
      role: ton === 'erreur' ? 'alert' : 'status',
      dataset: { garMessage: ton },
    },
    h('span', { 'aria-hidden': 'true' }, ICONES[ton]),
    ` ${texte}`,
  );
}

/** Fills the header: RA name, school switcher (data-gar-uai), logout. */
export async function initSession(onSwitch) {
  const session = await api('/api/session');
  const zone = document.querySelector(selecteur('[data-gar-session]'));
  const select = zone.querySelector(selecteur('[data-gar-uai]'));
  select.replaceChildren(
    ...session.etablissements.map((etab) =>
      h('option', { value: etab.uai, selected: etab.uai === session.uai }, `${etab.nom} (${etab.uai})`),
    ),
  );
  select.disabled = session.etablissements.length < 2;
  select.onchange = async () => {
    const updated = await api('/api/session/uai', { method: 'PUT', body: { uai: select.value } });
    onSwitch(updated);
  };
  zone.querySelector(selecteur('[data-gar-ra]')).textContent = `${session.ra.prenom} ${session.ra.nom}`;
  zone.querySelector(selecteur('[data-gar-action="deconnexion"]')).onclick = async () => {
    await api('/api/deconnexion', { method: 'POST' });
    window.location.assign(chemin('/connexion'));
  };
  zone.hidden = false;
  return session;
}

/**
 * Client-side navigation: internal links use history.pushState, views render into <main>. Routes
 * and `go()` take normal-skin paths; the variante's are translated.
 */
export function createRouter(routes, render) {
  const match = (actual) => {
    const path = logique(actual);
    if (path === null) return null;
    for (const [pattern, view] of routes) {
      const names = [];
      const regex = new RegExp(
        `^${pattern.replace(/:(\w+)/g, (_, name) => {
          names.push(name);
          return '([^/]+)';
        })}$`,
      );
      const found = regex.exec(path);
      if (found)
        return {
          view,
          params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1])])),
        };
    }
    return null;
  };
  const go = (url, replace = false) => {
    if (replace) history.replaceState(null, '', chemin(url));
    else history.pushState(null, '', chemin(url));
    render(match(location.pathname));
  };
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[href^="/"]');
    if (
      !link ||
      link.hasAttribute('download') ||
      link.target ||
      event.ctrlKey ||
      event.metaKey ||
      event.shiftKey
    )
      return;
    const url = new URL(link.href);
    if (!match(url.pathname)) return;
    event.preventDefault();
    go(`${url.pathname}${url.search}`);
  });
  window.addEventListener('popstate', () => render(match(location.pathname)));
  return { go, current: () => match(location.pathname) };
}

/** Marks the active tab (aria-current) from the first path segment. */
export function markTab(path) {
  const segment = (logique(path) ?? path).split('/')[1] ?? '';
  for (const tab of document.querySelectorAll(selecteur('[data-gar-onglet]'))) {
    if (tab.dataset[cle('garOnglet')] === segment) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
}

/** Shows a message in the current view's message zone (`data-gar-zone="message"`), even after a re-render. */
export function informer(node) {
  document.querySelector(selecteur('[data-gar-zone="message"]'))?.replaceChildren(node);
}

export function zoneMessages() {
  return h('div', { 'aria-live': 'polite', dataset: { garZone: 'message' } });
}
