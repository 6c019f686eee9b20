import type { Page } from '@playwright/test';
import { skinPath } from './skin';

/**
 * What the console's API shows of one school — its subscriptions with their licences, its
 * population with divisions, groups and levels — read by a console page with the RA's session
 * (tests/sim/API.md): the figures a journey expects are the console's, never typed into the test.
 * Holders and the bulk dialog's gestures are in console-api.ts.
 */

type Count = number | 'ILLIMITE';

export interface ApiSubscription {
  idAbonnement: string;
  idRessource: string;
  libelleRessource: string;
  typeAffectation: 'INDIV' | 'ETABL';
  publicCible: string[];
  licences: { kind: 'global'; count: Count } | { kind: 'parProfil'; counts: Record<string, Count> };
  compteurs: Record<string, { achetees: Count; affectees: number; verrouillees: number; disponibles: Count }>;
}

export interface ApiPerson {
  id: string;
  profil: string;
  divisions: string[];
  groupes: string[];
  mefs: string[];
}

export interface ApiPopulation {
  divisions: { code: string; libelle: string }[];
  groupes: { code: string; libelle: string }[];
  mefs: { code: string; libelle: string }[];
  personnes: ApiPerson[];
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} : ${response.status}`);
    return (await response.json()) as T;
  }, skinPath(path));
}

export async function subscriptionsOf(page: Page, uai: string): Promise<ApiSubscription[]> {
  const body = await getJson<{ abonnements: ApiSubscription[] }>(
    page,
    `/api/etablissements/${uai}/abonnements`,
  );
  return body.abonnements;
}

export async function subscriptionOf(
  page: Page,
  uai: string,
  idAbonnement: string,
): Promise<ApiSubscription> {
  const found = (await subscriptionsOf(page, uai)).find((s) => s.idAbonnement === idAbonnement);
  if (!found) throw new Error(`${idAbonnement} absent de la console de ${uai}`);
  return found;
}

export async function populationOf(page: Page, uai: string): Promise<ApiPopulation> {
  return getJson<ApiPopulation>(page, `/api/etablissements/${uai}/population`);
}

/** The pupils of the population, in a division or a level (MEF code) when one is given. */
export function pupilsIn(
  population: ApiPopulation,
  where: { division?: string; mef?: string } = {},
): ApiPerson[] {
  return population.personnes.filter(
    (p) =>
      p.profil === 'ELEVE' &&
      (where.division === undefined || p.divisions.includes(where.division)) &&
      (where.mef === undefined || p.mefs.includes(where.mef)),
  );
}

/** Pupil licences a subscription counts, when it counts them per profile. */
export function pupilLicences(subscription: ApiSubscription): number {
  const count = subscription.licences.kind === 'parProfil' ? subscription.licences.counts.ELEVE : undefined;
  if (typeof count !== 'number')
    throw new Error(`${subscription.idAbonnement} : pas de licences élèves comptées`);
  return count;
}
