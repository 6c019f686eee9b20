import { endBadgesFeature } from '../../../components/features/end-badges';
import {
  CONSOLE_SELECTORS,
  type ConsoleView,
  consoleViewOf,
  rowEndDate,
  rowStartDate,
  subscriptionIdOf,
} from '../../../utils/hosts/console/page';

/** Where subscriptions appear in the console, and what to badge in each view (read at each run: calibrated). */
const TARGETS: Partial<Record<ConsoleView, keyof typeof CONSOLE_SELECTORS>> = {
  ressources: 'resourceRowEnd',
  ressource: 'resourceTitle',
  'tableau-de-bord': 'dashboardExpired',
};

export const badgesFin = endBadgesFeature({
  id: 'badges-fin',
  label: 'featureBadgesFin',
  selectors: CONSOLE_SELECTORS,
  anchorOf: (url) => TARGETS[consoleViewOf(url) ?? 'connexion'],
  subscriptionIdOf,
  pageEndDateOf: rowEndDate,
  pageStartDateOf: rowStartDate,
});
