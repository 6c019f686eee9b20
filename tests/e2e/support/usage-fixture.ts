import type { Profil } from '../../../utils/gar/abonnement';
import type { UsageMonth } from '../../../utils/gar/usage-month';
import { addMonths, type Mois, type UsageFact } from '../../../utils/gar/usage-stats';

/**
 * A school's usage history as the store keeps it (one record per month), generated from a seed so
 * that tests and the benchmark read the same figures every run. Resource 0 is « Presse junior »:
 * 300 pupil licences, all assigned, about 12 accès a month (scenario 6, not renewed); resource 1
 * counts its licences globally and without limit; every 7th resource is never opened, every 5th
 * is opened less than once per assigned licence and per month, the others are used regularly.
 */

export interface UsageFixtureOptions {
  uai: string;
  /** The first month, `YYYY-MM`. */
  depuis: Mois;
  /** How many months from `depuis`. */
  mois: number;
  ressources: number;
  seed: number;
}

const PROFILES: readonly Profil[] = ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'];

const TITLES = [
  'Presse junior',
  'Dictionnaire junior',
  'Manuel de mathématiques 5e',
  'English Rocks 4e',
  'Atlas géographique',
  'Histoire-Géographie 3e',
  'Physique-Chimie cycle 4',
  'Lectures du soir',
  'SVT interactive',
  'Espagnol ¡Vamos!',
  'Musique en classe',
  'Technologie collège',
];

/** Licences bought per profile, before the per-resource variation. */
const BOUGHT: Record<Profil, [min: number, max: number]> = {
  ELEVE: [60, 400],
  ENSEIGNANT: [4, 40],
  DOCUMENTALISTE: [1, 3],
  'AUTRE PERSONNEL': [0, 6],
};

type Kind = 'presse' | 'illimite' | 'jamais' | 'rare' | 'regulier';

/** mulberry32: small, fast and good enough to spread test figures. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function kindOf(index: number): Kind {
  if (index === 0) return 'presse';
  if (index === 1) return 'illimite';
  if (index % 7 === 0) return 'jamais';
  if (index % 5 === 0) return 'rare';
  return 'regulier';
}

function titleOf(index: number): string {
  const title = TITLES[index % TITLES.length] ?? 'Ressource';
  return index < TITLES.length ? title : `${title} (${Math.floor(index / TITLES.length) + 1})`;
}

/** Fewer sessions in the summer holidays, as in a real school year. */
function seasonOf(mois: Mois): number {
  const month = Number(mois.slice(5));
  if (month === 8) return 0.05;
  if (month === 7) return 0.3;
  return 1;
}

interface Resource {
  id: string;
  libelle: string;
  kind: Kind;
  /** Licences bought and assigned per profile (absent: the resource does not target it). */
  licences: Partial<Record<Profil, { achetees: number; affectees: number }>>;
  /** Accès per assigned licence and per month, before the season. */
  rate: number;
}

function resourceOf(index: number, next: () => number): Resource {
  const kind = kindOf(index);
  const licences: Resource['licences'] = {};
  for (const profil of kind === 'illimite' ? [] : PROFILES) {
    const [min, max] = BOUGHT[profil];
    const achetees =
      kind === 'presse' ? (profil === 'ELEVE' ? 300 : 0) : min + Math.floor(next() * (max - min));
    if (achetees === 0) continue;
    const affectees = kind === 'presse' ? achetees : Math.round(achetees * (0.5 + next() * 0.5));
    licences[profil] = { achetees, affectees };
  }
  const rate = { presse: 0, illimite: 2, jamais: 0, rare: 0.1 + next() * 0.5, regulier: 1.5 + next() * 3 }[
    kind
  ];
  return { id: `ark:/12345/ressource-${index + 1}`, libelle: titleOf(index), kind, licences, rate };
}

/** Pupils of the unlimited resource: its licences are counted globally, its usage per profile. */
const UNLIMITED_PUPILS = 180;

function factsOf(resource: Resource, mois: Mois, next: () => number): UsageFact[] {
  const base = { idRessource: resource.id, libelle: resource.libelle, mois };
  const licencesVuesLe = `${mois}-15T08:00:00.000Z`;
  const facts: UsageFact[] = [];
  if (resource.kind === 'illimite') {
    facts.push({
      ...base,
      profil: 'GLOBAL',
      licencesAchetees: 'ILLIMITE',
      licencesAffectees: UNLIMITED_PUPILS,
      licencesVuesLe,
      sources: ['console'],
    });
  }
  for (const profil of PROFILES) {
    const held = resource.licences[profil];
    const assigned =
      resource.kind === 'illimite' && profil === 'ELEVE' ? UNLIMITED_PUPILS : (held?.affectees ?? 0);
    const acces =
      resource.kind === 'presse'
        ? held
          ? 10 + Math.floor(next() * 5)
          : 0
        : Math.round(assigned * resource.rate * seasonOf(mois) * (0.8 + next() * 0.4));
    const sources: UsageFact['sources'] = [
      ...(held ? ['console' as const] : []),
      ...(acces > 0 ? ['portail' as const] : []),
    ];
    if (sources.length === 0) continue;
    facts.push({
      ...base,
      profil,
      ...(acces > 0 ? { acces, utilisateurs: Math.max(1, Math.min(assigned, Math.round(acces / 3))) } : {}),
      ...(held ? { licencesAchetees: held.achetees, licencesAffectees: held.affectees, licencesVuesLe } : {}),
      sources,
    });
  }
  return facts;
}

/** `mois` months of one school from `depuis`, chronological, each with every resource's figures. */
export function usageMonths({ uai, depuis, mois, ressources, seed }: UsageFixtureOptions): UsageMonth[] {
  const next = random(seed);
  const resources = Array.from({ length: ressources }, (_, index) => resourceOf(index, next));
  return Array.from({ length: mois }, (_, offset) => {
    const month = addMonths(depuis, offset);
    return {
      id: `${uai}:${month}`,
      uai,
      mois: month,
      majLe: `${addMonths(month, 1)}-01T06:00:00.000Z`,
      lignes: resources.flatMap((resource) => factsOf(resource, month, next)),
    };
  });
}
