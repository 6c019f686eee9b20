import type { Profil } from '../../../utils/gar/abonnement';
import { parisInstant } from '../../../utils/gar/validity';
import { writePopulation } from './population-xml';
import { Random } from './random';
import { COLLEGE, generateSchool, LYCEE, type School, type SubscriptionSpec } from './school';
import { el, node, type SeedFiles } from './xml';

/**
 * Writes seeds for the simulator in GAR's own exchange formats (see tests/sim/README.md):
 * GAR-ENT 1.7 population files, the subscription web service's XML, and the simulator-defined
 * `affectations.csv`, `statistiques.csv` and `simulateur.json`. Pure and deterministic.
 */

export type SeedProfile = 'college' | 'lycee' | 'multi';
export type { SeedFiles } from './xml';

export interface SeedOptions {
  profile: SeedProfile;
  seed: number;
  /** `YYYY-MM-DD`: dates are written relative to it; the simulator shifts them to today. */
  referenceDate: string;
  /**
   * The following school year as GAR delivers it: the same schools and people, every subscription
   * renewed under a new idAbonnement (a new order), the never-assigned resource (ATLAS) not
   * renewed, and nobody assigned yet — what a rentrée with templates starts from.
   */
  nextYear?: boolean;
}

/** The never-assigned resource of each school (school.ts), the one a next year does not renew. */
const NOT_RENEWED = /-ATLAS$/;

function renewedForNextYear(school: School): School {
  const subscriptions = school.subscriptions
    .filter((sub) => !NOT_RENEWED.test(sub.idAbonnement))
    .map((sub) =>
      sub.idAbonnement.startsWith('_') ? sub : { ...sub, idAbonnement: `${sub.idAbonnement}-N1` },
    );
  return { ...school, subscriptions };
}

const ABO_NS = 'http://www.atosworldline.com/wsabonnement/v1.0/';

/** True for a real calendar day written `YYYY-MM-DD` (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

interface Clock {
  /** `YYYY-MM-DDTHH:mm:ss.000±hh:mm` in Paris time, `days` after the reference date. */
  dateTime(days: number, hour: number, minute: number, second: number): string;
  schoolYear(): string;
  month(offset: number): string;
}

function clockFor(referenceDate: string): Clock {
  const [y, m, d] = referenceDate.split('-').map(Number) as [number, number, number];
  const reference = Date.UTC(y, m - 1, d);
  const schoolStartYear = m >= 9 ? y : y - 1;
  return {
    dateTime(days, hour, minute, second) {
      const day = new Date(reference + days * 86_400_000);
      const [yy, mm, dd] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
      const instant = parisInstant(yy, mm, dd, hour, minute, second * 1000);
      const offset = (Date.UTC(yy, mm - 1, dd, hour, minute, second) - instant.getTime()) / 60_000;
      const sign = offset >= 0 ? '+' : '-';
      const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
      const pad = (n: number): string => String(n).padStart(2, '0');
      return `${yy}-${pad(mm)}-${pad(dd)}T${pad(hour)}:${pad(minute)}:${pad(second)}.000${sign}${hh}:${pad(Math.abs(offset) % 60)}`;
    },
    schoolYear: () => `${schoolStartYear}-${schoolStartYear + 1}`,
    month(offset) {
      const date = new Date(Date.UTC(y, m - 1 + offset, 1));
      return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
    },
  };
}

function daysToSchoolStart(clock: Clock, referenceDate: string): number {
  const start = Date.UTC(Number(clock.schoolYear().slice(0, 4)), 8, 1);
  return Math.round((start - Date.parse(`${referenceDate}T00:00:00Z`)) / 86_400_000);
}

function countElements(sub: SubscriptionSpec): string {
  const { counts } = sub;
  if (counts.GLOBAL !== undefined) return el('nbLicenceGlobale', counts.GLOBAL);
  const fields: [string, Profil][] = [
    ['nbLicenceEnseignant', 'ENSEIGNANT'],
    ['nbLicenceEleve', 'ELEVE'],
    ['nbLicenceProfDoc', 'DOCUMENTALISTE'],
    ['nbLicenceAutrePersonnel', 'AUTRE PERSONNEL'],
  ];
  return fields
    .map(([name, profil]) =>
      counts[profil] === undefined ? '' : el(name, counts[profil] as number | string),
    )
    .join('');
}

function abonnementXml(sub: SubscriptionSpec, uai: string, clock: Clock, schoolStart: number): string {
  const start = sub.start === 0 ? schoolStart : sub.start;
  const end =
    'days' in sub.end
      ? el('finValidite', clock.dateTime(sub.end.days, 23, 59, 59))
      : `${sub.end.alsoFinValidite ? el('finValidite', `${clock.schoolYear().slice(5)}-08-31T23:59:59.000+02:00`) : ''}${el('anneeFinValidite', clock.schoolYear())}`;
  return node(
    'abonnement',
    el('idAbonnement', sub.idAbonnement),
    el('commentaireAbonnement', `Commande ${sub.idAbonnement.replace(/^_/, '')}`),
    el('idDistributeurCom', sub.distributor),
    el('idRessource', sub.idRessource),
    el('typeIdRessource', sub.automatic ? 'ARK' : 'ark'),
    el('libelleRessource', sub.libelle),
    el('debutValidite', clock.dateTime(start, 0, 0, 0)),
    end,
    el('uaiEtab', uai),
    el('categorieAffectation', 'transferable'),
    el('typeAffectation', sub.typeAffectation),
    countElements(sub),
    ...sub.publics.map((p) => el('publicCible', p)),
    sub.codeProjet ? el('codeProjetRessource', sub.codeProjet) : '',
  );
}

interface AffectationRow {
  uai: string;
  idAbonnement: string;
  personId: string;
  profil: Profil;
  locked: boolean;
}

function limitOf(sub: SubscriptionSpec, profil: Profil): number {
  const count = sub.counts[profil] ?? sub.counts.GLOBAL ?? 0;
  return count === 'ILLIMITE' ? Number.POSITIVE_INFINITY : count;
}

/** Who holds a licence at generation time: never over the licences, once per person, right publics. */
function affectationsOf(random: Random, school: School, sub: SubscriptionSpec): AffectationRow[] {
  if (sub.typeAffectation === 'ETABL' || sub.audience.none || sub.deleted) return [];
  const { audience } = sub;
  const candidates: { id: string; profil: Profil }[] = [];
  if (sub.publics.includes('ELEVE') && (audience.level || audience.allPupils)) {
    for (const pupil of school.pupils) {
      if (audience.allPupils || pupil.division.level.name === audience.level)
        candidates.push({ id: pupil.id, profil: 'ELEVE' });
    }
  }
  for (const staff of school.staff) {
    const teachesIt = audience.subject !== undefined && staff.subject === audience.subject;
    if (sub.publics.includes(staff.profil) && (teachesIt || audience.staff))
      candidates.push({ id: staff.id, profil: staff.profil });
  }
  const used = new Map<string, number>();
  const global = sub.counts.GLOBAL !== undefined;
  const rows: AffectationRow[] = [];
  for (const candidate of candidates) {
    if (!random.chance(sub.fill)) continue;
    const bucket = global ? 'GLOBAL' : candidate.profil;
    const limit = global ? limitOf(sub, 'ELEVE') : limitOf(sub, candidate.profil);
    // Keep a margin of locked licences below the limit (see lockedRows).
    if ((used.get(bucket) ?? 0) >= limit - 2) continue;
    used.set(bucket, (used.get(bucket) ?? 0) + 1);
    rows.push({
      uai: school.uai,
      idAbonnement: sub.idAbonnement,
      personId: candidate.id,
      profil: candidate.profil,
      locked: false,
    });
  }
  return rows;
}

/** Licences still held by pupils who left: a few per school, on subjects' resources. */
function lockedRows(school: School): AffectationRow[] {
  const targets = school.subscriptions
    .filter((sub) => sub.audience.level && sub.typeAffectation === 'INDIV')
    .slice(0, 4);
  return targets.flatMap((sub, i) =>
    Array.from({ length: 2 }, (_, k) => ({
      uai: school.uai,
      idAbonnement: sub.idAbonnement,
      personId: `PARTI-${school.uai}-${i}${k}`,
      profil: 'ELEVE' as const,
      locked: true,
    })),
  );
}

function statisticsRows(random: Random, school: School, clock: Clock, rows: AffectationRow[]): string[] {
  const holders = new Map<string, Map<Profil, number>>();
  for (const row of rows) {
    const perProfil = holders.get(row.idAbonnement) ?? new Map<Profil, number>();
    perProfil.set(row.profil, (perProfil.get(row.profil) ?? 0) + 1);
    holders.set(row.idAbonnement, perProfil);
  }
  const lines: string[] = [];
  for (const sub of school.subscriptions) {
    const perProfil = holders.get(sub.idAbonnement);
    if (!perProfil || sub.deleted) continue;
    for (let offset = -12; offset < 0; offset++) {
      const month = clock.month(offset);
      // Summer months are quiet in schools.
      const season = month.endsWith('-07') || month.endsWith('-08') ? 0.1 : 1;
      for (const [profil, count] of perProfil) {
        const acces = Math.round(count * sub.usage * season * (0.7 + random.next() * 0.6));
        const utilisateurs = Math.min(count, Math.round(acces / Math.max(1.5, sub.usage / 2)));
        lines.push(
          [school.uai, sub.idRessource, month, profil, acces, Math.min(utilisateurs, acces)].join(';'),
        );
      }
    }
  }
  return lines;
}

const SCHOOLS = [
  { uai: '0561622J', nom: 'Collège Jules Verne' },
  { uai: '0290009C', nom: 'Collège Anne de Bretagne' },
  { uai: '0350042K', nom: 'Lycée Simone Veil' },
] as const;

export function generateSeed({ profile, seed, referenceDate, nextYear = false }: SeedOptions): SeedFiles {
  if (!isCalendarDate(referenceDate)) throw new RangeError(`date de référence invalide : ${referenceDate}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`graine invalide : ${seed}`);
  const random = new Random(seed);
  const clock = clockFor(referenceDate);
  const specs =
    profile === 'lycee'
      ? [{ ...SCHOOLS[2], spec: LYCEE }]
      : profile === 'multi'
        ? [
            { ...SCHOOLS[0], spec: COLLEGE },
            { ...SCHOOLS[1], spec: COLLEGE },
          ]
        : [{ ...SCHOOLS[0], spec: COLLEGE }];
  const generated = specs.map((s, index) => generateSchool(random, s.spec, s.uai, s.nom, index + 1));
  const schools = nextYear ? generated.map(renewedForNextYear) : generated;
  const day = referenceDate.replaceAll('-', '');
  const schoolStart = daysToSchoolStart(clock, referenceDate);
  const files: SeedFiles = new Map();

  const affectations: AffectationRow[] = [];
  const statistics: string[] = [];
  for (const school of schools) {
    if (nextYear) continue;
    const rows = [
      ...school.subscriptions.flatMap((sub) => affectationsOf(random, school, sub)),
      ...lockedRows(school),
    ];
    affectations.push(...rows);
    statistics.push(...statisticsRows(random, school, clock, rows));
  }
  writePopulation(files, schools, {
    day,
    schoolStartYear: Number(clock.schoolYear().slice(0, 4)),
    // Birth dates and the like draw from their own stream: the main one stays as it was.
    details: new Random(seed ^ 0x5eed5eed),
  });

  const abonnements = schools.flatMap((school) =>
    school.subscriptions.map((sub) => abonnementXml(sub, school.uai, clock, schoolStart)),
  );
  files.set(
    'abonnements.xml',
    `<?xml version="1.0" encoding="UTF-8"?>\n<abonnements xmlns="${ABO_NS}">\n${abonnements.join('\n')}\n</abonnements>\n`,
  );
  files.set(
    'affectations.csv',
    `uai;idAbonnement;idPersonne;profil;verrouillee\n${affectations.map((r) => [r.uai, r.idAbonnement, r.personId, r.profil, r.locked ? 1 : 0].join(';')).join('\n')}\n`,
  );
  files.set('statistiques.csv', `uai;idRessource;mois;profil;acces;utilisateurs\n${statistics.join('\n')}\n`);
  files.set(
    'simulateur.json',
    `${JSON.stringify({ format: 'compagnon-gar-seed', version: 1, profil: profile, graine: seed, dateReference: referenceDate, etablissements: schools.map(({ uai, nom }) => ({ uai, nom })) }, null, 2)}\n`,
  );
  return files;
}
