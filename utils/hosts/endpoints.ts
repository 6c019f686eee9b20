/**
 * The GAR hosts' endpoints as path templates (modelled: tests/sim/API.md). Built-in values here;
 * a fichier d'étalonnage replaces them (./profile/active.ts), which is why the adapters read this
 * table at each call rather than holding their own strings.
 */
import type { Endpoint } from './profile/schema';
import { fillTemplate } from './profile/templates';

export const ENDPOINT_PATHS: Record<Endpoint, string> = {
  session: '/api/session',
  changementEtablissement: '/api/session/uai',
  abonnements: '/api/etablissements/:uai/abonnements',
  affectations: '/api/etablissements/:uai/abonnements/:idAbonnement/affectations',
  population: '/api/etablissements/:uai/population',
  tableauDeBord: '/api/etablissements/:uai/tableau-de-bord',
  licencesVerrouillees: '/api/etablissements/:uai/licences-verrouillees',
  recuperationLicences: '/api/etablissements/:uai/licences-verrouillees/recuperer',
  statistiques: '/api/etablissements/:uai/statistiques',
};

/** The URL of `endpoint` at `origin`, its parameters filled (and encoded). */
export function endpointUrl(
  origin: string,
  endpoint: Endpoint,
  params: Readonly<Record<string, string>> = {},
): string {
  return `${origin}${fillTemplate(ENDPOINT_PATHS[endpoint], params)}`;
}
