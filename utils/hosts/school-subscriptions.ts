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

/**
 * What these readers need of a page run: its URL, its signal, and a once-per-run cache. A feature's
 * context (utils/features.ts) is one; declared here so the hosts need not know the feature manager.
 */
export interface PageRun {
  readonly url: URL;
  readonly signal: AbortSignal;
  shared<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/**
 * The page's own fetch (its cookies, its session), stopped with `signal`: the feature run's, or the
 * tab's for work that outlives a view (a bulk job). The one wrapper the features' clients use.
 */
export function pageFetch(signal: AbortSignal) {
  return (input: string, init?: RequestInit): Promise<Response> =>
    // Both stop it: the request's own time limit (utils/hosts/http.ts) and `signal`.
    fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
}

/**
 * The current school's subscriptions as the GAR page in front of the RA serves them — read once
 * per page run, whichever features ask (the memory, the badges).
 */
export function schoolSubscriptions(context: PageRun): Promise<SchoolSubscriptions> {
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
  context: PageRun,
  uai: string,
  range: { depuis: string; jusqua: string },
): Promise<UsageRow[]> {
  return createPortailClient(pageFetch(context.signal), context.url.origin).usage(uai, range);
}
