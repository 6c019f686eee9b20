import type { Cible, CounterBucket } from '../../../utils/gar/school';
import { validityStatus } from '../../../utils/gar/validity';
import { ApiError } from './api-error';
import { compteurs, type SchoolState, type SubscriptionState, subscriptionOf } from './state';
import { resolveTargets } from './targets';

/**
 * The console's server-side rules on writes: the caller's version must be current (another RA
 * may have changed the subscription), ETABL subscriptions take no individual licence, only
 * active subscriptions can be assigned, and licences are never over-spent.
 */

export interface AssignRequest {
  version: number;
  cibles: Cible[];
  jusquAEpuisement?: boolean;
}

export interface AssignResult {
  version: number;
  ajoutees: string[];
  dejaAffectees: string[];
  exclues: { idPersonne: string; raison: string }[];
}

function checkVersion(subscription: SubscriptionState, version: number): void {
  if (version !== subscription.version) {
    throw new ApiError(
      409,
      'conflit',
      'Cet abonnement a été modifié entre-temps (par un autre responsable ?). Rechargez-le puis recommencez.',
      { version: subscription.version },
    );
  }
}

function checkAssignable(subscription: SubscriptionState, now: Date): void {
  const { abonnement } = subscription;
  if (abonnement.typeAffectation === 'ETABL') {
    throw new ApiError(
      422,
      'cible',
      "Abonnement établissement (ETABL) : toute l'école y a déjà accès, aucune affectation individuelle.",
    );
  }
  const { status } = validityStatus(abonnement, now, { expiringDays: 0 });
  if (status === 'expire') throw new ApiError(422, 'cible', 'Cet abonnement est expiré.');
  if (status === 'pasEncoreActif')
    throw new ApiError(422, 'cible', "Cet abonnement n'a pas encore commencé.");
}

/** Licences left per bucket (Infinity when unlimited). */
function remaining(subscription: SubscriptionState): Map<CounterBucket, number> {
  const left = new Map<CounterBucket, number>();
  for (const [bucket, counter] of Object.entries(compteurs(subscription)) as [
    CounterBucket,
    { disponibles: number | 'ILLIMITE' },
  ][]) {
    left.set(bucket, counter.disponibles === 'ILLIMITE' ? Number.POSITIVE_INFINITY : counter.disponibles);
  }
  return left;
}

export function assign(school: SchoolState, id: string, request: AssignRequest, now: Date): AssignResult {
  const subscription = subscriptionOf(school, id);
  checkVersion(subscription, request.version);
  checkAssignable(subscription, now);
  const { abonnement } = subscription;
  const persons = resolveTargets(school, abonnement, request.cibles);
  const dejaAffectees = persons.filter((person) => subscription.holders.has(person.id)).map((p) => p.id);
  const nouvelles = persons.filter((person) => !subscription.holders.has(person.id));
  const bucketOf = (profil: CounterBucket): CounterBucket =>
    abonnement.licences.kind === 'global' ? 'GLOBAL' : profil;
  const left = remaining(subscription);

  if (!request.jusquAEpuisement) {
    const needed = new Map<CounterBucket, number>();
    for (const person of nouvelles) {
      const bucket = bucketOf(person.profil);
      needed.set(bucket, (needed.get(bucket) ?? 0) + 1);
    }
    const manquantes: Partial<Record<CounterBucket, number>> = {};
    for (const [bucket, count] of needed) {
      const missing = count - (left.get(bucket) ?? 0);
      if (missing > 0) manquantes[bucket] = missing;
    }
    if (Object.keys(manquantes).length > 0) {
      throw new ApiError(422, 'licences', 'Licences insuffisantes : aucune affectation n’a été faite.', {
        manquantes,
      });
    }
  }
  const ajoutees: string[] = [];
  const exclues: AssignResult['exclues'] = [];
  for (const person of nouvelles) {
    const bucket = bucketOf(person.profil);
    const available = left.get(bucket) ?? 0;
    if (available <= 0) {
      exclues.push({ idPersonne: person.id, raison: 'licences' });
      continue;
    }
    left.set(bucket, available - 1);
    subscription.holders.set(person.id, {
      idAbonnement: id,
      uai: school.uai,
      personId: person.id,
      profil: person.profil,
      verrouillee: false,
    });
    ajoutees.push(person.id);
  }
  if (ajoutees.length > 0) subscription.version += 1;
  return { version: subscription.version, ajoutees, dejaAffectees, exclues };
}

export function remove(
  school: SchoolState,
  id: string,
  request: { version: number; idPersonnes: string[] },
): { version: number; retirees: string[] } {
  const subscription = subscriptionOf(school, id);
  checkVersion(subscription, request.version);
  const retirees = request.idPersonnes.filter((person) => subscription.holders.delete(person));
  if (retirees.length > 0) subscription.version += 1;
  return { version: subscription.version, retirees };
}

/** Frees locked licences (persons who left); unknown or unlocked ones are ignored. */
export function recover(
  school: SchoolState,
  licences: { idAbonnement: string; idPersonne: string }[],
): number {
  let recovered = 0;
  for (const { idAbonnement, idPersonne } of licences) {
    const subscription = school.subscriptions.get(idAbonnement);
    const holder = subscription?.holders.get(idPersonne);
    if (subscription && holder?.verrouillee) {
      subscription.holders.delete(idPersonne);
      subscription.version += 1;
      recovered += 1;
    }
  }
  return recovered;
}
