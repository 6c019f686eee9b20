import type { ConcurrentChange } from './faults';
import { assign, remove } from './rules';
import type { SimState } from './state';

/**
 * The scripted "other RA": applies the change through the same rules as any RA (so licences stay
 * consistent) and bumps the subscription's version, which makes the next stale write a 409.
 */
export function applyConcurrentChange(state: SimState, change: ConcurrentChange, now: Date): void {
  const school = state.schools.get(change.uai);
  const subscription = school?.subscriptions.get(change.idAbonnement);
  if (!school || !subscription) {
    console.warn(`Changement concurrent ignoré : ${change.uai}/${change.idAbonnement} introuvable.`);
    return;
  }
  try {
    if (change.ajouter?.length) {
      assign(
        school,
        change.idAbonnement,
        {
          version: subscription.version,
          cibles: change.ajouter.map((code) => ({ type: 'personne', code })),
          jusquAEpuisement: true,
        },
        now,
      );
    }
    if (change.retirer?.length) {
      remove(school, change.idAbonnement, { version: subscription.version, idPersonnes: change.retirer });
    }
  } catch (error) {
    console.warn('Changement concurrent refusé :', (error as Error).message);
  }
  // Even a change that added nobody was a write by someone else: the version moves on.
  subscription.version += 1;
}
