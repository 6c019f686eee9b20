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
