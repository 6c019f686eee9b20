// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createSimulatorApp, type SimulatorApp } from '../../sim/server/app';
import { loadSeed } from '../../sim/server/seed-loader';
import { CONSOLE, loginAs, MINI_SEED, miniSimulator, PORTAIL, UAI } from './fixtures/sim-harness';

/** The « variante » skin: other paths and hooks, same behaviour. */

async function varianteSimulator(): Promise<SimulatorApp> {
  const today = new Date();
  return createSimulatorApp({ seed: await loadSeed(MINI_SEED, today), now: () => today, variante: true });
}

async function page(sim: SimulatorApp, path: string, cookie: string, host = CONSOLE): Promise<Response> {
  return sim.app.fetch(new Request(`${host}${path}`, { headers: { cookie }, redirect: 'manual' }));
}

describe('simulator — variante skin', () => {
  it('renders data-v- hooks, v2- classes and variante links in the console shell', async () => {
    const sim = await varianteSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    const response = await page(sim, '/catalogue', ra.cookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('data-v-application="console"');
    expect(html).toContain('data-sim-variante');
    expect(html).toContain('data-v-vue');
    expect(html).not.toContain('data-gar-');
    expect(html).toContain('class="v2-onglet" href="/catalogue" data-v-onglet="ressources"');
    expect(html).toContain('href="/licences"');
  });

  it('serves the shells at the variante paths only', async () => {
    const sim = await varianteSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    for (const path of [
      '/accueil',
      '/catalogue',
      '/catalogue/fiche/X',
      '/public',
      '/public/divisions/3A',
      '/licences',
    ]) {
      expect((await page(sim, path, ra.cookie)).status, path).toBe(200);
    }
    for (const path of [
      '/tableau-de-bord',
      '/ressources',
      '/ressources/X',
      '/population',
      '/recuperation',
      '/connexion',
    ]) {
      const response = await page(sim, path, ra.cookie);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('<html');
    }
    expect((await page(sim, '/', ra.cookie)).headers.get('location')).toBe('/accueil');
    const portail = await loginAs(sim, 'DOC-0001', PORTAIL);
    expect((await page(sim, '/mes-abonnements', portail.cookie, PORTAIL)).status).toBe(200);
    expect((await page(sim, '/usages?depuis=2026-01', portail.cookie, PORTAIL)).status).toBe(200);
    expect((await page(sim, '/abonnements', portail.cookie, PORTAIL)).status).toBe(404);
    expect((await page(sim, '/statistiques', portail.cookie, PORTAIL)).status).toBe(404);
    expect((await page(sim, '/', portail.cookie, PORTAIL)).headers.get('location')).toBe('/mes-abonnements');
  });

  it('sends the logged-out and the logged-in to the variante paths', async () => {
    const sim = await varianteSimulator();
    const anonymous = await page(sim, '/catalogue', '');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/identification');
    const login = await page(sim, '/identification', '');
    expect(login.status).toBe(200);
    const html = await login.text();
    expect(html).toContain('data-v-form="connexion"');
    expect(html).not.toContain('data-gar-');
    const posted = await sim.app.fetch(
      new Request(`${CONSOLE}/connexion`, {
        method: 'POST',
        body: new URLSearchParams({ idRespAff: 'DOC-0001' }),
      }),
    );
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/accueil');
  });

  it('moves the API to /api/v2 and answers 404 at the old paths', async () => {
    const sim = await varianteSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    const session = await ra.call('/api/v2/session');
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ uai: UAI });
    expect((await ra.call('/api/session')).status).toBe(404);
    const abonnements = await ra.call(`/api/v2/structures/${UAI}/abonnements`);
    expect(abonnements.status).toBe(200);
    const { abonnements: liste } = (await abonnements.json()) as { abonnements: { idAbonnement: string }[] };
    expect(liste.length).toBeGreaterThan(0);
    expect((await ra.call(`/api/etablissements/${UAI}/abonnements`)).status).toBe(404);
    const id = encodeURIComponent(liste[0]?.idAbonnement ?? '');
    expect((await ra.call(`/api/v2/structures/${UAI}/abonnements/${id}/affectations`)).status).toBe(200);
    expect((await ra.call(`/api/v2/structures/${UAI}/population`)).status).toBe(200);
    expect((await ra.call(`/api/v2/structures/${UAI}/tableau-de-bord`)).status).toBe(200);
    expect((await ra.call(`/api/v2/structures/${UAI}/licences-verrouillees`)).status).toBe(200);
    const switched = await ra.call('/api/v2/session/structure', { method: 'PUT', body: { uai: UAI } });
    expect(switched.status).toBe(200);
    expect((await ra.call('/api/session/uai', { method: 'PUT', body: { uai: UAI } })).status).toBe(404);
    const portail = await loginAs(sim, 'DOC-0001', PORTAIL);
    expect((await portail.call(`/api/v2/structures/${UAI}/statistiques`)).status).toBe(200);
    expect((await portail.call(`/api/etablissements/${UAI}/statistiques`)).status).toBe(404);
    // The administration endpoints stay put.
    expect((await sim.app.fetch(new Request(`${CONSOLE}/__sim/etat`))).status).toBe(200);
  });

  it('serves the stylesheet with v2- class selectors', async () => {
    const sim = await varianteSimulator();
    const css = await (await sim.app.fetch(new Request(`${CONSOLE}/static/style.css`))).text();
    expect(css).toContain('.v2-onglet[aria-current="page"]');
    expect(css).not.toMatch(/(^|[\s,}])\.onglet\b/m);
  });

  it('leaves the normal skin unchanged', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    const html = await (await page(sim, '/ressources', ra.cookie)).text();
    expect(html).toContain('data-gar-application="console"');
    expect(html).not.toContain('data-v-');
    expect(html).not.toContain('data-sim-variante');
    expect(html).toContain('class="onglet" href="/ressources" data-gar-onglet="ressources"');
    expect((await ra.call('/api/session')).status).toBe(200);
    expect((await ra.call(`/api/etablissements/${UAI}/abonnements`)).status).toBe(200);
    expect((await ra.call('/api/v2/session')).status).toBe(404);
    expect((await page(sim, '/catalogue', ra.cookie)).status).toBe(404);
    const css = await (await sim.app.fetch(new Request(`${CONSOLE}/static/style.css`))).text();
    expect(css).not.toContain('v2-');
  });
});
