import type { Profil } from '../../../utils/gar/abonnement';
import { type Population, profilCible } from '../../../utils/gar/population';
import type { Personne, SchoolPopulation } from '../../../utils/gar/school';

/**
 * One school's population as the console shows it (API.md `GET population`), built once from the
 * GAR-ENT files. Like the real console, a group sharing its code with a division is dropped along
 * with the division, and empty groups are dropped (DOMAIN.md §4, known defects).
 */

export interface SchoolView {
  population: SchoolPopulation;
  personById: Map<string, Personne>;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function listOf(map: Map<string, Set<string>>, key: string): string[] {
  return [...(map.get(key) ?? [])].sort();
}

/** Codes used both by a division and a group: GAR drops both. */
function collidingCodes(population: Population, uai: string): Set<string> {
  const seen = new Map<string, string>();
  const colliding = new Set<string>();
  for (const groupe of population.groupes.filter((candidate) => candidate.uai === uai)) {
    const other = seen.get(groupe.code);
    if (other !== undefined && other !== groupe.statut) colliding.add(groupe.code);
    seen.set(groupe.code, groupe.statut);
  }
  return colliding;
}

export function buildSchoolView(population: Population, uai: string): SchoolView {
  const colliding = collidingCodes(population, uai);
  const groupes = population.groupes.filter((groupe) => groupe.uai === uai && !colliding.has(groupe.code));
  const statutOf = new Map(groupes.map((groupe) => [groupe.code, groupe.statut]));
  const persons = population.persons.flatMap((person) => {
    const profil = profilCible(person, uai);
    return profil ? [{ person, profil }] : [];
  });
  const profilOf = new Map<string, Profil>(persons.map(({ person, profil }) => [person.id, profil]));

  const groupsOf = new Map<string, Set<string>>();
  const membersOf = new Map<string, Set<string>>();
  for (const link of population.memberships) {
    if (link.uai !== uai || !statutOf.has(link.groupeCode) || !profilOf.has(link.personId)) continue;
    addTo(groupsOf, link.personId, link.groupeCode);
    addTo(membersOf, link.groupeCode, link.personId);
  }
  const matieresOf = new Map<string, Set<string>>();
  for (const link of population.teaching) {
    if (link.uai !== uai) continue;
    if (statutOf.has(link.groupeCode)) addTo(groupsOf, link.personId, link.groupeCode);
    for (const matiere of link.matieres) addTo(matieresOf, link.personId, matiere);
  }
  for (const link of population.enseignements) {
    if (link.uai === uai) addTo(matieresOf, link.personId, link.matiere);
  }
  const mefsOf = new Map<string, Set<string>>();
  for (const link of population.personMefs) {
    if (link.uai === uai) addTo(mefsOf, link.personId, link.mefCode);
  }

  const kept = groupes.filter((groupe) => groupe.statut === 'DIVISION' || membersOf.has(groupe.code));
  const keptCodes = new Set(kept.map((groupe) => groupe.code));
  const personnes: Personne[] = persons.map(({ person, profil }) => {
    const codes = listOf(groupsOf, person.id).filter((code) => keptCodes.has(code));
    return {
      id: person.id,
      nom: person.nom,
      prenom: person.prenom,
      profil,
      divisions: codes.filter((code) => statutOf.get(code) === 'DIVISION'),
      groupes: codes.filter((code) => statutOf.get(code) === 'GROUPE'),
      mefs: listOf(mefsOf, person.id),
      matieres: listOf(matieresOf, person.id),
    };
  });
  const effectif = (code: string): number => membersOf.get(code)?.size ?? 0;
  const byCode = (a: { code: string }, b: { code: string }): number => a.code.localeCompare(b.code, 'fr');
  const byName = (a: Personne, b: Personne): number =>
    `${a.nom} ${a.prenom}`.localeCompare(`${b.nom} ${b.prenom}`, 'fr');
  const schoolPopulation: SchoolPopulation = {
    divisions: kept
      .filter((groupe) => groupe.statut === 'DIVISION')
      .map((groupe) => ({ code: groupe.code, libelle: groupe.libelle, effectif: effectif(groupe.code) }))
      .sort(byCode),
    groupes: kept
      .filter((groupe) => groupe.statut === 'GROUPE')
      .map((groupe) => ({
        code: groupe.code,
        libelle: groupe.libelle,
        divisions: groupe.divisions,
        effectif: effectif(groupe.code),
      }))
      .sort(byCode),
    mefs: population.mefs.filter((mef) => mef.uai === uai).map(({ code, libelle }) => ({ code, libelle })),
    matieres: population.matieres
      .filter((matiere) => matiere.uai === uai)
      .map(({ code, libelle }) => ({ code, libelle })),
    personnes: personnes.sort(byName),
  };
  return { population: schoolPopulation, personById: new Map(personnes.map((p) => [p.id, p])) };
}
