// First: the domain's messages need the French catalogue before wxt/browser loads.
import '../../support/node-i18n';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { generate } from 'selfsigned';
import { createSimulatorApp } from './app';
import type { Faults } from './faults';
import { loadSeed } from './seed-loader';

/** Starts the simulator on loopback over HTTPS (throw-away certificate for *.gar.education.fr). */

export interface StartOptions {
  seedDir: string;
  /** 0 (default): a free port. */
  port?: number;
  autoLogin?: boolean;
  faults?: Faults;
  /** The « variante » skin: other URL paths, API paths and DOM hooks, same behaviour (README). */
  variante?: boolean;
}

export interface RunningSimulator {
  port: number;
  close(): Promise<void>;
  reset(): Promise<void>;
}

export async function startSimulator(options: StartOptions): Promise<RunningSimulator> {
  const seed = await loadSeed(options.seedDir);
  const { app, reset } = createSimulatorApp({
    seed,
    autoLogin: options.autoLogin,
    faults: options.faults,
    variante: options.variante,
  });
  const pems = await generate([{ name: 'commonName', value: '*.gar.education.fr' }], {
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: '*.gar.education.fr' },
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve(
      {
        fetch: app.fetch,
        createServer,
        serverOptions: { key: pems.private, cert: pems.cert },
        port: options.port ?? 0,
        hostname: '127.0.0.1',
      },
      () => resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
