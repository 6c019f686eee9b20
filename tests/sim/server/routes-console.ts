import { Hono } from 'hono';
import { z } from 'zod';
import { cibleSchema } from '../../../utils/gar/school';
import { bodyOf, type SimContext, type SimEnv } from './context';
import { assign, recover, remove } from './rules';
import { dashboard, listedSubscriptions, lockedLicences, schoolOf, subscriptionOf, toWire } from './state';

/** The console's JSON endpoints under `/api/etablissements/:uai/` (API.md). */

const assignSchema = z.object({
  version: z.number().int(),
  cibles: z.array(cibleSchema).min(1),
  jusquAEpuisement: z.boolean().optional(),
});
const removeSchema = z.object({ version: z.number().int(), idPersonnes: z.array(z.string()) });
const recoverSchema = z.object({
  licences: z.array(z.object({ idAbonnement: z.string(), idPersonne: z.string() })),
});

/** Subscriptions are listed by both the console and the portail. */
export function subscriptionRoutes(sim: SimContext): Hono<SimEnv> {
  const routes = new Hono<SimEnv>();
  routes.get('/api/etablissements/:uai/abonnements', (c) =>
    c.json({ abonnements: listedSubscriptions(schoolOf(sim.state, c.req.param('uai'))).map(toWire) }),
  );
  return routes;
}

export function consoleRoutes(sim: SimContext): Hono<SimEnv> {
  const routes = new Hono<SimEnv>().basePath('/api/etablissements/:uai');
  const school = (uai: string): ReturnType<typeof schoolOf> => schoolOf(sim.state, uai);

  routes.get('/abonnements/:id/affectations', (c) => {
    const subscription = subscriptionOf(school(c.req.param('uai')), c.req.param('id'));
    return c.json({
      version: subscription.version,
      affectations: [...subscription.holders.values()].map((holder) => ({
        idPersonne: holder.personId,
        profil: holder.profil,
        verrouillee: holder.verrouillee,
      })),
    });
  });

  routes.post('/abonnements/:id/affectations', async (c) => {
    const request = await bodyOf(c, assignSchema);
    return c.json(assign(school(c.req.param('uai')), c.req.param('id'), request, sim.now()));
  });

  routes.delete('/abonnements/:id/affectations', async (c) => {
    const request = await bodyOf(c, removeSchema);
    return c.json(remove(school(c.req.param('uai')), c.req.param('id'), request));
  });

  routes.get('/population', (c) => c.json(school(c.req.param('uai')).view.population));

  routes.get('/tableau-de-bord', (c) => c.json(dashboard(school(c.req.param('uai')), sim.now())));

  routes.get('/licences-verrouillees', (c) =>
    c.json({ licences: lockedLicences(school(c.req.param('uai'))) }),
  );

  routes.post('/licences-verrouillees/recuperer', async (c) => {
    const { licences } = await bodyOf(c, recoverSchema);
    return c.json({ recuperees: recover(school(c.req.param('uai')), licences) });
  });

  return routes;
}
