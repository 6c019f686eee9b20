import { Hono } from 'hono';
import { bodyOf, type SimContext, type SimEnv } from './context';
import { faultsSchema } from './faults';

/** `/__sim` — test-only administration: faults, reset, counters (API.md). */
export function adminRoutes(sim: SimContext, reset: () => Promise<void>): Hono<SimEnv> {
  const routes = new Hono<SimEnv>().basePath('/__sim');

  routes.post('/fautes', async (c) => c.json(sim.faults.set(await bodyOf(c, faultsSchema))));

  routes.delete('/fautes', (c) => {
    sim.faults.clear();
    return c.json(sim.faults.current());
  });

  routes.post('/reinitialiser', async (c) => {
    await reset();
    return c.json({ reinitialise: true });
  });

  routes.get('/etat', (c) =>
    c.json({ requetes: sim.requetes, sessions: sim.sessions.size, fautes: sim.faults.current() }),
  );

  return routes;
}
