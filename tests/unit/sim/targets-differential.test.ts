// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROFILS, type Profil } from '../../../utils/gar/abonnement';
import type { Cible, Personne, SchoolPopulation } from '../../../utils/gar/school';
import { indexPopulation, resolveTargets, type TargetProblem } from '../../../utils/gar/targets';
import { ApiError } from '../../sim/server/api-error';
import { designatedPersons } from '../../sim/server/targets';

/**
 * The planner (utils/gar/targets.ts) predicts what the console will do; the simulator (its own
 * code, tests/sim/server/targets.ts) is the console. On random schools and random target lists both
 * must designate the same persons in the same order, and refuse the same target the same way.
 */

const DIVISIONS = ['6A', '6B', '5A'];
const GROUPES = ['G-ESP', 'G-LAT'];
const MEFS = ['6EME', '5EME'];
const MATIERES = ['MATHS', 'FRANC'];
/** Letters that make French collation matter: accents, case, spaces, ties. */
const LETTERS = ['a', 'b', 'é', 'e', 'E', 'É', ' ', 'z'];

const name = fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 3 }).map((l) => l.join(''));
/** Codes a person may carry: listed ones mostly, and one the population does not list. */
const codes = (listed: string[]) => fc.uniqueArray(fc.constantFrom(...listed, 'ABSENT'), { maxLength: 3 });

const person = (id: string): fc.Arbitrary<Personne> =>
  fc.record({
    id: fc.constant(id),
    nom: name,
    prenom: name,
    profil: fc.constantFrom(...PROFILS),
    divisions: codes(DIVISIONS),
    groupes: codes(GROUPES),
    mefs: codes(MEFS),
    matieres: codes(MATIERES),
  });

const population: fc.Arbitrary<SchoolPopulation> = fc
  .integer({ min: 0, max: 14 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => person(`P${i}`))))
  .chain((personnes) =>
    fc.record({
      // Some codes persons carry are not listed: the console knows them not.
      divisions: fc.subarray(DIVISIONS).map((l) => l.map((code) => ({ code, libelle: code, effectif: 0 }))),
      groupes: fc
        .subarray(GROUPES)
        .map((l) => l.map((code) => ({ code, libelle: code, divisions: [], effectif: 0 }))),
      mefs: fc.subarray(MEFS).map((l) => l.map((code) => ({ code, libelle: code }))),
      matieres: fc.subarray(MATIERES).map((l) => l.map((code) => ({ code, libelle: code }))),
      personnes: fc.constant(personnes),
    }),
  );

const cible: fc.Arbitrary<Cible> = fc.oneof(
  fc.record({ type: fc.constant('division' as const), code: fc.constantFrom(...DIVISIONS, 'XX') }),
  fc.record({ type: fc.constant('groupe' as const), code: fc.constantFrom(...GROUPES, 'XX') }),
  fc.record({ type: fc.constant('mef' as const), code: fc.constantFrom(...MEFS, 'XX') }),
  fc.record({ type: fc.constant('matiere' as const), code: fc.constantFrom(...MATIERES, 'XX') }),
  fc.record({ type: fc.constant('profil' as const), code: fc.constantFrom(...PROFILS, 'INCONNU') }),
  fc.record({
    type: fc.constant('personne' as const),
    code: fc.constantFrom('P0', 'P1', 'P3', 'P9', 'P13', 'NOBODY'),
  }),
);

const publics: fc.Arbitrary<Profil[]> = fc.subarray([...PROFILS], { minLength: 1 });

type Outcome = { persons: string[] } | { status: number; erreur: string; detail: string };

/** The planner's verdict, as the console's answer it predicts (the first refused target wins). */
function plannerOutcome(pop: SchoolPopulation, publicCible: Profil[], cibles: Cible[]): Outcome {
  const { persons, problems } = resolveTargets(indexPopulation(pop), { publicCible }, cibles);
  const first: TargetProblem | undefined = problems[0];
  if (!first) return { persons: persons.map((p) => p.id) };
  if (first.kind === 'horsPublic') return { status: 422, erreur: 'cible', detail: first.profil };
  // An unknown profile code is refused as a public, the rest as unknown codes (API.md).
  if (first.cible.type === 'profil') return { status: 422, erreur: 'cible', detail: first.cible.code };
  return { status: 404, erreur: 'introuvable', detail: first.cible.code };
}

function simulatorOutcome(pop: SchoolPopulation, publicCible: Profil[], cibles: Cible[]): Outcome {
  try {
    return { persons: designatedPersons(pop, publicCible, cibles).map((p) => p.id) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const body = error.body() as { erreur: string; profil?: string; cible?: string };
    return { status: error.status, erreur: body.erreur, detail: body.profil ?? body.cible ?? '' };
  }
}

describe('target resolution: the simulator and the planner agree', () => {
  it('same persons in the same order, same refusals, on random schools', () => {
    fc.assert(
      fc.property(
        population,
        publics,
        fc.array(cible, { minLength: 1, maxLength: 5 }),
        (pop, pub, cibles) => {
          expect(simulatorOutcome(pop, pub, cibles)).toEqual(plannerOutcome(pop, pub, cibles));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the generator reaches every case: persons found, 404 and 422', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        population,
        publics,
        fc.array(cible, { minLength: 1, maxLength: 5 }),
        (pop, pub, cibles) => {
          const outcome = simulatorOutcome(pop, pub, cibles);
          seen.add(
            'persons' in outcome ? (outcome.persons.length > 0 ? 'persons' : 'empty') : `${outcome.status}`,
          );
        },
      ),
      { numRuns: 500, seed: 14 },
    );
    expect([...seen].sort()).toEqual(['404', '422', 'empty', 'persons']);
  });
});
