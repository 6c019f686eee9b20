import { resolve } from 'node:path';
import { type ConsoleClient, createConsoleClient } from '../../../utils/hosts/console/api';
import { createSimulatorApp, type SimulatorApp } from '../../sim/server/app';
import type { Faults } from '../../sim/server/faults';
import { loadSeed, type Seed } from '../../sim/server/seed-loader';
import { CONSOLE, loginAs } from '../sim/fixtures/sim-harness';

/**
 * The simulator on the committed college seed, in process, behind the real console client: the
 * bulk-write code is tested against the console's own rules and fault knobs, not only fakes.
 */

export const COLLEGE_UAI = '0561622J';

let college: Promise<Seed> | undefined;

/** A small deterministic generator, so the injected failures fall the same way on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export interface SimSetup {
  sim: SimulatorApp;
  /** Logs an RA in; the returned client follows the latest login. */
  login(): Promise<ConsoleClient>;
  faults(faults: Faults | null): Promise<void>;
}

export async function simulator(random = seededRandom(7)): Promise<SimSetup> {
  college ??= loadSeed(resolve(import.meta.dirname, '../../sim/seeds/college'));
  const sim = createSimulatorApp({ seed: structuredClone(await college), random });
  const session = { cookie: '' };
  const client = createConsoleClient(async (url, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', session.cookie);
    return sim.app.fetch(new Request(url, { ...init, headers }));
  }, CONSOLE);
  return {
    sim,
    login: async () => {
      session.cookie = (await loginAs(sim, sim.sim.state.respAffs[0]?.id ?? '')).cookie;
      return client;
    },
    faults: async (faults) => {
      await sim.app.fetch(
        new Request(`${CONSOLE}/__sim/fautes`, {
          method: faults ? 'POST' : 'DELETE',
          headers: { 'content-type': 'application/json' },
          body: faults ? JSON.stringify(faults) : undefined,
        }),
      );
    },
  };
}
