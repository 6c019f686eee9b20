import { askBackground } from '../../../utils/client';
import type { FeatureDefinition } from '../../../utils/features';
import { createConsoleClient } from '../../../utils/hosts/console/api';
import { consoleViewOf } from '../../../utils/hosts/console/page';

/**
 * Remembers, on every console visit, the school's subscriptions with their end dates and counts,
 * so the popup and the daily check can answer "what expires soon?" without the console open.
 * Reads through the console's own endpoints with the RA's session; sends nothing elsewhere.
 */
export const memoireAbonnements: FeatureDefinition = {
  id: 'memoire-abonnements',
  label: 'featureMemoireAbonnements',
  exclude: [(url) => consoleViewOf(url) === 'connexion'],
  async init({ signal, url }) {
    const client = createConsoleClient((input, init) => fetch(input, { ...init, signal }), url.origin);
    const { uai } = await client.session();
    const subscriptions = await client.subscriptions(uai);
    await askBackground('subscriptions.seen', {
      uai,
      subscriptions: subscriptions.map(({ abonnement, compteurs }) => ({ abonnement, counts: compteurs })),
    });
  },
};
