import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { z } from 'zod';
import { ApiError } from './api-error';
import type { FaultInjector } from './faults';
import { SESSION_COOKIE, type Session, type SessionStore, sessionCookie } from './sessions';
import { type RespAffAccount, type SimState, schoolOf } from './state';

/** What every route shares: the live state (replaced on reset), sessions, faults and the clock. */
export interface SimContext {
  state: SimState;
  sessions: SessionStore;
  faults: FaultInjector;
  now: () => Date;
  autoLogin: boolean;
  /** The « variante » skin (README): `chemin` writes a normal-skin path as this skin's. */
  variante: boolean;
  chemin: (path: string) => string;
  /** Requests served (administration endpoints excluded). */
  requetes: number;
  /** Requests held by the `blocages` fault right now, waiting for their client to give up. */
  bloquees: number;
}

/** Which GAR page a request is for; `local` (localhost, 127.0.0.1) serves both. */
export type HostKind = 'console' | 'portail' | 'local';

export type SimEnv = {
  Bindings: Partial<HttpBindings>;
  Variables: { host: HostKind; session: Session };
};

export type SimContextHono = Context<SimEnv>;

export function hostKind(hostname: string): HostKind | null {
  if (hostname === 'affectation.gar.education.fr') return 'console';
  if (hostname === 'portail.gar.education.fr') return 'portail';
  if (hostname.endsWith('.gar.education.fr') || hostname === 'gar.education.fr') return null;
  return 'local';
}

export function raOf(sim: SimContext, session: Session): RespAffAccount {
  const ra = sim.state.respAffs.find((candidate) => candidate.id === session.raId);
  if (!ra) throw new ApiError(401, 'session', 'Session inconnue : reconnectez-vous.');
  return ra;
}

/** The session of the request, counted for the expiry fault; undefined when there is none. */
export function currentSession(sim: SimContext, c: SimContextHono): Session | undefined {
  const session = sim.sessions.get(getCookie(c, SESSION_COOKIE));
  if (!session) return undefined;
  session.requetes += 1;
  if (sim.faults.sessionExpired(session.requetes)) {
    sim.sessions.close(session.token);
    return undefined;
  }
  return session;
}

/** Opens a session for the RA and sets the shared cookie. */
export function login(sim: SimContext, c: SimContextHono, ra: RespAffAccount): Session {
  const session = sim.sessions.open(ra);
  c.header('Set-Cookie', sessionCookie(session.token, new URL(c.req.url).hostname));
  return session;
}

export function sessionJson(sim: SimContext, session: Session): Record<string, unknown> {
  const ra = raOf(sim, session);
  return {
    ra: { id: ra.id, nom: ra.nom, prenom: ra.prenom },
    uai: session.uai,
    etablissements: ra.uais.map((uai) => ({ uai, nom: schoolOf(sim.state, uai).nom })),
  };
}

/** The JSON body, checked; a malformed one is a 400. */
export async function bodyOf<S extends z.ZodType>(c: SimContextHono, schema: S): Promise<z.output<S>> {
  const json: unknown = await c.req.json().catch(() => undefined);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(
      400,
      'requete',
      `Requête invalide (${issue?.path.join('.') || 'corps'} : ${issue?.message}).`,
    );
  }
  return parsed.data;
}
