import { endBadgesFeature } from '../../../components/features/end-badges';
import {
  CONSOLE_SELECTORS,
  type ConsoleView,
  consoleViewOf,
  subscriptionIdOf,
} from '../../../utils/hosts/console/page';

/** Where subscriptions appear in the console, and what to badge in each view (read at each run: calibrated). */
const TARGETS: Partial<Record<ConsoleView, keyof typeof CONSOLE_SELECTORS>> = {
  ressources: 'resourceRowEnd',
  ressource: 'resourceTitle',
  'tableau-de-bord': 'dashboardExpired',
};

function targetOf(url: URL): string | undefined {
  const anchor = TARGETS[consoleViewOf(url) ?? 'connexion'];
  return anchor && CONSOLE_SELECTORS[anchor];
}

export const badgesFin = endBadgesFeature({
  id: 'badges-fin',
  label: 'featureBadgesFin',
  targetOf,
  subscriptionIdOf,
});
