// @vitest-environment node
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createConsoleClient } from '../../../utils/hosts/console/api';
import { HostError } from '../../../utils/hosts/errors';
import type { Fetch } from '../../../utils/hosts/http';
import { createPortailClient } from '../../../utils/hosts/portail/api';
import { createSimulatorApp, type SimulatorApp } from '../../sim/server/app';
import { loadSeed, type Seed } from '../../sim/server/seed-loader';
import { rejected } from '../errors';
import { CONSOLE, loginAs, PORTAIL } from '../sim/fixtures/sim-harness';

// Contract tests: the host adapters against the simulator on the committed college seed.
// What the adapters expect of the GAR pages is exactly what the simulator serves.

const UAI = '0561622J';
let seed: Seed | undefined;
let sim: SimulatorApp;

/** The adapters' fetch, answered in-process by the simulator with the RA's session cookie. */
function fetchAs(cookie: string): Fetch {
  return async (url, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie);
    return sim.app.fetch(new Request(url, { ...init, headers }));
  };
}

async function consoleClient() {
  const session = await loginAs(sim, sim.sim.state.respAffs[0]?.id ?? '');
  return createConsoleClient(fetchAs(session.cookie), CONSOLE);
}

beforeEach(async () => {
  seed ??= await loadSeed(resolve(import.meta.dirname, '../../sim/seeds/college'));
  sim = createSimulatorApp({ seed: structuredClone(seed) });
});

describe('the console adapter against the simulator', () => {
  it('reads the session, subscriptions, population and dashboard into domain objects', async () => {
    const client = await consoleClient();
    const session = await client.session();
    expect(session.uai).toBe(UAI);
    const subscriptions = await client.subscriptions(UAI);
    expect(subscriptions.length).toBeGreaterThan(20);
    expect(subscriptions.every((s) => !s.abonnement.supprime)).toBe(true);
    const population = await client.population(UAI);
    expect(population.personnes.length).toBeGreaterThan(400);
    const dashboard = await client.dashboard(UAI);
    expect(dashboard.effectifs.eleves).toBe(population.personnes.filter((p) => p.profil === 'ELEVE').length);
  });

  it('assigns a division, refuses a shortage with the missing count, and removes', async () => {
    const client = await consoleClient();
    const subscriptions = await client.subscriptions(UAI);
    const maths5e = subscriptions.find((s) => s.abonnement.libelleRessource.startsWith('Maths 5e'));
    if (!maths5e) throw new Error('Maths 5e missing from the seed');
    const shortage = await rejected(
      HostError,
      client.assign(UAI, maths5e.abonnement.idAbonnement, {
        version: maths5e.version,
        cibles: [{ type: 'profil', code: 'ELEVE' }],
      }),
    );
    expect(shortage.kind).toBe('licences');
    expect(shortage.details.manquantes).toMatchObject({ ELEVE: expect.any(Number) });

    const atlas = subscriptions.find((s) => s.abonnement.libelleRessource.startsWith('Atlas'));
    if (!atlas) throw new Error('Atlas missing from the seed');
    const added = await client.assign(UAI, atlas.abonnement.idAbonnement, {
      version: atlas.version,
      cibles: [{ type: 'division', code: '6A' }],
    });
    expect(added.ajoutees.length).toBeGreaterThan(20);
    const removed = await client.remove(UAI, atlas.abonnement.idAbonnement, {
      version: added.version,
      idPersonnes: added.ajoutees,
    });
    expect(removed.retirees.sort()).toEqual([...added.ajoutees].sort());
  });

  it('reports a stale version as a conflict', async () => {
    const client = await consoleClient();
    const [first] = await client.subscriptions(UAI);
    if (!first) throw new Error('no subscription');
    const error = await rejected(
      HostError,
      client.remove(UAI, first.abonnement.idAbonnement, { version: first.version + 7, idPersonnes: [] }),
    );
    expect(error.kind).toBe('conflit');
  });

  it('turns a missing session into a session error', async () => {
    const client = createConsoleClient(fetchAs(''), CONSOLE);
    expect((await rejected(HostError, client.subscriptions(UAI))).kind).toBe('session');
  });

  it('lists locked licences and recovers them', async () => {
    const client = await consoleClient();
    const locked = await client.lockedLicences(UAI);
    expect(locked.length).toBeGreaterThan(0);
    const recovered = await client.recoverLicences(
      UAI,
      locked.slice(0, 2).map(({ idAbonnement, idPersonne }) => ({ idAbonnement, idPersonne })),
    );
    expect(recovered).toBe(2);
    expect(await client.lockedLicences(UAI)).toHaveLength(locked.length - 2);
  });
});

describe('the portail adapter against the simulator', () => {
  it('reads subscriptions and a year of usage statistics', async () => {
    const session = await loginAs(sim, sim.sim.state.respAffs[0]?.id ?? '', PORTAIL);
    const client = createPortailClient(fetchAs(session.cookie), PORTAIL);
    expect((await client.subscriptions(UAI)).length).toBeGreaterThan(20);
    const rows = await client.usage(UAI, { depuis: '2000-01', jusqua: '2100-12' });
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.some((row) => row.libelleRessource.startsWith('Presse junior'))).toBe(true);
  });
});
