import type { FeatureContext } from '../features';
import type { ConsoleSubscription } from '../gar/school';
import type { CountedSubscription } from '../gar/seen-subscription';
import type { UsageRow } from '../gar/usage-row';
import { createConsoleClient } from './console/api';
import { PORTAIL_ORIGIN } from './hosts';
import { createPortailClient } from './portail/api';

export interface SchoolSubscriptions {
  uai: string;
  subscriptions: ConsoleSubscription[];
}

type Context = Pick<FeatureContext, 'shared' | 'signal' | 'url'>;

/** The page's own fetch, stopped with the feature run. */
function pageFetch(signal: AbortSignal) {
  return (input: string, init?: RequestInit): Promise<Response> => fetch(input, { ...init, signal });
}

/**
 * The current school's subscriptions as the GAR page in front of the RA serves them — read once
 * per page run, whichever features ask (the memory, the badges).
 */
export function schoolSubscriptions(context: Context): Promise<SchoolSubscriptions> {
  return context.shared('abonnements-etablissement', async () => {
    const client =
      context.url.origin === PORTAIL_ORIGIN
        ? createPortailClient(pageFetch(context.signal), context.url.origin)
        : createConsoleClient(pageFetch(context.signal), context.url.origin);
    const { uai } = await client.session();
    return { uai, subscriptions: await client.subscriptions(uai) };
  });
}

/** The counters as the background keeps them (`counts`), from the page's `compteurs`. */
export function countedSubscriptions(subscriptions: readonly ConsoleSubscription[]): CountedSubscription[] {
  return subscriptions.map(({ abonnement, compteurs }) => ({ abonnement, counts: compteurs }));
}

/** The portail's usage figures of a school, months inclusive. */
export function portailUsage(
  context: Context,
  uai: string,
  range: { depuis: string; jusqua: string },
): Promise<UsageRow[]> {
  return createPortailClient(pageFetch(context.signal), context.url.origin).usage(uai, range);
}
