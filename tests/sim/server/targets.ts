import type { Abonnement } from '../../../utils/gar/abonnement';
import type { Cible, Personne } from '../../../utils/gar/school';
import {
  indexPopulation,
  type PopulationIndex,
  resolveTargets as resolve,
  type TargetProblem,
} from '../../../utils/gar/targets';
import { ApiError } from './api-error';
import type { SchoolView } from './school-view';
import type { SchoolState } from './state';

/**
 * Who an assignment target designates: the rule lives in utils/gar/targets.ts, shared with the
 * extension's planner so that the plan and this server cannot drift apart. Here only the refusals:
 * the first target the console would refuse stops the request (404 unknown code, 422 outside the
 * subscription's publics).
 */

/** A school's population never changes while it is loaded: index it once. */
const indexes = new WeakMap<SchoolView, PopulationIndex>();

function indexOf(view: SchoolView): PopulationIndex {
  let index = indexes.get(view);
  if (!index) {
    index = indexPopulation(view.population);
    indexes.set(view, index);
  }
  return index;
}

const LABELS: Record<Exclude<Cible['type'], 'profil'>, string> = {
  division: 'Division',
  groupe: 'Groupe',
  mef: 'Niveau',
  matiere: 'Matière',
  personne: 'Personne',
};

function refusal(problem: TargetProblem): ApiError {
  const { cible } = problem;
  // Any profile code outside the publics is refused as such, a misspelt one included.
  if (problem.kind === 'horsPublic' || cible.type === 'profil') {
    const profil = problem.kind === 'horsPublic' ? problem.profil : cible.code;
    return new ApiError(422, 'cible', `Le public ${profil} n'est pas un public cible de cet abonnement.`, {
      profil,
    });
  }
  return new ApiError(
    404,
    'introuvable',
    `${LABELS[cible.type]} ${cible.code} introuvable dans cet établissement.`,
    { cible: cible.code },
  );
}

/** The persons designated by the targets, in target order, each once. */
export function resolveTargets(school: SchoolState, abonnement: Abonnement, cibles: Cible[]): Personne[] {
  const { persons, problems } = resolve(indexOf(school.view), abonnement, cibles);
  const [first] = problems;
  if (first) throw refusal(first);
  return persons;
}
