import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * An HTTPS server on loopback with a throw-away certificate. Chromium reaches it under GAR
 * hostnames through --host-resolver-rules, so the production match patterns are what is tested.
 */
export async function startHttpsServer(handler: Handler): Promise<RunningServer> {
  const pems = await generate([{ name: 'commonName', value: '*.gar.education.fr' }]);
  const server = createServer({ key: pems.private, cert: pems.cert }, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
