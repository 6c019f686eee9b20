import * as z from 'zod/mini';
import { abonnementSchema, licencesSchema } from '../gar/abonnement';
import { type ConsoleSubscription, counterBucketSchema, counterSchema } from '../gar/school';
import { endpointUrl } from './endpoints';
import { type Fetch, type JsonRequest, requestJson } from './http';

/** The wire shape of a subscription: the abonnement's fields flattened with counters and version. */
const wireSubscriptionSchema = z.extend(
  z.pick(abonnementSchema, {
    idAbonnement: true,
    idRessource: true,
    typeIdRessource: true,
    libelleRessource: true,
    idDistributeurCom: true,
    debutValidite: true,
    finValidite: true,
    anneeFinValidite: true,
    typeAffectation: true,
    categorieAffectation: true,
    publicCible: true,
  }),
  {
    licences: licencesSchema,
    compteurs: z.partialRecord(counterBucketSchema, counterSchema),
    version: z.int().check(z.nonnegative()),
  },
);
export type WireSubscription = z.infer<typeof wireSubscriptionSchema>;

/**
 * The wire fields were validated by `wireSubscriptionSchema`; only the ones the console leaves out
 * are added here, so no second parse is needed (it cost several ms per console visit: npm run bench).
 */
export function toConsoleSubscription(wire: WireSubscription, uai: string): ConsoleSubscription {
  const { compteurs, version, ...fields } = wire;
  return {
    abonnement: {
      ...fields,
      uaiEtab: [uai],
      // The console lists neither deleted subscriptions nor their flags: derive them from the id.
      supprime: fields.idAbonnement.startsWith('_'),
      automatique: fields.idAbonnement.startsWith('AUTO_'),
    },
    compteurs,
    version,
  };
}

/** Both the console and the portail list a school's subscriptions in this shape. */
export const subscriptionsResponseSchema = z.object({ abonnements: z.array(wireSubscriptionSchema) });

/** The school's subscriptions with their counters — the same endpoint on the console and the portail. */
export async function fetchSubscriptions(
  fetchFn: Fetch,
  origin: string,
  uai: string,
  request: Pick<JsonRequest, 'timeoutMs'> = {},
): Promise<ConsoleSubscription[]> {
  const url = endpointUrl(origin, 'abonnements', { uai });
  const { abonnements } = await requestJson(fetchFn, url, subscriptionsResponseSchema, request);
  return abonnements.map((wire) => toConsoleSubscription(wire, uai));
}

/** The RA's session: who, which school now, and every school they manage (both hosts). */
export const sessionSchema = z.object({
  ra: z.object({ id: z.string(), nom: z.string(), prenom: z.string() }),
  uai: z.string(),
  etablissements: z.array(z.object({ uai: z.string(), nom: z.string() })),
});
export type ConsoleSession = z.infer<typeof sessionSchema>;
