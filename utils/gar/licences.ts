import type { Abonnement, LicenceCount, Profil } from './abonnement';
import type { Affectation } from './affectation';

/**
 * Licence arithmetic of one subscription (DOMAIN.md §3): per profile — or one GLOBAL bucket when
 * the subscription counts licences globally — how many were bought, assigned, are locked and
 * remain available. One person holds at most one licence per subscription.
 */

export type Bucket = Profil | 'GLOBAL';

export interface LicenceLine {
  achetees: LicenceCount;
  /** Persons holding a licence, locked ones included (a locked licence is still taken). */
  affectees: number;
  verrouillees: number;
  disponibles: LicenceCount;
  /** Licences assigned beyond what was bought (a console should never allow it; we report it). */
  depassement: number;
}

export interface LicenceSummary {
  /** ETABL: the whole school has access, nobody needs an individual licence. */
  etablissement: boolean;
  lignes: Partial<Record<Bucket, LicenceLine>>;
}

function line(achetees: LicenceCount, holders: Affectation[]): LicenceLine {
  const affectees = holders.length;
  const verrouillees = holders.filter((holder) => holder.verrouillee).length;
  if (achetees === 'ILLIMITE')
    return { achetees, affectees, verrouillees, disponibles: 'ILLIMITE', depassement: 0 };
  return {
    achetees,
    affectees,
    verrouillees,
    disponibles: Math.max(achetees - affectees, 0),
    depassement: Math.max(affectees - achetees, 0),
  };
}

/** One affectation per person: a duplicate would count a licence twice. */
function holdersOf(abonnement: Abonnement, affectations: Iterable<Affectation>): Affectation[] {
  const byPerson = new Map<string, Affectation>();
  for (const affectation of affectations) {
    if (affectation.idAbonnement === abonnement.idAbonnement && !byPerson.has(affectation.personId)) {
      byPerson.set(affectation.personId, affectation);
    }
  }
  return [...byPerson.values()];
}

export function licenceCounts(abonnement: Abonnement, affectations: Iterable<Affectation>): LicenceSummary {
  const holders = holdersOf(abonnement, affectations);
  const etablissement = abonnement.typeAffectation === 'ETABL';
  const { licences } = abonnement;
  if (licences.kind === 'global') return { etablissement, lignes: { GLOBAL: line(licences.count, holders) } };
  const lignes: Partial<Record<Bucket, LicenceLine>> = {};
  for (const profil of abonnement.publicCible) {
    const bought = licences.counts[profil] ?? 0;
    lignes[profil] = line(
      bought,
      holders.filter((holder) => holder.profil === profil),
    );
  }
  return { etablissement, lignes };
}

/** Affectations grouped by subscription id, so many summaries cost one pass over them. */
export function groupBySubscription(affectations: Iterable<Affectation>): Map<string, Affectation[]> {
  const groups = new Map<string, Affectation[]>();
  for (const affectation of affectations) {
    const group = groups.get(affectation.idAbonnement);
    if (group) group.push(affectation);
    else groups.set(affectation.idAbonnement, [affectation]);
  }
  return groups;
}
