import { SUBJECTS } from './catalog';
import { FEMININE_FIRST_NAMES } from './names';
import type { Random } from './random';
import type { Group, School, Staff } from './school';
import { el, node, type SeedFiles } from './xml';

/**
 * Writes the schools' population as one ENT's nightly full export in GAR-ENT 1.7 (DOMAIN.md §4):
 * `<idENT>_GAR-ENT_Complet_<date>_<Type>_<nnnn>.xml`, every school of the ENT in the same files,
 * elements in the order GAR-ENT.xsd imposes, at most 10,000 nodes per file.
 */

const GAR_NS = 'http://data.education.fr/ns/gar';
export const MAX_NODES_PER_FILE = 10_000;
/** The (fictional) ENT that sends the files. */
const ID_ENT = '0000000A';

export interface PopulationWriteOptions {
  /** `YYYYMMDD`, the export date in the file names. */
  day: string;
  /** The year the current school year started (birth dates follow it). */
  schoolStartYear: number;
  /** A PRNG of its own, so that adding details never changes who holds which licence. */
  details: Random;
}

/**
 * Splits a file's nodes into files of at most 10,000 nodes, numbered from `firstPart`; each part
 * is a contiguous slice of the ordered nodes, so every part keeps the schema's element order.
 * Returns the next free part number.
 */
function writeParts(
  files: SeedFiles,
  day: string,
  root: string,
  nodes: readonly string[],
  firstPart = 0,
): number {
  let part = firstPart;
  for (let start = 0; start === 0 || start < nodes.length; start += MAX_NODES_PER_FILE, part++) {
    const chunk = nodes.slice(start, start + MAX_NODES_PER_FILE);
    const type = root.replace('GAR-ENT-', '');
    const name = `${ID_ENT}_GAR-ENT_Complet_${day}_${type}_${String(part).padStart(4, '0')}.xml`;
    files.set(
      name,
      `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${GAR_NS}" Version="1.7">\n${chunk.join('\n')}\n</${root}>\n`,
    );
  }
  return part;
}

function profilesXml(uai: string, profil: string): string {
  return `<GARPersonProfils>${el('GARStructureUAI', uai)}${el('GARPersonProfil', profil)}</GARPersonProfils>`;
}

function civiliteOf(prenom: string): string {
  return FEMININE_FIRST_NAMES.has(prenom) ? 'Mme' : 'M.';
}

function isoDate(random: Random, year: number): string {
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A fictional academic address: ASCII letters only, as mail systems expect. */
export function mailOf(person: { prenom: string; nom: string }): string {
  const local = `${person.prenom}.${person.nom}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z.]/g, '');
  return `${local}@ac-exemple.fr`;
}

function writeEleves(files: SeedFiles, schools: readonly School[], options: PopulationWriteOptions): void {
  const persons: string[] = [];
  const mefs: string[] = [];
  const enseignements: string[] = [];
  for (const school of schools) {
    // Pupils of the first level are 11 in a collège, 15 in a lycée, at the rentrée.
    const firstAge = school.spec.kind === 'college' ? 11 : 15;
    for (const p of school.pupils) {
      const levelIndex = school.spec.levels.indexOf(p.division.level);
      const late = options.details.chance(0.04) ? 1 : 0;
      persons.push(
        node(
          'GAREleve',
          el('GARPersonIdentifiant', p.id),
          profilesXml(school.uai, p.profilSpelling),
          el('GARPersonNom', p.nom),
          el('GARPersonPrenom', p.prenom),
          el('GARPersonAutresPrenoms', p.prenom),
          el('GARPersonCivilite', civiliteOf(p.prenom)),
          el('GARPersonEtab', school.uai),
          el(
            'GARPersonDateNaissance',
            isoDate(options.details, options.schoolStartYear - firstAge - levelIndex - late),
          ),
        ),
      );
      mefs.push(
        node(
          'GARPersonMEF',
          el('GARStructureUAI', school.uai),
          el('GARPersonIdentifiant', p.id),
          el('GARMEFCode', p.division.level.mefCode),
        ),
      );
      for (const subject of ['anglais', p.lv2] as const) {
        enseignements.push(
          node(
            'GAREleveEnseignement',
            el('GARStructureUAI', school.uai),
            el('GARPersonIdentifiant', p.id),
            el('GARMatiereCode', SUBJECTS[subject].code),
          ),
        );
      }
    }
  }
  writeParts(files, options.day, 'GAR-ENT-Eleve', [...persons, ...mefs, ...enseignements]);
}

function staffXml(school: School, s: Staff, details: Random): string {
  return node(
    'GAREnseignant',
    el('GARPersonIdentifiant', s.id),
    profilesXml(school.uai, s.profilSpelling),
    el('GARPersonNom', s.nom),
    el('GARPersonPrenom', s.prenom),
    el('GARPersonAutresPrenoms', s.prenom),
    el('GARPersonCivilite', civiliteOf(s.prenom)),
    el('GARPersonEtab', school.uai),
    el('GARPersonDateNaissance', isoDate(details, details.int(1964, 1999))),
    s.subject
      ? `<GAREnsDisciplinesPostes>${el('GARStructureUAI', school.uai)}${el('GAREnsDisciplinePosteCode', SUBJECTS[s.subject].poste)}</GAREnsDisciplinesPostes>`
      : '',
    el('GARPersonMail', mailOf(s)),
  );
}

/** Teachers, documentalistes and other staff all come in the Enseignant file, as in real feeds. */
function writeEnseignants(
  files: SeedFiles,
  schools: readonly School[],
  options: PopulationWriteOptions,
): void {
  const persons = schools.flatMap((school) => school.staff.map((s) => staffXml(school, s, options.details)));
  writeParts(files, options.day, 'GAR-ENT-Enseignant', persons);
}

function writeEtabs(files: SeedFiles, schools: readonly School[], options: PopulationWriteOptions): void {
  const subjects = Object.values(SUBJECTS);
  const etabs = schools.map((school, index) =>
    node(
      'GAREtab',
      el('GARStructureUAI', school.uai),
      el('GARStructureNomCourant', school.nom),
      el('GARStructureContrat', 'PU'),
      el('GARStructureTelephone', `02970000${String(index + 1).padStart(2, '0')}`),
      el('GARStructureEmail', `ce.${school.uai.toLowerCase()}@ac-exemple.fr`),
    ),
  );
  const mefs = schools.flatMap((school) =>
    school.spec.levels.map((level) =>
      node(
        'GARMEF',
        el('GARStructureUAI', school.uai),
        el('GARMEFCode', level.mefCode),
        el('GARMEFLibelle', level.mefLibelle),
      ),
    ),
  );
  const matieres = schools.flatMap((school) =>
    subjects.map((subject) =>
      node(
        'GARMatiere',
        el('GARStructureUAI', school.uai),
        el('GARMatiereCode', subject.code),
        el('GARMatiereLibelle', subject.libelle),
      ),
    ),
  );
  writeParts(files, options.day, 'GAR-ENT-Etab', [...etabs, ...mefs, ...matieres]);
}

function groupXml(uai: string, g: Group): string {
  return node(
    'GARGroupe',
    el('GARGroupeCode', g.code),
    el('GARStructureUAI', uai),
    el('GARGroupeLibelle', g.libelle),
    el('GARGroupeStatut', 'GROUPE'),
    ...g.divisions.map((d) => el('GARGroupeDivAppartenance', d)),
  );
}

function membershipXml(uai: string, personId: string, code: string): string {
  return node(
    'GARPersonGroupe',
    el('GARStructureUAI', uai),
    el('GARPersonIdentifiant', personId),
    el('GARGroupeCode', code),
  );
}

function teachingXml(school: School, isGroup: boolean): string[] {
  return school.staff.flatMap((s) =>
    s.teaches
      .filter((t) => t.isGroup === isGroup)
      .map((t) =>
        node(
          isGroup ? 'GAREnsGroupeMatiere' : 'GAREnsClasseMatiere',
          el('GARStructureUAI', school.uai),
          el('GARPersonIdentifiant', s.id),
          el('GARGroupeCode', t.code),
          el('GARMatiereCode', SUBJECTS[t.subject].code),
        ),
      ),
  );
}

function writeGroupes(files: SeedFiles, schools: readonly School[], options: PopulationWriteOptions): void {
  const groupes: string[] = [];
  const memberships: string[] = [];
  const sharingGroupes: string[] = [];
  const sharingMemberships: string[] = [];
  for (const school of schools) {
    const divisionCodes = new Set(school.divisions.map((d) => d.code));
    groupes.push(
      ...school.divisions.map((d) =>
        node(
          'GARGroupe',
          el('GARGroupeCode', d.code),
          el('GARStructureUAI', school.uai),
          el('GARGroupeLibelle', d.libelle),
          el('GARGroupeStatut', 'DIVISION'),
        ),
      ),
    );
    memberships.push(...school.pupils.map((p) => membershipXml(school.uai, p.id, p.division.code)));
    for (const g of school.groups) {
      // A group sharing a division's code cannot stand in the same file (the schema keys groups
      // by code and UAI): like in a real feed, it arrives in another part of the same export.
      const sharing = divisionCodes.has(g.code);
      (sharing ? sharingGroupes : groupes).push(groupXml(school.uai, g));
      (sharing ? sharingMemberships : memberships).push(
        ...g.members.map((id) => membershipXml(school.uai, id, g.code)),
      );
    }
  }
  // The group sharing a code is an "atelier" without a subject: no teaching link points to it.
  const nextPart = writeParts(files, options.day, 'GAR-ENT-Groupe', [
    ...groupes,
    ...memberships,
    ...schools.flatMap((school) => teachingXml(school, true)),
    ...schools.flatMap((school) => teachingXml(school, false)),
  ]);
  if (sharingGroupes.length > 0)
    writeParts(files, options.day, 'GAR-ENT-Groupe', [...sharingGroupes, ...sharingMemberships], nextPart);
}

/** One RA — the first school's documentaliste — assigning in every school of the seed. */
function writeRespAff(files: SeedFiles, schools: readonly School[], options: PopulationWriteOptions): void {
  const first = schools[0];
  const doc = first?.staff.find((s) => s.profil === 'DOCUMENTALISTE');
  if (!first || !doc) return;
  writeParts(files, options.day, 'GAR-ENT-RespAff', [
    node(
      'GARRespAff',
      el('GARPersonIdentifiant', doc.id),
      el('GARPersonNom', doc.nom),
      el('GARPersonPrenom', doc.prenom),
      el('GARPersonCivilite', civiliteOf(doc.prenom)),
      el('GARPersonMail', `ra.${first.uai.toLowerCase()}@ac-exemple.fr`),
      el('GARPersonMail', mailOf(doc)),
      ...schools.map((s) => el('GARRespAffEtab', s.uai)),
    ),
  ]);
}

/** Writes the five kinds of GAR-ENT files for the schools of one ENT. */
export function writePopulation(
  files: SeedFiles,
  schools: readonly School[],
  options: PopulationWriteOptions,
): void {
  writeEtabs(files, schools, options);
  writeEleves(files, schools, options);
  writeEnseignants(files, schools, options);
  writeGroupes(files, schools, options);
  writeRespAff(files, schools, options);
}
