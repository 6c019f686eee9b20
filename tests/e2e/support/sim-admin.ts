import { request as httpsRequest } from 'node:https';

export interface SimCall {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Talks to the simulator directly (administration, or a login without loading pages). */
export function callSim(
  port: number,
  method: string,
  path: string,
  body?: string,
  contentType = 'application/json',
): Promise<SimCall> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        rejectUnauthorized: false,
        headers: { host: 'affectation.gar.education.fr', 'content-type': contentType },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export const setFaults = (port: number, faults: object): Promise<SimCall> =>
  callSim(port, 'POST', '/__sim/fautes', JSON.stringify(faults));
export const clearFaults = (port: number): Promise<SimCall> => callSim(port, 'DELETE', '/__sim/fautes');

/**
 * A new session of the simulator's first RA, logged in through the console's own login form:
 * the value of its `gar_session` cookie.
 */
export async function newSessionCookie(port: number): Promise<string> {
  const form = await callSim(port, 'GET', '/connexion');
  const id = /<option value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const login = await callSim(
    port,
    'POST',
    '/connexion',
    `idRespAff=${encodeURIComponent(id)}`,
    'application/x-www-form-urlencoded',
  );
  const cookie = [login.headers['set-cookie'] ?? []].flat().find((line) => line.startsWith('gar_session='));
  const value = cookie?.split(';')[0]?.split('=')[1];
  if (!value) throw new Error('the simulator gave no session cookie');
  return value;
}
