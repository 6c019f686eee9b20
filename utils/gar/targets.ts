import { type MessageKey, t, tn } from '../i18n';
import { type Abonnement, isProfil, PROFILS, type Profil } from './abonnement';
import { type ClassCover, classCovers } from './class-groups';
import type { Cible, Personne, SchoolPopulation } from './school';

/**
 * Who an assignment target designates (the targets GAR documents, tests/sim/API.md): a division
 * or a group (its pupils and the teachers who teach there), a level (MEF), a whole profile, the
 * teachers of a subject, or one person. Group-like targets keep only the subscription's publics;
 * a profile or a person outside them is a problem the console refuses (422), an unknown code
 * another one (404). Within one target persons come in the console's order — by name, the order
 * « jusqu'à épuisement » serves them in.
 */

/** Targets that designate the members of a code listed in the population. */
type ListedType = 'division' | 'groupe' | 'mef' | 'matiere';

export interface PopulationIndex {
  readonly population: SchoolPopulation;
  readonly personById: ReadonlyMap<string, Personne>;
  /** Known codes and their libellé: a code absent here is unknown to the console. */
  readonly libelles: Readonly<Record<ListedType, ReadonlyMap<string, string>>>;
  /** Members per code, in console order (matières: non-pupils only, like the console). */
  readonly members: Readonly<Record<ListedType, ReadonlyMap<string, readonly Personne[]>>>;
  readonly byProfil: ReadonlyMap<string, readonly Personne[]>;
  /** Division code → the groups meant to hold all its pupils (class-groups.ts); most have none. */
  readonly classCovers: ReadonlyMap<string, readonly ClassCover[]>;
}

/** The console sorts persons by « nom prénom » with French collation (school-view.ts). */
const collator = new Intl.Collator('fr');
const byName = (a: Personne, b: Personne): number =>
  collator.compare(`${a.nom} ${a.prenom}`, `${b.nom} ${b.prenom}`);

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  // A code listed twice for one person must not designate them twice.
  else if (list[list.length - 1] !== value) list.push(value);
}

function libellesOf(items: readonly { code: string; libelle: string }[]): Map<string, string> {
  return new Map(items.map((item) => [item.code, item.libelle]));
}

/** Built once per population, in one pass over its persons (after one sort by name). */
export function indexPopulation(population: SchoolPopulation): PopulationIndex {
  // A stable sort keeps the console's order for equal names when it already sent them sorted.
  const persons = [...population.personnes].sort(byName);
  const members: Record<ListedType, Map<string, Personne[]>> = {
    division: new Map(),
    groupe: new Map(),
    mef: new Map(),
    matiere: new Map(),
  };
  const byProfil = new Map<string, Personne[]>();
  for (const person of persons) {
    for (const code of person.divisions) push(members.division, code, person);
    for (const code of person.groupes) push(members.groupe, code, person);
    for (const code of person.mefs) push(members.mef, code, person);
    if (person.profil !== 'ELEVE') for (const code of person.matieres) push(members.matiere, code, person);
    push(byProfil, person.profil, person);
  }
  return {
    population,
    personById: new Map(population.personnes.map((person) => [person.id, person])),
    libelles: {
      division: libellesOf(population.divisions),
      groupe: libellesOf(population.groupes),
      mef: libellesOf(population.mefs),
      matiere: libellesOf(population.matieres),
    },
    members,
    byProfil,
    classCovers: classCovers(population.groupes, (code) =>
      (members.groupe.get(code) ?? NOBODY).filter((person) => person.profil === 'ELEVE'),
    ),
  };
}

const NOBODY: readonly Personne[] = [];

/** Persons designated by one target, in console order, all publics; undefined for an unknown code. */
export function personsOfTarget(index: PopulationIndex, cible: Cible): readonly Personne[] | undefined {
  switch (cible.type) {
    case 'profil':
      return isProfil(cible.code) ? (index.byProfil.get(cible.code) ?? NOBODY) : undefined;
    case 'personne': {
      const person = index.personById.get(cible.code);
      return person ? [person] : undefined;
    }
    default:
      if (!index.libelles[cible.type].has(cible.code)) return undefined;
      return index.members[cible.type].get(cible.code) ?? NOBODY;
  }
}

/** How many persons of each profile, in PROFILS order (pupils first), profiles without anyone left out. */
export function countByProfile(persons: readonly Personne[]): [Profil, number][] {
  const counts = new Map<Profil, number>();
  for (const person of persons) counts.set(person.profil, (counts.get(person.profil) ?? 0) + 1);
  return PROFILS.flatMap((profil): [Profil, number][] => {
    const count = counts.get(profil) ?? 0;
    return count > 0 ? [[profil, count]] : [];
  });
}

/**
 * A target's head-count per profile, as the console's Parcours par population reads it: the
 * effectif of a division, a group or a level is its pupils — listed first, even when 0 — and the
 * teachers who teach there come apart.
 */
export function targetHeadCount(index: PopulationIndex, cible: Cible): [Profil, number][] {
  const counts = countByProfile(personsOfTarget(index, cible) ?? NOBODY);
  const ofPupils = cible.type === 'division' || cible.type === 'groupe' || cible.type === 'mef';
  return ofPupils && counts[0]?.[0] !== 'ELEVE' ? [['ELEVE', 0], ...counts] : counts;
}

export type TargetProblem =
  | { kind: 'inconnue'; cible: Cible }
  | { kind: 'horsPublic'; cible: Cible; profil: Profil };

export interface ResolvedTarget {
  cible: Cible;
  /** Persons of the subscription's publics this target designates first (not already designated). */
  personIds: string[];
  /** Persons of this target outside the publics (group-like targets only), first time seen. */
  horsPublic: string[];
}

export interface TargetResolution {
  /** Every designated person of the publics, in target order, each once. */
  persons: Personne[];
  /** The targets the console would accept, in request order. */
  perTarget: ResolvedTarget[];
  /** The targets it would refuse, in request order. */
  problems: TargetProblem[];
}

/** A profile or a person target must lie in the publics as a whole (the console answers 422). */
function publicProblem(
  cible: Cible,
  persons: readonly Personne[],
  publics: ReadonlySet<string>,
): TargetProblem | undefined {
  let profil: Profil | undefined;
  if (cible.type === 'profil' && isProfil(cible.code)) profil = cible.code;
  else if (cible.type === 'personne') profil = persons[0]?.profil;
  return profil === undefined || publics.has(profil) ? undefined : { kind: 'horsPublic', cible, profil };
}

export function resolveTargets(
  index: PopulationIndex,
  abonnement: Pick<Abonnement, 'publicCible'>,
  cibles: readonly Cible[],
): TargetResolution {
  const publics = new Set<string>(abonnement.publicCible);
  const seen = new Set<string>();
  const resolution: TargetResolution = { persons: [], perTarget: [], problems: [] };
  for (const cible of cibles) {
    const persons = personsOfTarget(index, cible);
    if (!persons) {
      resolution.problems.push({ kind: 'inconnue', cible });
      continue;
    }
    const problem = publicProblem(cible, persons, publics);
    if (problem) {
      resolution.problems.push(problem);
      continue;
    }
    const target: ResolvedTarget = { cible, personIds: [], horsPublic: [] };
    for (const person of persons) {
      if (seen.has(person.id)) continue;
      seen.add(person.id);
      if (publics.has(person.profil)) {
        target.personIds.push(person.id);
        resolution.persons.push(person);
      } else target.horsPublic.push(person.id);
    }
    resolution.perTarget.push(target);
  }
  return resolution;
}

const PROFIL_LABELS: Readonly<Record<Profil, MessageKey>> = {
  ELEVE: 'targetsProfilEleve',
  ENSEIGNANT: 'targetsProfilEnseignant',
  DOCUMENTALISTE: 'targetsProfilDocumentaliste',
  'AUTRE PERSONNEL': 'targetsProfilAutre',
};

/** A libellé when the console gave one, else the code (levels and subjects read better by name). */
function named(index: PopulationIndex, type: 'mef' | 'matiere', code: string): string {
  return index.libelles[type].get(code) || code;
}

/** How a target reads in the RA's language, for previews and the journal. */
export function targetLabel(index: PopulationIndex, cible: Cible): string {
  switch (cible.type) {
    case 'division':
      return t('targetsDivision', cible.code);
    case 'groupe':
      return t('targetsGroupe', cible.code);
    case 'mef':
      return t('targetsNiveau', named(index, 'mef', cible.code));
    case 'matiere':
      return t('targetsMatiere', named(index, 'matiere', cible.code));
    case 'profil':
      return isProfil(cible.code) ? t(PROFIL_LABELS[cible.code]) : t('targetsPublic', cible.code);
    case 'personne': {
      const person = index.personById.get(cible.code);
      return person ? `${person.prenom} ${person.nom}` : t('targetsPersonne', cible.code);
    }
  }
}

/**
 * Signs that the ENT's nightly files did not bring everything (DOMAIN.md §4): the RA should know
 * before assigning a group that half its pupils are missing from.
 */
export type SyncDefect =
  | { kind: 'groupeVide'; groupe: string; message: string }
  | { kind: 'divisionVide'; division: string; message: string }
  | {
      kind: 'horsDivisions';
      groupe: string;
      divisions: string[];
      personIds: string[];
      count: number;
      message: string;
    }
  | { kind: 'sansDivision'; groupe: string; personIds: string[]; count: number; message: string }
  | {
      kind: 'absentsDesGroupes';
      division: string;
      groupes: string[];
      personIds: string[];
      count: number;
      message: string;
    };

const pupils = (index: PopulationIndex, type: 'division' | 'groupe', code: string): Personne[] =>
  (index.members[type].get(code) ?? NOBODY).filter((person) => person.profil === 'ELEVE');

function groupDefects(index: PopulationIndex, code: string): SyncDefect[] {
  const members = pupils(index, 'groupe', code);
  if (members.length === 0) {
    const message = t('targetsEmptyGroup', code);
    return [{ kind: 'groupeVide', groupe: code, message }];
  }
  const defects: SyncDefect[] = [];
  const withoutDivision = members.filter((person) => person.divisions.length === 0).map((p) => p.id);
  if (withoutDivision.length > 0) {
    const count = withoutDivision.length;
    const message = tn(count, 'targetsWithoutDivision', code);
    defects.push({ kind: 'sansDivision', groupe: code, personIds: withoutDivision, count, message });
  }
  const divisions = index.population.groupes.find((groupe) => groupe.code === code)?.divisions ?? [];
  if (divisions.length === 0) return defects;
  const elsewhere = members
    .filter((p) => p.divisions.length > 0 && !p.divisions.some((division) => divisions.includes(division)))
    .map((p) => p.id);
  if (elsewhere.length > 0) {
    const count = elsewhere.length;
    const message = tn(count, 'targetsOutsideDivisions', code, divisions.join(', '));
    defects.push({ kind: 'horsDivisions', groupe: code, divisions, personIds: elsewhere, count, message });
  }
  return defects;
}

/** The defect's sentence, then the rule that makes it one (shown wherever the warning is). */
function absentMessage(division: string, cover: ClassCover, count: number): string {
  const [only] = cover.groupes;
  if (cover.kind === 'classeEntiere') {
    return tn(count, 'targetsAbsentWholeClass', division, only ?? '');
  }
  return tn(count, 'targetsAbsentSplitClass', division, cover.groupes.join(', '));
}

/** A division without pupils, or its pupils missing from groups meant to hold them all (class-groups.ts). */
function divisionDefects(index: PopulationIndex, code: string): SyncDefect[] {
  const division = pupils(index, 'division', code);
  if (division.length === 0) {
    // Its teachers would get licences, its pupils never arrived: the ENT sync failed for it.
    const message = t('targetsEmptyDivision', code);
    return [{ kind: 'divisionVide', division: code, message }];
  }
  return (index.classCovers.get(code) ?? []).flatMap((cover): SyncDefect[] => {
    const absent = division
      .filter((person) => !person.groupes.some((groupe) => cover.groupes.includes(groupe)))
      .map((person) => person.id);
    if (absent.length === 0) return [];
    const count = absent.length;
    const message = absentMessage(code, cover, count);
    return [
      {
        kind: 'absentsDesGroupes',
        division: code,
        groupes: [...cover.groupes],
        personIds: absent,
        count,
        message,
      },
    ];
  });
}

/** Sync warnings for the chosen divisions and groups (other targets have none), each target once. */
export function syncDefects(index: PopulationIndex, cibles: readonly Cible[]): SyncDefect[] {
  const seen = new Set<string>();
  const defects: SyncDefect[] = [];
  for (const { type, code } of cibles) {
    if ((type !== 'division' && type !== 'groupe') || !index.libelles[type].has(code)) continue;
    const key = `${type}:${code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    defects.push(...(type === 'groupe' ? groupDefects(index, code) : divisionDefects(index, code)));
  }
  return defects;
}
