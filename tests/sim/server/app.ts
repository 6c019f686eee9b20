import { Hono, type MiddlewareHandler } from 'hono';
import { getPath } from 'hono/utils/url';
import { ApiError } from './api-error';
import { applyConcurrentChange } from './concurrent';
import {
  currentSession,
  hostKind,
  login,
  raOf,
  type SimContext,
  type SimContextHono,
  type SimEnv,
} from './context';
import { FaultInjector, type Faults } from './faults';
import { consoleShell, portailShell, staticFile } from './pages';
import { adminRoutes } from './routes-admin';
import { consoleRoutes, subscriptionRoutes } from './routes-console';
import { portailRoutes } from './routes-portail';
import { sessionRoutes } from './routes-session';
import { loadSeed, type Seed } from './seed-loader';
import { SessionStore } from './sessions';
import { buildState } from './state';
import { cheminAffiche, cheminInterne, cheminVariante } from './variante';

/** The simulator as one Hono app: host routing, faults, sessions, console, portail, admin. */

export interface SimulatorOptions {
  seed: Seed;
  autoLogin?: boolean;
  faults?: Faults;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
  /** Randomness of the error-rate and dropped-connection faults. */
  random?: () => number;
  /** The « variante » skin: other URL paths, API paths and DOM hooks, same behaviour (README). */
  variante?: boolean;
}

export interface SimulatorApp {
  app: Hono<SimEnv>;
  sim: SimContext;
  /** Reloads the seed folder: subscriptions and affectations as at start. */
  reset(): Promise<void>;
}

const CONSOLE_PAGES = [
  '/tableau-de-bord',
  '/ressources',
  '/ressources/:id',
  '/population',
  '/population/:type/:code',
  '/recuperation',
];
const PORTAIL_PAGES = ['/abonnements', '/statistiques'];
/** What the portail host serves under /api/etablissements/:uai/ (the rest is the console's). */
const PORTAIL_API = new Set(['abonnements', 'statistiques', 'statistiques.csv']);

/** A connection dropped: the socket destroyed on a real server, a 503 `serveur` in process. */
function dropConnection(c: SimContextHono): Response {
  const socket = c.env?.incoming?.socket;
  if (socket) {
    socket.destroy();
    return c.body(null, 503);
  }
  throw new ApiError(503, 'serveur', 'Connexion coupée (panne simulée).');
}

/**
 * A request that is never answered: it waits until the client gives up (its signal aborts — the
 * socket closed on a real server, the client's AbortSignal in process), then goes nowhere.
 */
function neverAnswer(sim: SimContext, c: SimContextHono): Promise<never> {
  const { signal } = c.req.raw;
  sim.bloquees += 1;
  return new Promise((_resolve, reject) => {
    const giveUp = (): void => {
      sim.bloquees -= 1;
      reject(new ApiError(503, 'serveur', 'Requête abandonnée par le client.'));
    };
    if (signal.aborted) giveUp();
    else signal.addEventListener('abort', giveUp, { once: true });
  });
}

function faultsMiddleware(sim: SimContext): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    sim.requetes += 1;
    const write = c.req.method !== 'GET';
    await sim.faults.delay(write);
    if (!c.req.path.startsWith('/api/')) return next();
    const decision = sim.faults.decide(write);
    if (decision === 'panne') {
      throw new ApiError(503, 'serveur', 'Console indisponible (panne simulée).');
    }
    if (decision === 'coupure') return dropConnection(c);
    if (decision === 'blocage') return neverAnswer(sim, c);
    if (decision === 'erreur') {
      throw new ApiError(503, 'serveur', 'Service momentanément indisponible (panne simulée).');
    }
    const change = sim.faults.dueChange();
    if (change) applyConcurrentChange(sim.state, change, sim.now());
    await next();
    // Handled — a write has applied — and only then the connection drops: the answer is lost.
    if (decision === 'reponsePerdue') c.res = dropConnection(c);
  };
}

function apiSessionMiddleware(sim: SimContext): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const session = currentSession(sim, c);
    if (!session)
      throw new ApiError(401, 'session', 'Votre session a expiré ou n’existe pas : reconnectez-vous.');
    c.set('session', session);
    await next();
  };
}

function schoolAccessMiddleware(sim: SimContext): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const uai = c.req.param('uai') ?? '';
    const rest = c.req.path.split('/')[4] ?? '';
    const host = c.get('host');
    const portailOnly = rest.startsWith('statistiques');
    if ((host === 'portail' && !PORTAIL_API.has(rest)) || (host === 'console' && portailOnly)) {
      throw new ApiError(404, 'introuvable', 'Adresse inconnue sur ce site.');
    }
    if (!raOf(sim, c.get('session')).uais.includes(uai)) {
      throw new ApiError(403, 'etablissement', `Vous n'êtes pas responsable d'affectation de ${uai}.`);
    }
    await next();
  };
}

function servePage(sim: SimContext, c: SimContextHono, html: string): Response {
  if (!currentSession(sim, c)) {
    const first = sim.state.respAffs[0];
    if (!sim.autoLogin || !first) return c.redirect(sim.chemin('/connexion'), 302);
    login(sim, c, first);
  }
  return c.html(html);
}

export function createSimulatorApp(options: SimulatorOptions): SimulatorApp {
  const now = options.now ?? ((): Date => new Date());
  const sim: SimContext = {
    state: buildState(options.seed),
    sessions: new SessionStore(),
    faults: new FaultInjector(options.faults, options.random),
    now,
    autoLogin: options.autoLogin ?? false,
    variante: options.variante ?? false,
    chemin: options.variante ? cheminVariante : (path) => path,
    requetes: 0,
    bloquees: 0,
  };
  const reset = async (): Promise<void> => {
    sim.state = buildState(await loadSeed(options.seed.dir, now()));
  };

  // The variante routes its paths to the normal skin's routes; its old paths route nowhere (404).
  const app = new Hono<SimEnv>(
    sim.variante ? { getPath: (request) => cheminInterne(request.method, getPath(request)) } : {},
  );
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.body(), error.status);
    console.error('Erreur du simulateur :', error);
    return c.json({ erreur: 'serveur', message: 'Erreur interne du simulateur.' }, 500);
  });
  app.notFound((c) =>
    c.json({ erreur: 'introuvable', message: `Adresse inconnue : ${cheminAffiche(c.req.path)}` }, 404),
  );

  app.use('*', async (c, next) => {
    const kind = hostKind(new URL(c.req.url).hostname);
    if (!kind) return c.json({ erreur: 'introuvable', message: 'Site GAR inconnu du simulateur.' }, 404);
    c.set('host', kind);
    await next();
  });
  app.route('/', adminRoutes(sim, reset));
  app.use('*', faultsMiddleware(sim));

  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/static/*', async (c) => {
    const file = await staticFile(c.req.path.slice('/static/'.length), sim.variante);
    if (!file) return c.notFound();
    c.header('Content-Type', file.type);
    c.header('Cache-Control', 'no-cache');
    return c.body(file.body);
  });
  app.use('/api/*', apiSessionMiddleware(sim));
  app.use('/api/etablissements/:uai/*', schoolAccessMiddleware(sim));
  app.route('/', sessionRoutes(sim));
  app.route('/', subscriptionRoutes(sim));
  app.route('/', consoleRoutes(sim));
  app.route('/', portailRoutes(sim));

  app.get('/', (c) =>
    c.redirect(sim.chemin(c.get('host') === 'portail' ? '/abonnements' : '/tableau-de-bord'), 302),
  );
  for (const path of CONSOLE_PAGES) {
    app.get(path, (c) =>
      c.get('host') === 'portail'
        ? c.notFound()
        : servePage(sim, c, consoleShell(sim.faults.current().crochetsRetires, sim.variante)),
    );
  }
  for (const path of PORTAIL_PAGES) {
    app.get(path, (c) =>
      c.get('host') === 'console'
        ? c.notFound()
        : servePage(sim, c, portailShell(sim.faults.current().crochetsRetires, sim.variante)),
    );
  }
  return { app, sim, reset };
}
