import type { Profil } from './abonnement';
import { GarFormatError } from './errors';
import { childElements, ElementReader, parseXmlDocument, type XmlNode } from './xml';

/**
 * Reads the population files every ENT sends GAR each night (GAR-ENT XML, version 1.7 for
 * secondary schools, DOMAIN.md §4). Each file is recognised by its root element; a missing
 * required element refuses the whole file with its path.
 */

export type PersonKind = 'eleve' | 'enseignant';

export interface PersonProfil {
  uai: string;
  /** Canonical spelling (`National_ens`), whatever casing the ENT used (`National_ENS`). */
  profil: string;
}

export interface Person {
  kind: PersonKind;
  id: string;
  profils: PersonProfil[];
  nom: string;
  prenom: string;
  autresPrenoms: string[];
  civilite?: string;
  dateNaissance?: string;
  etablissements: string[];
  /** Teachers only: their posts' disciplines, per school. */
  disciplinesPostes: { uai: string; code: string }[];
  mails: string[];
}

export interface Etablissement {
  uai: string;
  nom: string;
  contrat?: string;
  telephone?: string;
  email?: string;
}

export interface CodeLibelle {
  uai: string;
  code: string;
  libelle: string;
}

export interface Groupe {
  code: string;
  uai: string;
  libelle: string;
  statut: 'DIVISION' | 'GROUPE';
  /** For a group: the divisions it draws its members from. */
  divisions: string[];
}

export interface Membership {
  uai: string;
  personId: string;
  groupeCode: string;
}

/** A teacher teaching subjects in a division (`classe`) or a group (`groupe`). */
export interface TeachingLink extends Membership {
  via: 'classe' | 'groupe';
  matieres: string[];
}

export interface PersonMef {
  uai: string;
  personId: string;
  mefCode: string;
}

export interface Enseignement {
  uai: string;
  personId: string;
  matiere: string;
}

export interface RespAff {
  id: string;
  nom: string;
  prenom: string;
  civilite?: string;
  mails: string[];
  /** The schools where this person assigns licences. */
  uais: string[];
}

export type PopulationFile =
  | { kind: 'eleve'; persons: Person[]; personMefs: PersonMef[]; enseignements: Enseignement[] }
  | { kind: 'enseignant'; persons: Person[]; personMefs: PersonMef[] }
  | { kind: 'etab'; etablissements: Etablissement[]; mefs: CodeLibelle[]; matieres: CodeLibelle[] }
  | { kind: 'groupe'; groupes: Groupe[]; memberships: Membership[]; teaching: TeachingLink[] }
  | { kind: 'respAff'; respAffs: RespAff[] };

export interface Population {
  persons: Person[];
  personMefs: PersonMef[];
  enseignements: Enseignement[];
  etablissements: Etablissement[];
  mefs: CodeLibelle[];
  matieres: CodeLibelle[];
  groupes: Groupe[];
  memberships: Membership[];
  teaching: TeachingLink[];
  respAffs: RespAff[];
}

export const GAR_ENT_ROOTS = {
  'GAR-ENT-Eleve': 'eleve',
  'GAR-ENT-Enseignant': 'enseignant',
  'GAR-ENT-Etab': 'etab',
  'GAR-ENT-Groupe': 'groupe',
  'GAR-ENT-RespAff': 'respAff',
} as const;

/** Elements that may repeat, so the parser always gives them as arrays. */
const REPEATABLE = new Set([
  'GAREleve',
  'GAREnseignant',
  'GARPersonProfils',
  'GARPersonAutresPrenoms',
  'GARPersonEtab',
  'GAREnsDisciplinesPostes',
  'GARPersonMail',
  'GARRespAff',
  'GARRespAffEtab',
  'GARPersonMEF',
  'GAREleveEnseignement',
  'GAREtab',
  'GARMEF',
  'GARMatiere',
  'GARGroupe',
  'GARGroupeDivAppartenance',
  'GARPersonGroupe',
  'GAREnsGroupeMatiere',
  'GAREnsClasseMatiere',
  'GARMatiereCode',
]);

/** GAR-ENT profiles, in their canonical spelling; ENTs vary the casing. */
const PROFILS_GAR_ENT: Record<string, Profil> = {
  National_elv: 'ELEVE',
  National_ens: 'ENSEIGNANT',
  National_doc: 'DOCUMENTALISTE',
  National_dir: 'AUTRE PERSONNEL',
  National_evs: 'AUTRE PERSONNEL',
  National_eta: 'AUTRE PERSONNEL',
  National_col: 'AUTRE PERSONNEL',
};

const CANONICAL_BY_LOWER = new Map(
  Object.keys(PROFILS_GAR_ENT).map((profil) => [profil.toLowerCase(), profil]),
);

/** `national_ENS` → `National_ens`; an unknown profile is kept as written. */
export function canonicalProfil(profil: string): string {
  return CANONICAL_BY_LOWER.get(profil.toLowerCase()) ?? profil;
}

/** The subscription public a person counts against in a school, or null (e.g. a parent profile). */
export function profilCible(person: Pick<Person, 'profils'>, uai: string): Profil | null {
  const inSchool = person.profils.filter((entry) => entry.uai === uai);
  for (const entry of inSchool) {
    const profil = PROFILS_GAR_ENT[canonicalProfil(entry.profil)];
    if (profil) return profil;
  }
  return null;
}

/** One reader per top-level element of a file; errors name the element and its rank. */
function readers(root: XmlNode, element: string, who: string): ElementReader[] {
  return childElements(root, element).map(
    (node, index) => new ElementReader(node, `${element}[${index + 1}]`, `${who} n°${index + 1}`),
  );
}

function readPerson(reader: ElementReader, kind: PersonKind): Person {
  const profils = reader.nested('GARPersonProfils').map((profil) => ({
    uai: profil.required('GARStructureUAI'),
    profil: canonicalProfil(profil.required('GARPersonProfil')),
  }));
  if (profils.length === 0) reader.fail('GARPersonProfils', 'au moins un profil est obligatoire');
  return {
    kind,
    id: reader.required('GARPersonIdentifiant', 64),
    profils,
    nom: reader.required('GARPersonNom'),
    prenom: reader.required('GARPersonPrenom'),
    autresPrenoms: reader.list('GARPersonAutresPrenoms'),
    civilite: reader.optional('GARPersonCivilite'),
    dateNaissance: reader.optional('GARPersonDateNaissance'),
    etablissements: reader.list('GARPersonEtab', 1),
    disciplinesPostes: reader.nested('GAREnsDisciplinesPostes').map((poste) => ({
      uai: poste.required('GARStructureUAI'),
      code: poste.required('GAREnsDisciplinePosteCode'),
    })),
    mails: reader.list('GARPersonMail'),
  };
}

function readPersonMefs(root: XmlNode): PersonMef[] {
  return readers(root, 'GARPersonMEF', 'Lien personne-MEF').map((reader) => ({
    uai: reader.required('GARStructureUAI'),
    personId: reader.required('GARPersonIdentifiant'),
    mefCode: reader.required('GARMEFCode'),
  }));
}

function readCodeLibelles(root: XmlNode, element: 'GARMEF' | 'GARMatiere'): CodeLibelle[] {
  const field = element === 'GARMEF' ? 'MEF' : 'Matiere';
  return readers(root, element, element === 'GARMEF' ? 'MEF' : 'Matière').map((reader) => ({
    uai: reader.required('GARStructureUAI'),
    code: reader.required(`GAR${field}Code`),
    libelle: reader.required(`GAR${field}Libelle`),
  }));
}

function readMembership(reader: ElementReader): Membership {
  return {
    uai: reader.required('GARStructureUAI'),
    personId: reader.required('GARPersonIdentifiant'),
    groupeCode: reader.required('GARGroupeCode'),
  };
}

function readTeaching(root: XmlNode, element: string, via: TeachingLink['via']): TeachingLink[] {
  return readers(root, element, 'Lien enseignant-matière').map((reader) => ({
    ...readMembership(reader),
    via,
    matieres: reader.list('GARMatiereCode', 1),
  }));
}

function readGroupe(reader: ElementReader): Groupe {
  const statut = reader.required('GARGroupeStatut');
  if (statut !== 'DIVISION' && statut !== 'GROUPE') {
    reader.fail('GARGroupeStatut', `« ${statut} » : DIVISION ou GROUPE attendu`);
  }
  return {
    code: reader.required('GARGroupeCode'),
    uai: reader.required('GARStructureUAI'),
    libelle: reader.required('GARGroupeLibelle'),
    statut,
    divisions: reader.list('GARGroupeDivAppartenance'),
  };
}

function readFile(kind: PopulationFile['kind'], root: XmlNode): PopulationFile {
  switch (kind) {
    case 'eleve':
      return {
        kind,
        persons: readers(root, 'GAREleve', 'Élève').map((reader) => readPerson(reader, 'eleve')),
        personMefs: readPersonMefs(root),
        enseignements: readers(root, 'GAREleveEnseignement', 'Enseignement').map((reader) => ({
          uai: reader.required('GARStructureUAI'),
          personId: reader.required('GARPersonIdentifiant'),
          matiere: reader.required('GARMatiereCode'),
        })),
      };
    case 'enseignant':
      return {
        kind,
        persons: readers(root, 'GAREnseignant', 'Personnel').map((reader) =>
          readPerson(reader, 'enseignant'),
        ),
        personMefs: readPersonMefs(root),
      };
    case 'etab':
      return {
        kind,
        etablissements: readers(root, 'GAREtab', 'Établissement').map((reader) => ({
          uai: reader.required('GARStructureUAI'),
          nom: reader.required('GARStructureNomCourant'),
          contrat: reader.optional('GARStructureContrat'),
          telephone: reader.optional('GARStructureTelephone'),
          email: reader.optional('GARStructureEmail'),
        })),
        mefs: readCodeLibelles(root, 'GARMEF'),
        matieres: readCodeLibelles(root, 'GARMatiere'),
      };
    case 'groupe':
      return {
        kind,
        groupes: readers(root, 'GARGroupe', 'Groupe').map(readGroupe),
        memberships: readers(root, 'GARPersonGroupe', 'Appartenance').map(readMembership),
        teaching: [
          ...readTeaching(root, 'GAREnsClasseMatiere', 'classe'),
          ...readTeaching(root, 'GAREnsGroupeMatiere', 'groupe'),
        ],
      };
    case 'respAff':
      return {
        kind,
        respAffs: readers(root, 'GARRespAff', "Responsable d'affectation").map((reader) => ({
          id: reader.required('GARPersonIdentifiant'),
          nom: reader.required('GARPersonNom'),
          prenom: reader.required('GARPersonPrenom'),
          civilite: reader.optional('GARPersonCivilite'),
          mails: reader.list('GARPersonMail'),
          uais: reader.list('GARRespAffEtab', 1),
        })),
      };
  }
}

/** Absent optional fields stay absent rather than `undefined`, so results compare and store cleanly. */
function compact<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function isGarEntRoot(name: string): name is keyof typeof GAR_ENT_ROOTS {
  return Object.hasOwn(GAR_ENT_ROOTS, name);
}

export function parsePopulationXml(xml: string): PopulationFile {
  const { rootName, root } = parseXmlDocument(xml, REPEATABLE);
  if (!isGarEntRoot(rootName)) {
    throw new GarFormatError(
      rootName,
      `racine inconnue : un fichier GAR-ENT commence par ${Object.keys(GAR_ENT_ROOTS).join(', ')}`,
    );
  }
  return compact(readFile(GAR_ENT_ROOTS[rootName], root));
}

export function emptyPopulation(): Population {
  return {
    persons: [],
    personMefs: [],
    enseignements: [],
    etablissements: [],
    mefs: [],
    matieres: [],
    groupes: [],
    memberships: [],
    teaching: [],
    respAffs: [],
  };
}

/** Everything the files say, in one population (a school's feed comes as several files). */
export function mergePopulation(files: Iterable<PopulationFile>): Population {
  const population = emptyPopulation();
  for (const file of files) {
    const { kind: _kind, ...parts } = file;
    for (const [key, values] of Object.entries(parts) as [keyof Population, never[]][]) {
      population[key].push(...values);
    }
  }
  return population;
}
