// @vitest-environment node
import { request } from 'node:https';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim/server/index';
import {
  affectationsPath,
  CONSOLE,
  loginAs,
  MINI_SEED,
  miniSimulator,
  PORTAIL,
  UAI,
} from './fixtures/sim-harness';

type Json = Record<string, unknown>;

async function admin(
  sim: Awaited<ReturnType<typeof miniSimulator>>,
  method: string,
  path: string,
  body?: unknown,
): Promise<Json> {
  const response = await sim.app.fetch(
    new Request(`${CONSOLE}/__sim/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  return (await response.json()) as Json;
}

/** One HTTPS request to the running simulator under the console's hostname. */
function httpsGet(port: number, path: string, cookie = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        servername: 'affectation.gar.education.fr',
        rejectUnauthorized: false,
        headers: { host: 'affectation.gar.education.fr', cookie },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('simulator — fault knobs', () => {
  it('adds latency to every request', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    await admin(sim, 'POST', 'fautes', { latenceMs: 120 });
    const start = performance.now();
    expect((await ra.call('/api/session')).status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(100);
    await admin(sim, 'DELETE', 'fautes');
    const fast = performance.now();
    await ra.call('/api/session');
    expect(performance.now() - fast).toBeLessThan(100);
  });

  it('fails API requests at the given error rate with 503 serveur', async () => {
    let draw = 0;
    // Alternating draws: 0.1 (< 0.5, fails) then 0.9 (passes). The dropped-connection draw comes first.
    const sim = await miniSimulator({ random: () => [0.99, 0.1, 0.99, 0.9][draw++ % 4] ?? 1 });
    const ra = await loginAs(sim, 'DOC-0001');
    await admin(sim, 'POST', 'fautes', { tauxErreur: 0.5 });
    const first = await ra.call('/api/session');
    expect(first.status).toBe(503);
    expect(await first.json()).toMatchObject({ erreur: 'serveur' });
    expect((await ra.call('/api/session')).status).toBe(200);
  });

  it('ecrituresSeulement: the random faults spare reads and hit writes', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    await admin(sim, 'POST', 'fautes', { tauxErreur: 1, ecrituresSeulement: true });
    expect((await ra.call('/api/session')).status).toBe(200);
    const write = await ra.call('/api/session/uai', { method: 'PUT', body: { uai: UAI } });
    expect(write.status).toBe(503);
  });

  it('expires a session after N requests (401), from the CLI-style initial faults too', async () => {
    const sim = await miniSimulator({ faults: { expirationSessionApres: 2 } });
    const ra = await loginAs(sim, 'DOC-0001');
    expect((await ra.call('/api/session')).status).toBe(200);
    expect((await ra.call(`/api/etablissements/${UAI}/abonnements`)).status).toBe(200);
    const expired = await ra.call('/api/session');
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ erreur: 'session' });
    expect((await ra.call('/api/session')).status).toBe(401);
    expect((await admin(sim, 'GET', 'etat')).sessions).toBe(0);
  });

  it('plays a concurrent RA change after N requests: the next stale write gets 409', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    await admin(sim, 'POST', 'fautes', {
      changementConcurrent: { uai: UAI, idAbonnement: 'AB-GLOBAL', ajouter: ['ELV-0006'], apresRequetes: 1 },
    });
    const { version } = await ra.json<{ version: number }>(affectationsPath('AB-GLOBAL'));
    expect(version).toBe(1);
    const write = await ra.call(affectationsPath('AB-GLOBAL'), {
      method: 'POST',
      body: { version, cibles: [{ type: 'personne', code: 'ELV-0005' }] },
    });
    expect(write.status).toBe(409);
    const body = (await write.json()) as { version: number };
    expect(body.version).toBeGreaterThan(1);
    const { affectations } = await ra.json<{ affectations: { idPersonne: string }[] }>(
      affectationsPath('AB-GLOBAL'),
    );
    expect(affectations.map((a) => a.idPersonne)).toContain('ELV-0006');
    expect((await admin(sim, 'GET', 'etat')).fautes).toEqual({});
  });

  it('reports its state and reloads the seed on reinitialiser', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    await ra.json(affectationsPath('AB-ILLIMITE'), {
      method: 'POST',
      body: { version: 1, cibles: [{ type: 'profil', code: 'ELEVE' }] },
    });
    await admin(sim, 'POST', 'reinitialiser');
    const { affectations } = await ra.json<{ affectations: unknown[] }>(affectationsPath('AB-ILLIMITE'));
    expect(affectations).toHaveLength(0);
    const etat = await admin(sim, 'GET', 'etat');
    expect(etat).toMatchObject({ sessions: 1, fautes: {} });
    expect(etat.requetes).toBeGreaterThanOrEqual(3);
  });

  it('drops connections on a real server, and serves pages under the GAR hostnames', async () => {
    const running = await startSimulator({ seedDir: MINI_SEED, autoLogin: true, faults: { coupures: 1 } });
    try {
      const page = await httpsGet(running.port, '/tableau-de-bord');
      expect(page.status).toBe(200);
      expect(page.body).toContain('Console d');
      await expect(httpsGet(running.port, '/api/session')).rejects.toThrow();
    } finally {
      await running.close();
    }
  });
});

describe('simulator — portail statistics', () => {
  it('filters by month and exports the same rows as CSV with a BOM', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001', PORTAIL);
    const all = await ra.json<{ lignes: { mois: string; acces: number }[] }>(
      `/api/etablissements/${UAI}/statistiques`,
    );
    expect(all.lignes).toHaveLength(4);
    const last =
      all.lignes
        .map((l) => l.mois)
        .sort()
        .at(-1) ?? '';
    const recent = await ra.json<{ lignes: unknown[] }>(
      `/api/etablissements/${UAI}/statistiques?depuis=${last}`,
    );
    expect(recent.lignes).toHaveLength(3);

    const csv = await ra.call(`/api/etablissements/${UAI}/statistiques.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
    expect(lines[0]).toBe('idRessource;libelleRessource;mois;profil;acces;utilisateurs');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^ark:\/49591\/profil;Anglais interactif 6e;\d{4}-\d{2};ELEVE;40;8$/);

    const onConsole = await ra.call(`/api/etablissements/${UAI}/statistiques`, { host: CONSOLE });
    expect(onConsole.status).toBe(404);
  });
});

/** Lets the event loop turn a few times: enough for an in-process request that would answer. */
async function turns(count = 5): Promise<void> {
  for (let i = 0; i < count; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function holdersOf(ra: Awaited<ReturnType<typeof loginAs>>, id: string): Promise<string[]> {
  const { affectations } = await ra.json<{ affectations: { idPersonne: string }[] }>(affectationsPath(id));
  return affectations.map((a) => a.idPersonne);
}

describe('simulator — faults after the request, hangs and outages', () => {
  it('reponsesPerdues: the write applies, then the answer is lost (503 in process)', async () => {
    const sim = await miniSimulator({ random: () => 0 });
    const ra = await loginAs(sim, 'DOC-0001');
    await admin(sim, 'POST', 'fautes', { reponsesPerdues: 1 });
    const write = await ra.call(affectationsPath('AB-ILLIMITE'), {
      method: 'POST',
      body: { version: 1, cibles: [{ type: 'personne', code: 'ELV-0003' }] },
    });
    expect(write.status).toBe(503);
    expect(await write.json()).toMatchObject({ erreur: 'serveur' });
    await admin(sim, 'DELETE', 'fautes');
    expect(await holdersOf(ra, 'AB-ILLIMITE')).toEqual(['ELV-0003']);
  });

  it('reponsesPerdues: on a real server the socket is destroyed after the request was handled', async () => {
    const running = await startSimulator({ seedDir: MINI_SEED, faults: { reponsesPerdues: 1 } });
    try {
      await expect(httpsGet(running.port, '/api/session')).rejects.toThrow();
      // Pages are not API requests: they still answer.
      expect((await httpsGet(running.port, '/connexion')).status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('blocages: the request never answers until the client aborts it, and writes nothing', async () => {
    const sim = await miniSimulator({ random: () => 0 });
    const ra = await loginAs(sim, 'DOC-0001');
    await admin(sim, 'POST', 'fautes', { blocages: 1 });
    const client = new AbortController();
    let settled = false;
    const pending = Promise.resolve(
      sim.app.fetch(
        new Request(`${CONSOLE}${affectationsPath('AB-ILLIMITE')}`, {
          method: 'POST',
          headers: { cookie: ra.cookie, 'content-type': 'application/json' },
          body: JSON.stringify({ version: 1, cibles: [{ type: 'personne', code: 'ELV-0003' }] }),
          signal: client.signal,
        }),
      ),
    ).finally(() => {
      settled = true;
    });
    await turns(20);
    expect(settled).toBe(false);
    client.abort();
    expect((await pending).status).toBe(503);
    await admin(sim, 'DELETE', 'fautes');
    expect(await holdersOf(ra, 'AB-ILLIMITE')).toEqual([]);
  });

  it('panne { requetes: N }: the next N API requests fail with 503, then the console is back', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    expect(await admin(sim, 'POST', 'fautes', { panne: { requetes: 2 } })).toMatchObject({
      panne: { requetes: 2 },
    });
    expect((await ra.call('/api/session')).status).toBe(503);
    // Pages are not counted: only API requests fail during the outage.
    expect((await ra.call('/tableau-de-bord')).status).toBe(200);
    const second = await ra.call(`/api/etablissements/${UAI}/abonnements`);
    expect(second.status).toBe(503);
    expect(await second.json()).toMatchObject({ erreur: 'serveur' });
    expect((await ra.call('/api/session')).status).toBe(200);
    expect((await admin(sim, 'GET', 'etat')).fautes).toEqual({});
  });

  it('panne { pendantMs }: API requests fail while it lasts; a malformed outage is a 400', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    await admin(sim, 'POST', 'fautes', { panne: { pendantMs: 60_000 } });
    expect((await ra.call('/api/session')).status).toBe(503);
    expect((await ra.call('/api/session')).status).toBe(503);
    await admin(sim, 'DELETE', 'fautes');
    expect((await ra.call('/api/session')).status).toBe(200);
    const bad = await sim.app.fetch(
      new Request(`${CONSOLE}/__sim/fautes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ panne: {} }),
      }),
    );
    expect(bad.status).toBe(400);
  });

  it('deplacer: a pupil changes division, and a division target follows at once', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    const moved = await admin(sim, 'POST', 'deplacer', { uai: UAI, idPersonne: 'ELV-0004', division: '6A' });
    expect(moved).toMatchObject({ id: 'ELV-0004', divisions: ['6A'] });
    const population = await ra.json<{ divisions: { code: string; effectif: number }[] }>(
      `/api/etablissements/${UAI}/population`,
    );
    const effectifs = Object.fromEntries(population.divisions.map((d) => [d.code, d.effectif]));
    const write = await ra.json<{ ajoutees: string[] }>(affectationsPath('AB-ILLIMITE'), {
      method: 'POST',
      body: { version: 1, cibles: [{ type: 'division', code: '6A' }] },
    });
    expect(write.ajoutees).toContain('ELV-0004');
    expect(write.ajoutees).not.toContain('ELV-0005');
    const before = await miniSimulator();
    const original = Object.fromEntries(
      before.sim.state.schools.get(UAI)?.view.population.divisions.map((d) => [d.code, d.effectif]) ?? [],
    );
    expect(effectifs['6A']).toBe((original['6A'] ?? 0) + 1);
    expect(effectifs['6B']).toBe((original['6B'] ?? 0) - 1);
    const unknown = await sim.app.fetch(
      new Request(`${CONSOLE}/__sim/deplacer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ uai: UAI, idPersonne: 'ENS-0001', division: '6A' }),
      }),
    );
    expect(unknown.status).toBe(404);
  });
});
