import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from './api-error';
import { bodyOf, type SimContext, type SimEnv } from './context';
import { faultsSchema } from './faults';
import { type SchoolState, schoolOf } from './state';

const moveSchema = z.object({
  uai: z.string().min(1),
  idPersonne: z.string().min(1),
  division: z.string().min(1),
});

/**
 * A pupil changes class (the ENT's nightly files brought it): they leave their divisions for
 * `division`; effectifs follow. Groups and level stay as they were.
 */
function movePupil(school: SchoolState, idPersonne: string, division: string): void {
  const { population, personById } = school.view;
  const person = personById.get(idPersonne);
  if (person?.profil !== 'ELEVE') {
    throw new ApiError(404, 'introuvable', `Élève ${idPersonne} introuvable dans cet établissement.`);
  }
  const target = population.divisions.find((candidate) => candidate.code === division);
  if (!target) throw new ApiError(404, 'introuvable', `Division ${division} introuvable.`);
  for (const left of population.divisions) {
    if (person.divisions.includes(left.code)) left.effectif -= 1;
  }
  person.divisions = [division];
  target.effectif += 1;
}

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

  routes.post('/deplacer', async (c) => {
    const { uai, idPersonne, division } = await bodyOf(c, moveSchema);
    movePupil(schoolOf(sim.state, uai), idPersonne, division);
    return c.json(sim.state.schools.get(uai)?.view.personById.get(idPersonne));
  });

  routes.get('/etat', (c) =>
    c.json({
      requetes: sim.requetes,
      sessions: sim.sessions.size,
      bloquees: sim.bloquees,
      fautes: sim.faults.current(),
    }),
  );

  return routes;
}
