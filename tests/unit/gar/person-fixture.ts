import type { Profil } from '../../../utils/gar/abonnement';
import type { Personne } from '../../../utils/gar/school';

/** A person as the console lists them, in no division, group, level or subject unless given. */
export function person(
  id: string,
  nom: string,
  prenom: string,
  profil: Profil,
  links: Partial<Personne> = {},
): Personne {
  return { id, nom, prenom, profil, divisions: [], groupes: [], mefs: [], matieres: [], ...links };
}
