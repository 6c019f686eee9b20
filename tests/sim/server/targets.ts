import type { Abonnement, Profil } from '../../../utils/gar/abonnement';
import type { Cible, Personne } from '../../../utils/gar/school';
import { ApiError } from './api-error';
import type { SchoolState } from './state';

/**
 * Who an assignment target designates (the targets GAR documents): a division or a group (its
 * pupils and the teachers who teach there), a level (MEF), a whole profile, the teachers of a
 * subject, or one person. Group-like targets keep only the subscription's publics; a profile or
 * a person outside them is refused (422 cible).
 */

function known(list: { code: string }[], code: string, label: string): void {
  if (!list.some((item) => item.code === code)) {
    throw new ApiError(404, 'introuvable', `${label} ${code} introuvable dans cet établissement.`, {
      cible: code,
    });
  }
}

function refuseProfil(profil: Profil): never {
  throw new ApiError(422, 'cible', `Le public ${profil} n'est pas un public cible de cet abonnement.`, {
    profil,
  });
}

function personsOf(school: SchoolState, cible: Cible): Personne[] {
  const { population, personById } = school.view;
  switch (cible.type) {
    case 'division':
      known(population.divisions, cible.code, 'Division');
      return population.personnes.filter((p) => p.divisions.includes(cible.code));
    case 'groupe':
      known(population.groupes, cible.code, 'Groupe');
      return population.personnes.filter((p) => p.groupes.includes(cible.code));
    case 'mef':
      known(population.mefs, cible.code, 'Niveau');
      return population.personnes.filter((p) => p.mefs.includes(cible.code));
    case 'matiere':
      known(population.matieres, cible.code, 'Matière');
      return population.personnes.filter((p) => p.profil !== 'ELEVE' && p.matieres.includes(cible.code));
    case 'profil':
      return population.personnes.filter((p) => p.profil === cible.code);
    case 'personne': {
      const personne = personById.get(cible.code);
      if (!personne) {
        throw new ApiError(404, 'introuvable', `Personne ${cible.code} introuvable dans cet établissement.`, {
          cible: cible.code,
        });
      }
      return [personne];
    }
  }
}

/** The persons designated by the targets, in target order, each once. */
export function resolveTargets(school: SchoolState, abonnement: Abonnement, cibles: Cible[]): Personne[] {
  const publics = new Set<string>(abonnement.publicCible);
  const seen = new Set<string>();
  const result: Personne[] = [];
  for (const cible of cibles) {
    if (cible.type === 'profil' && !publics.has(cible.code)) refuseProfil(cible.code as Profil);
    const persons = personsOf(school, cible);
    if (cible.type === 'personne' && persons[0] && !publics.has(persons[0].profil)) {
      refuseProfil(persons[0].profil);
    }
    for (const person of persons) {
      if (publics.has(person.profil) && !seen.has(person.id)) {
        seen.add(person.id);
        result.push(person);
      }
    }
  }
  return result;
}
