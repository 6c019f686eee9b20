import { randomUUID } from 'node:crypto';
import type { RespAffAccount } from './state';

/** RA sessions, in memory: several RAs (or tabs) may be connected at once. */

export const SESSION_COOKIE = 'gar_session';

export interface Session {
  token: string;
  raId: string;
  /** The school currently shown (switchable when the RA has several). */
  uai: string;
  /** Requests made with this session (for the expiry fault). */
  requetes: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  open(ra: RespAffAccount): Session {
    const session: Session = { token: randomUUID(), raId: ra.id, uai: ra.uais[0] ?? '', requetes: 0 };
    this.sessions.set(session.token, session);
    return session;
  }

  get(token: string | undefined): Session | undefined {
    return token === undefined ? undefined : this.sessions.get(token);
  }

  close(token: string): void {
    this.sessions.delete(token);
  }

  get size(): number {
    return this.sessions.size;
  }
}

/** `Set-Cookie` value; shared by both GAR hosts through the parent domain. */
export function sessionCookie(token: string, hostname: string, maxAge?: number): string {
  const domain = hostname.endsWith('.gar.education.fr') ? '; Domain=gar.education.fr' : '';
  const age = maxAge === undefined ? '' : `; Max-Age=${maxAge}`;
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Lax${domain}${age}`;
}
