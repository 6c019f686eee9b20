import { endBadgesFeature } from '../../../components/features/end-badges';
import {
  CONSOLE_SELECTORS,
  type ConsoleView,
  consoleViewOf,
  subscriptionIdOf,
} from '../../../utils/hosts/console/page';

/** Where subscriptions appear in the console, and what to badge in each view. */
const TARGETS: Partial<Record<ConsoleView, string>> = {
  ressources: CONSOLE_SELECTORS.resourceRowEnd,
  ressource: CONSOLE_SELECTORS.resourceTitle,
  'tableau-de-bord': CONSOLE_SELECTORS.dashboardExpired,
};

export const badgesFin = endBadgesFeature({
  id: 'badges-fin',
  label: 'featureBadgesFin',
  targetOf: (url) => TARGETS[consoleViewOf(url) ?? 'connexion'],
  subscriptionIdOf,
});
