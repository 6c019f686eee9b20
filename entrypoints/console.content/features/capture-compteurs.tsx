import { mountCapturePanel } from '../../../components/features/capture/index';
import type { FeatureDefinition } from '../../../utils/features';
import { CONSOLE_SELECTORS, consoleViewOf } from '../../../utils/hosts/console/page';
import { t } from '../../../utils/i18n';

/**
 * « Capturer » under the console's dashboard: this month's licences bought and assigned per
 * resource. The memory of subscriptions also brings them in on the first visit of the day; if it
 * has not yet when the panel opens, the panel does — a capture merged twice still counts once.
 */
export const captureCompteurs: FeatureDefinition = {
  id: 'capture-compteurs',
  anchors: () => ['view'],
  label: 'featureCaptureCompteurs',
  include: [(url) => consoleViewOf(url) === 'tableau-de-bord'],
  init(context) {
    mountCapturePanel(context, CONSOLE_SELECTORS.view, {
      source: 'console',
      hint: t('statsCaptureConsoleHint'),
      usage: async () => [],
    });
  },
};
