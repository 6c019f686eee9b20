import { askBackground } from '../../../utils/client';
import type { FeatureDefinition } from '../../../utils/features';
import { consoleViewOf } from '../../../utils/hosts/console/page';
import { isConsolePage } from '../../../utils/hosts/hosts';
import { countedSubscriptions, schoolSubscriptions } from '../../../utils/hosts/school-subscriptions';

/**
 * Remembers, on every console visit, the school's subscriptions with their end dates and counts,
 * so the popup and the daily check can answer "what expires soon?" without the console open.
 * Reads through the console's own endpoints with the RA's session; sends nothing elsewhere.
 */
export const memoireAbonnements: FeatureDefinition = {
  id: 'memoire-abonnements',
  label: 'featureMemoireAbonnements',
  include: [isConsolePage],
  exclude: [(url) => consoleViewOf(url) === 'connexion'],
  async init(context) {
    const { uai, subscriptions } = await schoolSubscriptions(context);
    await askBackground('subscriptions.seen', { uai, subscriptions: countedSubscriptions(subscriptions) });
  },
};
