import { endBadgesFeature } from '../../../components/features/end-badges';
import {
  PORTAIL_SELECTORS,
  portailViewOf,
  rowEndDate,
  subscriptionIdOf,
} from '../../../utils/hosts/portail/page';

export const badgesFinPortail = endBadgesFeature({
  id: 'badges-fin-portail',
  label: 'featureBadgesFinPortail',
  selectors: PORTAIL_SELECTORS,
  anchorOf: (url) => (portailViewOf(url) === 'abonnements' ? 'subscriptionRowEnd' : undefined),
  subscriptionIdOf,
  pageEndDateOf: rowEndDate,
});
