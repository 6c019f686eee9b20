import { request } from 'node:https';
import { newSessionCookie } from '../e2e/support/sim-admin';

/**
 * What a Firefox journey checks in the simulator itself, with a session of its own (logged in
 * through the console's login form, as tests/e2e/support/console-api.ts freshSession does): the
 * figures come from the console, never from the extension's screens.
 */

/** Collège Jules Verne, the multi seed's first school: where the RA lands. */
export const SCHOOL_A = '0561622J';

export interface ConsoleReader {
  holders(idAbonnement: string, uai?: string): Promise<string[]>;
  pupilsOf(division: string, uai?: string): Promise<string[]>;
}

function getJson<T>(port: number, path: string, cookie: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        rejectUnauthorized: false,
        headers: { host: 'affectation.gar.education.fr', cookie, accept: 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`GET ${path}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text) as T);
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export async function consoleReader(port: number): Promise<ConsoleReader> {
  const cookie = `gar_session=${await newSessionCookie(port)}`;
  return {
    holders: async (idAbonnement, uai = SCHOOL_A) => {
      const body = await getJson<{ affectations: { idPersonne: string }[] }>(
        port,
        `/api/etablissements/${uai}/abonnements/${idAbonnement}/affectations`,
        cookie,
      );
      return body.affectations.map((a) => a.idPersonne);
    },
    pupilsOf: async (division, uai = SCHOOL_A) => {
      const body = await getJson<{ personnes: { id: string; profil: string; divisions: string[] }[] }>(
        port,
        `/api/etablissements/${uai}/population`,
        cookie,
      );
      return body.personnes
        .filter((p) => p.profil === 'ELEVE' && p.divisions.includes(division))
        .map((p) => p.id);
    },
  };
}
