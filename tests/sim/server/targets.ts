import type { Abonnement, Profil } from '../../../utils/gar/abonnement';
import type { Cible, Personne, SchoolPopulation } from '../../../utils/gar/school';
import { ApiError } from './api-error';
import type { SchoolState } from './state';

/**
 * Who an assignment target designates, as the console decides it (API.md, « Target semantics »).
 * Written here on its own, from API.md and the population the console serves: the simulator stands
 * for the console, so it must not share the extension's planner rule (utils/gar/targets.ts) — a bug
 * in both would pass every test. tests/unit/sim/targets-differential.test.ts keeps the two in step,
 * tests/unit/sim/targets-independence.test.ts keeps them apart.
 *
 * The first target the console refuses stops the whole request: 404 for an unknown code, 422 for a
 * profile or a person outside the subscription's publics.
 */

const PROFILS: readonly string[] = ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'];

const LABELS: Record<Exclude<Cible['type'], 'profil'>, string> = {
  division: 'Division',
  groupe: 'Groupe',
  mef: 'Niveau',
  matiere: 'Matière',
  personne: 'Personne',
};

function outsidePublics(profil: string): ApiError {
  return new ApiError(422, 'cible', `Le public ${profil} n'est pas un public cible de cet abonnement.`, {
    profil,
  });
}

function unknown(type: keyof typeof LABELS, code: string): ApiError {
  return new ApiError(404, 'introuvable', `${LABELS[type]} ${code} introuvable dans cet établissement.`, {
    cible: code,
  });
}

/** Which list of a person designates them for a division, a group or a level. */
const FIELDS = { division: 'divisions', groupe: 'groupes', mef: 'mefs' } as const;

/** The console lists persons by « nom prénom », French collation; equal names keep their order. */
function byName(persons: readonly Personne[]): Personne[] {
  return [...persons].sort((a, b) => `${a.nom} ${a.prenom}`.localeCompare(`${b.nom} ${b.prenom}`, 'fr'));
}

function listedCodes(
  population: SchoolPopulation,
  type: 'division' | 'groupe' | 'mef' | 'matiere',
): string[] {
  const lists = {
    division: population.divisions,
    groupe: population.groupes,
    mef: population.mefs,
    matiere: population.matieres,
  };
  return lists[type].map((item) => item.code);
}

/** A person of the population by id. */
type PersonFinder = (id: string) => Personne | undefined;

/** Per list of persons (the view builds a new one at every load or reset), its persons by id. */
const byIdOf = new WeakMap<readonly Personne[], Map<string, Personne>>();

/**
 * Finds persons by id through a map built once per population: a request naming thousands of
 * persons (the extension sends the previewed persons one by one) must not scan the population
 * for each of them — at a lycée's rentrée that scan was most of the console's time per request.
 * Persons are changed in place (a pupil moving class), never added: the map stays true.
 */
function personFinder(population: SchoolPopulation): PersonFinder {
  let byId = byIdOf.get(population.personnes);
  if (!byId) {
    byId = new Map();
    // The first person listed under an id, as a scan of the list would find.
    for (const person of population.personnes) if (!byId.has(person.id)) byId.set(person.id, person);
    byIdOf.set(population.personnes, byId);
  }
  const found = byId;
  return (id) => found.get(id);
}

/** The members of one target, all publics, by name; throws the console's refusal for a bad target. */
function membersOf(
  population: SchoolPopulation,
  cible: Cible,
  publics: ReadonlySet<string>,
  findPerson: PersonFinder,
): Personne[] {
  switch (cible.type) {
    case 'profil':
      // A misspelt profile is refused like one outside the publics: the console knows no such public.
      if (!PROFILS.includes(cible.code) || !publics.has(cible.code)) throw outsidePublics(cible.code);
      return byName(population.personnes.filter((person) => person.profil === cible.code));
    case 'personne': {
      const person = findPerson(cible.code);
      if (!person) throw unknown('personne', cible.code);
      if (!publics.has(person.profil)) throw outsidePublics(person.profil);
      return [person];
    }
    case 'matiere':
      if (!listedCodes(population, 'matiere').includes(cible.code)) throw unknown('matiere', cible.code);
      // « Les enseignants d'une matière »: pupils who study it are not designated.
      return byName(
        population.personnes.filter(
          (person) => person.profil !== 'ELEVE' && person.matieres.includes(cible.code),
        ),
      );
    default: {
      const type: keyof typeof FIELDS = cible.type;
      if (!listedCodes(population, type).includes(cible.code)) throw unknown(type, cible.code);
      return byName(population.personnes.filter((person) => person[FIELDS[type]].includes(cible.code)));
    }
  }
}

/**
 * The persons designated by the targets: targets in request order, persons by name within one,
 * each person once, only those whose profile is one of the subscription's publics.
 */
export function designatedPersons(
  population: SchoolPopulation,
  publicCible: readonly Profil[],
  cibles: readonly Cible[],
): Personne[] {
  const publics = new Set<string>(publicCible);
  const seen = new Set<string>();
  const designated: Personne[] = [];
  const findPerson = personFinder(population);
  for (const cible of cibles) {
    for (const person of membersOf(population, cible, publics, findPerson)) {
      if (seen.has(person.id) || !publics.has(person.profil)) continue;
      seen.add(person.id);
      designated.push(person);
    }
  }
  return designated;
}

/** The persons an assignment request designates in this school (API.md `POST …/affectations`). */
export function resolveTargets(school: SchoolState, abonnement: Abonnement, cibles: Cible[]): Personne[] {
  return designatedPersons(school.view.population, abonnement.publicCible, cibles);
}
