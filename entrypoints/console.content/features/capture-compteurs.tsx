import { mountCapturePanel, openHistory } from '../../../components/stats/capture-feature';
import { askBackground } from '../../../utils/client';
import type { FeatureDefinition } from '../../../utils/features';
import { CONSOLE_SELECTORS, consoleViewOf } from '../../../utils/hosts/console/page';
import { countedSubscriptions, schoolSubscriptions } from '../../../utils/hosts/school-subscriptions';
import { t } from '../../../utils/i18n';

/** « Capturer » under the console's dashboard: this month's licences bought and assigned per resource. */
export const captureCompteurs: FeatureDefinition = {
  id: 'capture-compteurs',
  label: 'featureCaptureCompteurs',
  include: [(url) => consoleViewOf(url) === 'tableau-de-bord'],
  init(context) {
    mountCapturePanel(context, CONSOLE_SELECTORS.view, {
      hint: t('statsCaptureConsoleHint'),
      status: async () => {
        const { uai } = await schoolSubscriptions(context);
        // The memory of subscriptions also brings the counters in on the first visit of the day; if
        // it has not yet, the panel does: a capture merged twice is still counted once.
        return askBackground('stats.status', { uai, source: 'console' });
      },
      capture: async () => {
        const { uai, subscriptions } = await schoolSubscriptions(context);
        return askBackground('stats.capture', {
          uai,
          source: 'console',
          usage: [],
          subscriptions: countedSubscriptions(subscriptions),
        });
      },
      openHistory,
    });
  },
};
