import type { Abonnement, LicenceCount, Profil } from '../../../utils/gar/abonnement';
import type { Affectation } from '../../../utils/gar/affectation';
import { licenceCounts } from '../../../utils/gar/licences';
import type { Counter, CounterBucket } from '../../../utils/gar/school';
import { validityStatus } from '../../../utils/gar/validity';
import { ApiError } from './api-error';
import { buildSchoolView, type SchoolView } from './school-view';
import type { Seed, Statistique } from './seed-loader';

/**
 * The simulator's memory: per school, its subscriptions with their holders and version, its
 * population and statistics. Every RA session reads and writes the same objects, so a change is
 * visible to all on their next read.
 */

export interface SubscriptionState {
  abonnement: Abonnement;
  /** Incremented on every write that changes the holders. */
  version: number;
  /** One licence per person: keyed by person id. */
  holders: Map<string, Affectation>;
}

export interface SchoolState {
  uai: string;
  nom: string;
  subscriptions: Map<string, SubscriptionState>;
  view: SchoolView;
  statistiques: Statistique[];
}

export interface RespAffAccount {
  id: string;
  nom: string;
  prenom: string;
  uais: string[];
}

export interface SimState {
  schools: Map<string, SchoolState>;
  respAffs: RespAffAccount[];
}

export function buildState(seed: Seed): SimState {
  const schools = new Map<string, SchoolState>();
  for (const { uai, nom } of seed.meta.etablissements) {
    const subscriptions = new Map<string, SubscriptionState>();
    for (const abonnement of seed.abonnements.filter((candidate) => candidate.uaiEtab.includes(uai))) {
      const holders = new Map<string, Affectation>();
      for (const affectation of seed.affectations) {
        if (affectation.uai === uai && affectation.idAbonnement === abonnement.idAbonnement) {
          holders.set(affectation.personId, affectation);
        }
      }
      subscriptions.set(abonnement.idAbonnement, { abonnement, version: 1, holders });
    }
    schools.set(uai, {
      uai,
      nom,
      subscriptions,
      view: buildSchoolView(seed.population, uai),
      statistiques: seed.statistiques.filter((ligne) => ligne.uai === uai),
    });
  }
  const respAffs = seed.population.respAffs.map(({ id, nom, prenom, uais }) => ({
    id,
    nom,
    prenom,
    uais: uais.filter((uai) => schools.has(uai)),
  }));
  return { schools, respAffs: respAffs.filter((ra) => ra.uais.length > 0) };
}

export function schoolOf(state: SimState, uai: string): SchoolState {
  const school = state.schools.get(uai);
  if (!school) throw new ApiError(404, 'introuvable', `Établissement ${uai} inconnu.`);
  return school;
}

/** A listed (not deleted) subscription of the school, or 404. */
export function subscriptionOf(school: SchoolState, id: string): SubscriptionState {
  const subscription = school.subscriptions.get(id);
  if (!subscription || subscription.abonnement.supprime) {
    throw new ApiError(404, 'introuvable', `Abonnement ${id} introuvable dans cet établissement.`);
  }
  return subscription;
}

export function listedSubscriptions(school: SchoolState): SubscriptionState[] {
  return [...school.subscriptions.values()].filter((subscription) => !subscription.abonnement.supprime);
}

export function compteurs(subscription: SubscriptionState): Partial<Record<CounterBucket, Counter>> {
  const { lignes } = licenceCounts(subscription.abonnement, subscription.holders.values());
  const result: Partial<Record<CounterBucket, Counter>> = {};
  for (const [bucket, line] of Object.entries(lignes) as [
    CounterBucket,
    NonNullable<(typeof lignes)['GLOBAL']>,
  ][]) {
    const { achetees, affectees, verrouillees, disponibles } = line;
    result[bucket] = { achetees, affectees, verrouillees, disponibles };
  }
  return result;
}

/** Active today: started and not ended. */
export function isActive(abonnement: Abonnement, now: Date): boolean {
  const { status } = validityStatus(abonnement, now, { expiringDays: 0 });
  return status !== 'expire' && status !== 'pasEncoreActif';
}

/** AbonnementConsole of API.md. */
export function toWire(subscription: SubscriptionState): Record<string, unknown> {
  const { abonnement } = subscription;
  return {
    idAbonnement: abonnement.idAbonnement,
    idRessource: abonnement.idRessource,
    typeIdRessource: abonnement.typeIdRessource,
    libelleRessource: abonnement.libelleRessource,
    idDistributeurCom: abonnement.idDistributeurCom,
    debutValidite: abonnement.debutValidite,
    finValidite: abonnement.finValidite,
    anneeFinValidite: abonnement.anneeFinValidite,
    typeAffectation: abonnement.typeAffectation,
    categorieAffectation: abonnement.categorieAffectation,
    publicCible: abonnement.publicCible,
    licences: abonnement.licences,
    compteurs: compteurs(subscription),
    version: subscription.version,
  };
}

function addCount(total: LicenceCount | undefined, count: LicenceCount): LicenceCount {
  if (total === 'ILLIMITE' || count === 'ILLIMITE') return 'ILLIMITE';
  return (total ?? 0) + count;
}

const NEW_DAYS = 30;

/** The dashboard of API.md `GET tableau-de-bord`. */
export function dashboard(school: SchoolState, now: Date): Record<string, unknown> {
  const active = listedSubscriptions(school).filter((subscription) => isActive(subscription.abonnement, now));
  const indiv = active.filter((subscription) => subscription.abonnement.typeAffectation === 'INDIV');
  const licencesDisponibles: Partial<Record<Profil, LicenceCount>> = {};
  let nouvellesLicences = 0;
  for (const subscription of indiv) {
    const counters = compteurs(subscription);
    const recent = now.getTime() - Date.parse(subscription.abonnement.debutValidite) < NEW_DAYS * 86_400_000;
    for (const profil of subscription.abonnement.publicCible) {
      // A global count is available to each of its publics (it is one shared pool).
      const counter = counters[profil] ?? counters.GLOBAL;
      if (counter) licencesDisponibles[profil] = addCount(licencesDisponibles[profil], counter.disponibles);
    }
    if (recent) {
      for (const counter of Object.values(counters)) {
        if (typeof counter.disponibles === 'number') nouvellesLicences += counter.disponibles;
      }
    }
  }
  const { population } = school.view;
  return {
    ressourcesNonAffectees: indiv.filter((subscription) => subscription.holders.size === 0).length,
    nouvellesLicences,
    licencesDisponibles,
    licencesVerrouillees: lockedLicences(school).length,
    effectifs: {
      divisions: population.divisions.length,
      groupes: population.groupes.length,
      eleves: population.personnes.filter((personne) => personne.profil === 'ELEVE').length,
      enseignants: population.personnes.filter((personne) => personne.profil === 'ENSEIGNANT').length,
    },
  };
}

export interface LockedLicence {
  idAbonnement: string;
  libelleRessource: string;
  idPersonne: string;
  profil: Profil;
}

export function lockedLicences(school: SchoolState): LockedLicence[] {
  return listedSubscriptions(school).flatMap(({ abonnement, holders }) =>
    [...holders.values()]
      .filter((holder) => holder.verrouillee)
      .map((holder) => ({
        idAbonnement: abonnement.idAbonnement,
        libelleRessource: abonnement.libelleRessource,
        idPersonne: holder.personId,
        profil: holder.profil,
      })),
  );
}
