import * as z from 'zod/mini';
import type { ConsoleSubscription } from '../../gar/school';
import { monthSchema, type UsageRow, usageRowSchema } from '../../gar/usage-row';
import { endpointUrl } from '../endpoints';
import { type Fetch, requestJson } from '../http';
import { type ConsoleSession, fetchSubscriptions, sessionSchema } from '../wire-subscription';

/**
 * The portail GAR's JSON endpoints, as modelled by the simulator (tests/sim/API.md). The real
 * portail's pages and exports for one school are not public: these are assumptions.
 */

export interface PortailClient {
  session(): Promise<ConsoleSession>;
  subscriptions(uai: string): Promise<ConsoleSubscription[]>;
  /** Usage per resource × month × profile, months inclusive (YYYY-MM). */
  usage(uai: string, range: { depuis: string; jusqua: string }): Promise<UsageRow[]>;
}

export function createPortailClient(fetchFn: Fetch, origin: string): PortailClient {
  return {
    session: () => requestJson(fetchFn, endpointUrl(origin, 'session'), sessionSchema),
    subscriptions: (uai) => fetchSubscriptions(fetchFn, origin, uai),
    usage: async (uai, { depuis, jusqua }) => {
      const query = new URLSearchParams({
        depuis: monthSchema.parse(depuis),
        jusqua: monthSchema.parse(jusqua),
      });
      const url = `${endpointUrl(origin, 'statistiques', { uai })}?${query}`;
      return (await requestJson(fetchFn, url, z.object({ lignes: z.array(usageRowSchema) }))).lignes;
    },
  };
}
