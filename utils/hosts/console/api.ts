import * as z from 'zod/mini';
import { profilSchema } from '../../gar/abonnement';
import {
  type Cible,
  type ConsoleSubscription,
  type SchoolPopulation,
  schoolPopulationSchema,
} from '../../gar/school';
import { endpointUrl } from '../endpoints';
import { type Fetch, type JsonRequest, requestJson } from '../http';
import { type ConsoleSession, fetchSubscriptions, sessionSchema } from '../wire-subscription';

/**
 * The console d'affectation's JSON endpoints, as modelled by the simulator (tests/sim/API.md).
 * The real console's API is not public: every path and field name below is an assumption, to be
 * calibrated against the live console — here and nowhere else.
 */

export type { ConsoleSession } from '../wire-subscription';

const affectationsSchema = z.object({
  version: z.int(),
  affectations: z.array(z.object({ idPersonne: z.string(), profil: profilSchema, verrouillee: z.boolean() })),
});
export type ConsoleAffectations = z.infer<typeof affectationsSchema>;

const assignResultSchema = z.object({
  version: z.int(),
  ajoutees: z.array(z.string()),
  dejaAffectees: z.array(z.string()),
  exclues: z.array(z.object({ idPersonne: z.string(), raison: z.string() })),
});
export type AssignResult = z.infer<typeof assignResultSchema>;

const removeResultSchema = z.object({ version: z.int(), retirees: z.array(z.string()) });
export type RemoveResult = z.infer<typeof removeResultSchema>;

const licenceCountOrUnlimited = z.union([z.int(), z.literal('ILLIMITE')]);
export const dashboardSchema = z.object({
  ressourcesNonAffectees: z.int(),
  nouvellesLicences: z.int(),
  licencesDisponibles: z.partialRecord(profilSchema, licenceCountOrUnlimited),
  licencesVerrouillees: z.int(),
  effectifs: z.object({
    divisions: z.int(),
    groupes: z.int(),
    eleves: z.int(),
    enseignants: z.int(),
  }),
});
export type ConsoleDashboard = z.infer<typeof dashboardSchema>;

const lockedLicencesSchema = z.object({
  licences: z.array(
    z.object({
      idAbonnement: z.string(),
      libelleRessource: z.string(),
      idPersonne: z.string(),
      profil: profilSchema,
    }),
  ),
});
export type LockedLicence = z.infer<typeof lockedLicencesSchema>['licences'][number];

export interface ConsoleClient {
  session(): Promise<ConsoleSession>;
  switchSchool(uai: string): Promise<ConsoleSession>;
  subscriptions(uai: string): Promise<ConsoleSubscription[]>;
  affectations(uai: string, idAbonnement: string): Promise<ConsoleAffectations>;
  assign(
    uai: string,
    idAbonnement: string,
    request: { version: number; cibles: Cible[]; jusquAEpuisement?: boolean },
  ): Promise<AssignResult>;
  remove(
    uai: string,
    idAbonnement: string,
    request: { version: number; idPersonnes: string[] },
  ): Promise<RemoveResult>;
  population(uai: string): Promise<SchoolPopulation>;
  dashboard(uai: string): Promise<ConsoleDashboard>;
  lockedLicences(uai: string): Promise<LockedLicence[]>;
  recoverLicences(uai: string, licences: { idAbonnement: string; idPersonne: string }[]): Promise<number>;
}

export interface ConsoleClientOptions {
  /** Per request (utils/hosts/http.ts REQUEST_TIMEOUT_MS by default); tests use a short one. */
  timeoutMs?: number;
}

/** A client for the console at `origin`, through the given `fetch` (the page's own, in a content script). */
export function createConsoleClient(
  fetchFn: Fetch,
  origin: string,
  { timeoutMs }: ConsoleClientOptions = {},
): ConsoleClient {
  const subscription = (uai: string, idAbonnement: string): string =>
    endpointUrl(origin, 'affectations', { uai, idAbonnement });
  const call = <S extends z.ZodMiniType>(url: string, schema: S, request: JsonRequest = {}) =>
    requestJson(fetchFn, url, schema, { ...request, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  return {
    session: () => call(endpointUrl(origin, 'session'), sessionSchema),
    switchSchool: (uai) =>
      call(endpointUrl(origin, 'changementEtablissement'), sessionSchema, { method: 'PUT', body: { uai } }),
    subscriptions: (uai) =>
      fetchSubscriptions(fetchFn, origin, uai, timeoutMs === undefined ? {} : { timeoutMs }),
    affectations: (uai, id) => call(subscription(uai, id), affectationsSchema),
    assign: (uai, id, request) =>
      call(subscription(uai, id), assignResultSchema, { method: 'POST', body: request }),
    remove: (uai, id, request) =>
      call(subscription(uai, id), removeResultSchema, { method: 'DELETE', body: request }),
    population: (uai) => call(endpointUrl(origin, 'population', { uai }), schoolPopulationSchema),
    dashboard: (uai) => call(endpointUrl(origin, 'tableauDeBord', { uai }), dashboardSchema),
    lockedLicences: async (uai) =>
      (await call(endpointUrl(origin, 'licencesVerrouillees', { uai }), lockedLicencesSchema)).licences,
    recoverLicences: async (uai, licences) =>
      (
        await call(
          endpointUrl(origin, 'recuperationLicences', { uai }),
          z.object({ recuperees: z.number() }),
          {
            method: 'POST',
            body: { licences },
          },
        )
      ).recuperees,
  };
}
