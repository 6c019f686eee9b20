import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { ApiError } from './api-error';
import { bodyOf, login, raOf, type SimContext, type SimEnv, sessionJson } from './context';
import { loginPage } from './pages';
import { SESSION_COOKIE, sessionCookie } from './sessions';

/** Login page, session JSON, school switcher and logout — on both hosts. */
export function sessionRoutes(sim: SimContext): Hono<SimEnv> {
  const routes = new Hono<SimEnv>();

  routes.get('/connexion', (c) =>
    c.html(loginPage(sim.state.respAffs, c.get('host'), undefined, sim.variante)),
  );

  routes.post('/connexion', async (c) => {
    const form = await c.req.parseBody();
    const ra = sim.state.respAffs.find((candidate) => candidate.id === form.idRespAff);
    if (!ra)
      return c.html(loginPage(sim.state.respAffs, c.get('host'), 'Responsable inconnu.', sim.variante), 400);
    login(sim, c, ra);
    return c.redirect(sim.chemin(c.get('host') === 'portail' ? '/abonnements' : '/tableau-de-bord'), 303);
  });

  routes.get('/api/session', (c) => c.json(sessionJson(sim, c.get('session'))));

  routes.put('/api/session/uai', async (c) => {
    const { uai } = await bodyOf(c, z.object({ uai: z.string().min(1) }));
    const session = c.get('session');
    if (!raOf(sim, session).uais.includes(uai)) {
      throw new ApiError(403, 'etablissement', `Vous n'êtes pas responsable d'affectation de ${uai}.`);
    }
    session.uai = uai;
    return c.json(sessionJson(sim, session));
  });

  routes.post('/api/deconnexion', (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) sim.sessions.close(token);
    c.header('Set-Cookie', sessionCookie('', new URL(c.req.url).hostname, 0));
    return c.body(null, 204);
  });

  return routes;
}
