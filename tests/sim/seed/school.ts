import type { Profil } from '../../../utils/gar/abonnement';
import { PUBLISHERS, SCHOOL_RESOURCES, SUBJECTS, type SubjectKey } from './catalog';
import { FIRST_NAMES, LAST_NAMES } from './names';
import type { Random } from './random';

/**
 * An in-memory school, generated before it is written out in GAR's formats. Deterministic: the
 * same Random gives the same school.
 *
 * Real-world defects built in on purpose (DOMAIN.md §4), so the product can detect them:
 * - one division with no pupils at all (the ENT sync failed for it): the last division of the
 *   second level;
 * - a group missing some of its pupils (links not re-imported): the LV2 Spanish group of the
 *   third level keeps only half of its members;
 * - an empty group (`CLUB-ECHECS`);
 * - a group sharing its code with a division (`3A`, an "Atelier" group);
 * - mixed profile casing: every 23rd pupil is `national_ELV` or `national_elv`, the first
 *   teacher of each subject `National_ENS`.
 * The school's subscriptions include, on purpose: three ending within 30 days of the reference
 * date (5, 12, 25 days), two expired (3 and 40 days ago), one not started yet and never assigned
 * (`BIBLIO-2027`), one never assigned (`ATLAS`), one deleted (`_ABO-…`), one automatic (`AUTO_…`),
 * two ETABL, and « Presse junior » (300 licences, about 12 accès a month) beside the well-used
 * « Exercices en ligne ». Every affectation respects the licences; 8 locked licences per school
 * belong to pupils who left (`PARTI-…`, absent from the population).
 */

export interface Level {
  /** Short name used in codes and titles, e.g. `6e`, `2nde`. */
  name: string;
  mefCode: string;
  mefLibelle: string;
  divisions: number;
  subjects: readonly SubjectKey[];
}

export interface SchoolProfileSpec {
  kind: 'college' | 'lycee';
  levels: readonly Level[];
  pupilsPerDivision: number;
  teachersPerSubject: number;
  /** Resources per subject and level (several publishers in a large lycée). */
  editionsPerSubject: number;
}

export interface Division {
  code: string;
  libelle: string;
  level: Level;
}

export interface Group {
  code: string;
  libelle: string;
  divisions: string[];
  members: string[];
  /** The subject taught in it, when there is one. */
  subject?: SubjectKey;
}

export interface Pupil {
  id: string;
  nom: string;
  prenom: string;
  profilSpelling: string;
  division: Division;
  lv2: SubjectKey;
  groups: string[];
}

export interface Staff {
  id: string;
  nom: string;
  prenom: string;
  /** The GAR-ENT profile, as spelled in the feed. */
  profilSpelling: string;
  profil: Profil;
  subject?: SubjectKey;
  /** Division or group code → the subject taught there. */
  teaches: { code: string; isGroup: boolean; subject: SubjectKey }[];
}

export interface SubscriptionSpec {
  idAbonnement: string;
  idRessource: string;
  libelle: string;
  distributor: string;
  typeAffectation: 'INDIV' | 'ETABL';
  publics: Profil[];
  /** Per profile, or GLOBAL. */
  counts: Partial<Record<Profil | 'GLOBAL', number | 'ILLIMITE'>>;
  /** Day offsets from the reference date, or a school year. */
  start: number;
  end: { days: number } | { schoolYear: string; alsoFinValidite?: boolean };
  /** Who receives licences at generation time. */
  audience: { level?: string; subject?: SubjectKey; allPupils?: boolean; staff?: boolean; none?: boolean };
  /** Share of the audience actually assigned (usage of licences). */
  fill: number;
  /** Monthly accès per assigned person, on average (statistics). */
  usage: number;
  deleted?: boolean;
  automatic?: boolean;
  /** codeProjetRessource, when the publisher sends one. */
  codeProjet?: string;
}

export interface School {
  uai: string;
  nom: string;
  spec: SchoolProfileSpec;
  divisions: Division[];
  groups: Group[];
  pupils: Pupil[];
  staff: Staff[];
  subscriptions: SubscriptionSpec[];
}

export const COLLEGE: SchoolProfileSpec = {
  kind: 'college',
  levels: [
    {
      name: '6e',
      mefCode: '10010012110',
      mefLibelle: '6EME',
      divisions: 5,
      subjects: ['maths', 'francais', 'histoire', 'svt', 'anglais'],
    },
    {
      name: '5e',
      mefCode: '10110001110',
      mefLibelle: '5EME',
      divisions: 5,
      subjects: ['maths', 'francais', 'histoire', 'svt', 'anglais'],
    },
    {
      name: '4e',
      mefCode: '10210001110',
      mefLibelle: '4EME',
      divisions: 4,
      subjects: ['maths', 'francais', 'histoire', 'svt', 'anglais', 'physique'],
    },
    {
      name: '3e',
      mefCode: '10310019110',
      mefLibelle: '3EME',
      divisions: 4,
      subjects: ['maths', 'francais', 'histoire', 'svt', 'anglais', 'physique'],
    },
  ],
  pupilsPerDivision: 27,
  teachersPerSubject: 4,
  editionsPerSubject: 1,
};

export const LYCEE: SchoolProfileSpec = {
  kind: 'lycee',
  levels: [
    {
      name: '2nde',
      mefCode: '20010018110',
      mefLibelle: '2NDE GENERALE ET TECHNOLOGIQUE',
      divisions: 24,
      subjects: [
        'maths',
        'francais',
        'histoire',
        'svt',
        'anglais',
        'physique',
        'ses',
        'espagnol',
        'allemand',
        'nsi',
      ],
    },
    {
      name: '1re',
      mefCode: '20110019110',
      mefLibelle: '1ERE GENERALE',
      divisions: 23,
      subjects: [
        'maths',
        'francais',
        'histoire',
        'svt',
        'anglais',
        'physique',
        'ses',
        'espagnol',
        'allemand',
        'nsi',
      ],
    },
    {
      name: 'Tle',
      mefCode: '20210019110',
      mefLibelle: 'TERMINALE GENERALE',
      divisions: 23,
      subjects: [
        'maths',
        'philosophie',
        'histoire',
        'svt',
        'anglais',
        'physique',
        'ses',
        'espagnol',
        'allemand',
        'nsi',
      ],
    },
  ],
  pupilsPerDivision: 36,
  teachersPerSubject: 14,
  editionsPerSubject: 6,
};

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function divisionCode(level: Level, index: number, spec: SchoolProfileSpec): string {
  if (spec.kind === 'college') return `${level.name[0]}${LETTERS[index]}`;
  return `${level.name.toUpperCase()}${String(index + 1).padStart(2, '0')}`;
}

function personName(random: Random): { nom: string; prenom: string } {
  return { nom: random.pick(LAST_NAMES), prenom: random.pick(FIRST_NAMES) };
}

function makeDivisions(spec: SchoolProfileSpec): Division[] {
  return spec.levels.flatMap((level) =>
    Array.from({ length: level.divisions }, (_, index) => {
      const code = divisionCode(level, index, spec);
      const suffix = spec.kind === 'college' ? LETTERS[index] : String(index + 1);
      return { code, libelle: `${level.name} ${suffix}`, level };
    }),
  );
}

/** The division whose pupils never arrived from the ENT (a defect). */
function emptyDivision(divisions: Division[], spec: SchoolProfileSpec): Division | undefined {
  const second = spec.levels[1];
  return divisions.filter((division) => division.level === second).at(-1);
}

function makePupils(
  random: Random,
  uaiIndex: number,
  divisions: Division[],
  spec: SchoolProfileSpec,
): Pupil[] {
  const empty = emptyDivision(divisions, spec);
  const filled = divisions.filter((division) => division !== empty);
  const total = spec.pupilsPerDivision * (divisions.length - 1);
  return Array.from({ length: total }, (_, index) => {
    const division = filled[index % filled.length] as Division;
    return {
      id: `ELV-${uaiIndex}${String(index + 1).padStart(5, '0')}`,
      ...personName(random),
      profilSpelling: index % 23 === 0 ? 'national_ELV' : index % 23 === 11 ? 'national_elv' : 'National_elv',
      division,
      lv2: random.chance(0.6) ? 'espagnol' : 'allemand',
      groups: [],
    };
  });
}

function addGroup(groups: Group[], group: Omit<Group, 'members'>, members: Pupil[]): void {
  groups.push({ ...group, members: members.map((pupil) => pupil.id) });
  for (const pupil of members) pupil.groups.push(group.code);
}

function makeGroups(
  random: Random,
  spec: SchoolProfileSpec,
  divisions: Division[],
  pupils: Pupil[],
): Group[] {
  const groups: Group[] = [];
  spec.levels.forEach((level, levelIndex) => {
    const levelDivisions = divisions.filter((division) => division.level === level).map((d) => d.code);
    const levelPupils = pupils.filter((pupil) => pupil.division.level === level);
    for (const lv2 of ['espagnol', 'allemand'] as const) {
      const members = levelPupils.filter((pupil) => pupil.lv2 === lv2);
      // Defect: the third level's Spanish group lost half of its links.
      const kept = levelIndex === 2 && lv2 === 'espagnol' ? members.filter((_, i) => i % 2 === 0) : members;
      const short = lv2 === 'espagnol' ? 'ESP' : 'ALL';
      addGroup(
        groups,
        {
          code: `${short}-${level.name}`,
          libelle: `${SUBJECTS[lv2].short} LV2 ${level.name}`,
          divisions: levelDivisions,
          subject: lv2,
        },
        kept,
      );
    }
    // Half-class English groups and AP (accompagnement personnalisé) per pair of divisions.
    for (let i = 0; i < levelDivisions.length; i += 2) {
      const pair = levelDivisions.slice(i, i + 2);
      const members = levelPupils.filter((pupil) => pair.includes(pupil.division.code));
      const suffix = pair.join('-');
      addGroup(
        groups,
        {
          code: `AP-MATHS-${suffix}`,
          libelle: `AP maths ${pair.join(' / ')}`,
          divisions: pair,
          subject: 'maths',
        },
        members.filter((_, k) => k % 3 === 0),
      );
      addGroup(
        groups,
        {
          code: `AP-FR-${suffix}`,
          libelle: `AP français ${pair.join(' / ')}`,
          divisions: pair,
          subject: 'francais',
        },
        members.filter((_, k) => k % 3 === 1),
      );
      if (spec.kind === 'lycee') {
        for (const code of pair) {
          const inDivision = members.filter((pupil) => pupil.division.code === code);
          addGroup(
            groups,
            {
              code: `ANG-G1-${code}`,
              libelle: `Anglais groupe 1 ${code}`,
              divisions: [code],
              subject: 'anglais',
            },
            inDivision.filter((_, k) => k % 2 === 0),
          );
          addGroup(
            groups,
            {
              code: `ANG-G2-${code}`,
              libelle: `Anglais groupe 2 ${code}`,
              divisions: [code],
              subject: 'anglais',
            },
            inDivision.filter((_, k) => k % 2 === 1),
          );
        }
        for (const option of ['SPE-MATHS', 'SPE-PC', 'SPE-SES', 'SPE-NSI'] as const) {
          const subject: SubjectKey =
            option === 'SPE-MATHS'
              ? 'maths'
              : option === 'SPE-PC'
                ? 'physique'
                : option === 'SPE-SES'
                  ? 'ses'
                  : 'nsi';
          addGroup(
            groups,
            {
              code: `${option}-${suffix}`,
              libelle: `Spécialité ${SUBJECTS[subject].short} ${pair.join(' / ')}`,
              divisions: pair,
              subject,
            },
            members.filter(() => random.chance(0.35)),
          );
        }
      }
    }
    if (spec.kind === 'college' && levelIndex > 0) {
      addGroup(
        groups,
        {
          code: `LATIN-${level.name}`,
          libelle: `Latin ${level.name}`,
          divisions: levelDivisions,
          subject: 'latin',
        },
        levelPupils.filter(() => random.chance(0.15)),
      );
    }
  });
  addGroup(
    groups,
    { code: 'CHORALE', libelle: 'Chorale du collège', divisions: [], subject: 'musique' },
    pupils.filter(() => random.chance(0.06)),
  );
  addGroup(
    groups,
    { code: 'ASSOC-SPORT', libelle: 'Association sportive', divisions: [], subject: 'eps' },
    pupils.filter(() => random.chance(0.1)),
  );
  // Defect: an empty group.
  addGroup(groups, { code: 'CLUB-ECHECS', libelle: "Club d'échecs", divisions: [] }, []);
  // Defect: a group sharing its code with a division.
  const shared = divisions.find((division) => division.code === '3A' || division.code === 'TLE01');
  if (shared) {
    addGroup(
      groups,
      { code: shared.code, libelle: `Atelier ${shared.code}`, divisions: [] },
      pupils.filter(() => random.chance(0.02)),
    );
  }
  return groups;
}

function makeStaff(
  random: Random,
  uaiIndex: number,
  spec: SchoolProfileSpec,
  divisions: Division[],
  groups: Group[],
): Staff[] {
  const taught = [
    ...spec.levels.flatMap((level) => level.subjects),
    'espagnol',
    'allemand',
    'latin',
    'technologie',
    'eps',
    'musique',
  ];
  const subjects = [...new Set(taught)] as SubjectKey[];
  const staff: Staff[] = [];
  let counter = 0;
  const id = (prefix: string): string => `${prefix}-${uaiIndex}${String(++counter).padStart(4, '0')}`;
  for (const subject of subjects) {
    const count = ['latin', 'musique', 'technologie', 'eps'].includes(subject)
      ? Math.max(1, Math.round(spec.teachersPerSubject / 3))
      : spec.teachersPerSubject;
    const teachers: Staff[] = Array.from({ length: count }, (_, index) => ({
      id: id('ENS'),
      ...personName(random),
      profilSpelling: index === 0 ? 'National_ENS' : 'National_ens',
      profil: 'ENSEIGNANT',
      subject,
      teaches: [],
    }));
    const taughtIn = divisions.filter(
      (division) =>
        division.level.subjects.includes(subject) || ['eps', 'musique', 'technologie'].includes(subject),
    );
    taughtIn.forEach((division, index) => {
      teachers[index % teachers.length]?.teaches.push({ code: division.code, isGroup: false, subject });
    });
    groups
      .filter((group) => group.subject === subject)
      .forEach((group, index) => {
        teachers[index % teachers.length]?.teaches.push({ code: group.code, isGroup: true, subject });
      });
    staff.push(...teachers);
  }
  staff.push({
    id: id('DOC'),
    ...personName(random),
    profilSpelling: 'National_doc',
    profil: 'DOCUMENTALISTE',
    teaches: [],
  });
  const others =
    spec.kind === 'college'
      ? [
          'National_dir',
          'National_dir',
          'National_evs',
          'National_evs',
          'National_evs',
          'National_eta',
          'National_col',
          'National_col',
        ]
      : [
          'National_dir',
          'National_dir',
          'National_dir',
          'National_evs',
          'National_evs',
          'National_evs',
          'National_evs',
          'National_eta',
          'National_eta',
          'National_col',
          'National_col',
          'National_col',
        ];
  for (const profil of others) {
    staff.push({
      id: id('PERS'),
      ...personName(random),
      profilSpelling: profil,
      profil: 'AUTRE PERSONNEL',
      teaches: [],
    });
  }
  return staff;
}

function subjectSubscriptions(random: Random, spec: SchoolProfileSpec, uaiIndex: number): SubscriptionSpec[] {
  const subs: SubscriptionSpec[] = [];
  spec.levels.forEach((level) => {
    for (const subject of level.subjects) {
      for (let edition = 0; edition < spec.editionsPerSubject; edition++) {
        const publisher =
          PUBLISHERS[(edition + level.subjects.indexOf(subject)) % PUBLISHERS.length] ?? PUBLISHERS[0];
        const slug = `${subject}-${level.name}`.toLowerCase().replace(/[^a-z0-9-]/g, '');
        const pupils = level.divisions * spec.pupilsPerDivision;
        const editionSuffix = spec.editionsPerSubject > 1 ? ` (${publisher.name})` : '';
        subs.push({
          idAbonnement: `ABO-${uaiIndex}-${slug.toUpperCase()}-${edition + 1}`,
          idRessource: `ark:/${publisher.ark}/${slug}${edition ? `-${edition + 1}` : ''}`,
          libelle: `${SUBJECTS[subject].short} ${level.name} — manuel numérique${editionSuffix}`,
          distributor: publisher.distributor,
          typeAffectation: 'INDIV',
          publics: ['ELEVE', 'ENSEIGNANT'],
          counts: {
            ELEVE: pupils + random.int(0, 12),
            ENSEIGNANT: random.chance(0.5) ? 'ILLIMITE' : spec.teachersPerSubject + 2,
          },
          start: 0,
          end: random.chance(0.5)
            ? { schoolYear: 'courante' }
            : { schoolYear: 'courante', alsoFinValidite: true },
          audience: { level: level.name, subject },
          fill: spec.editionsPerSubject > 1 ? 0.18 : 0.85,
          usage: random.int(2, 9),
        });
      }
    }
  });
  return subs;
}

function schoolSubscriptions(random: Random, uaiIndex: number, pupils: number): SubscriptionSpec[] {
  const publisher = (i: number) => PUBLISHERS[i % PUBLISHERS.length] ?? PUBLISHERS[0];
  return SCHOOL_RESOURCES.map((resource, i): SubscriptionSpec => {
    const base = {
      idAbonnement: `ABO-${uaiIndex}-${resource.key.toUpperCase()}`,
      idRessource: `ark:/${publisher(i).ark}/${resource.key}`,
      libelle: resource.title,
      distributor: publisher(i).distributor,
      start: 0,
      end: { schoolYear: 'courante' } as SubscriptionSpec['end'],
      fill: 0.9,
      usage: random.int(3, 8),
    };
    switch (resource.kind) {
      case 'ETABL':
        return {
          ...base,
          typeAffectation: 'ETABL',
          publics: ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'],
          counts: { GLOBAL: 1 },
          audience: { none: true },
        };
      case 'presse':
        // Many licences, very little use: the resource a conseil pédagogique would not renew.
        return {
          ...base,
          typeAffectation: 'INDIV',
          publics: ['ELEVE'],
          counts: { GLOBAL: 300 },
          audience: { allPupils: true },
          fill: 300 / pupils,
          usage: 0.04,
          codeProjet: 'PRESSE-JUNIOR-COLLEGES',
        };
      case 'plateforme':
        return {
          ...base,
          typeAffectation: 'INDIV',
          publics: ['ELEVE', 'ENSEIGNANT'],
          counts: { GLOBAL: 'ILLIMITE' },
          audience: { allPupils: true, staff: true },
          fill: 1,
          usage: resource.key === 'exercices' ? 14 : 3,
          ...(resource.key === 'exercices' ? { codeProjet: 'EXERCICES-TOUTES-MATIERES' } : {}),
        };
      case 'jamaisAffecte':
        return {
          ...base,
          typeAffectation: 'INDIV',
          publics: ['ELEVE', 'ENSEIGNANT'],
          counts: { ELEVE: 120, ENSEIGNANT: 10 },
          audience: { none: true },
        };
      case 'personnels':
        return {
          ...base,
          typeAffectation: 'INDIV',
          publics: ['DOCUMENTALISTE', 'ENSEIGNANT', 'AUTRE PERSONNEL'],
          counts: { DOCUMENTALISTE: 2, ENSEIGNANT: 'ILLIMITE', 'AUTRE PERSONNEL': 5 },
          audience: { staff: true },
        };
    }
    throw new Error('unknown kind of school resource');
  });
}

/** Subscriptions whose dates make the expiry features worth seeing: soon, past, not yet, multi-year. */
function datedSubscriptions(subs: SubscriptionSpec[], uaiIndex: number): SubscriptionSpec[] {
  const dated = subs.filter((sub) => sub.audience.level);
  const setEnd = (sub: SubscriptionSpec | undefined, end: SubscriptionSpec['end'], start = 0): void => {
    if (sub) Object.assign(sub, { end, start });
  };
  setEnd(dated[0], { days: 5 });
  setEnd(dated[3], { days: 12 });
  setEnd(dated[6], { days: 25 });
  setEnd(dated[9], { days: -3 }, -400);
  setEnd(dated[12], { days: -40 }, -400);
  setEnd(dated[15], { days: 1000 });
  const extra: SubscriptionSpec[] = [
    {
      ...(dated[1] as SubscriptionSpec),
      idAbonnement: `ABO-${uaiIndex}-BIBLIO-2027`,
      idRessource: 'ark:/67375/bibliotheque-numerique',
      libelle: 'Bibliothèque numérique — abonnement 2027',
      start: 34,
      end: { days: 400 },
      audience: { none: true },
      counts: { ELEVE: 200, ENSEIGNANT: 20 },
    },
    {
      ...(dated[2] as SubscriptionSpec),
      idAbonnement: `_ABO-${uaiIndex}-ANNULE`,
      libelle: 'Cahier d’activités (commande annulée)',
      idRessource: 'ark:/27561/cahier-annule',
      audience: { none: true },
      deleted: true,
    },
    {
      ...(dated[4] as SubscriptionSpec),
      idAbonnement: `AUTO_GAR_${uaiIndex}0001`,
      libelle: 'Ressource gratuite — Éduthèque sciences',
      idRessource: 'ark:/86527/edutheque-sciences',
      counts: { GLOBAL: 'ILLIMITE' },
      publics: ['ELEVE', 'ENSEIGNANT'],
      audience: { none: true },
      automatic: true,
    },
  ];
  return extra;
}

export function generateSchool(
  random: Random,
  spec: SchoolProfileSpec,
  uai: string,
  nom: string,
  uaiIndex: number,
): School {
  const divisions = makeDivisions(spec);
  const pupils = makePupils(random, uaiIndex, divisions, spec);
  const groups = makeGroups(random, spec, divisions, pupils);
  const staff = makeStaff(random, uaiIndex, spec, divisions, groups);
  const subscriptions = [
    ...subjectSubscriptions(random, spec, uaiIndex),
    ...schoolSubscriptions(random, uaiIndex, pupils.length),
  ];
  subscriptions.push(...datedSubscriptions(subscriptions, uaiIndex));
  // Scenario 2 of SCENARIOS.md: "Maths 5e" has fewer pupil licences than pupils.
  const maths5e = subscriptions.find(
    (sub) => sub.audience.level === '5e' && sub.audience.subject === 'maths',
  );
  if (maths5e) maths5e.counts.ELEVE = 100;
  return { uai, nom, spec, divisions, groups, pupils, staff, subscriptions };
}
