import { mountCapturePanel } from '../../../components/features/capture/index';
import type { FeatureDefinition } from '../../../utils/features';
import { addMonths, monthOf, type Period } from '../../../utils/gar/usage-stats';
import { PORTAIL_SELECTORS, portailViewOf, statisticsRangeOf } from '../../../utils/hosts/portail/page';
import { portailUsage } from '../../../utils/hosts/school-subscriptions';
import { t } from '../../../utils/i18n';

/**
 * The months a capture reads: those the page shows, else the twelve months up to this one — the
 * automatic daily capture thus also picks up the counters GAR completes a day late.
 */
function captureRange(url: URL, now: Date): Period {
  const shown = statisticsRangeOf(url);
  const jusqua = shown.jusqua ?? monthOf(now);
  return { depuis: shown.depuis ?? addMonths(jusqua, -11), jusqua };
}

/** « Capturer » on the portail's statistics page: usage per resource, month and profile, and licences. */
export const captureStatistiques: FeatureDefinition = {
  id: 'capture-statistiques',
  anchors: () => ['statisticsForm'],
  label: 'featureCaptureStatistiques',
  include: [(url) => portailViewOf(url) === 'statistiques'],
  init(context) {
    mountCapturePanel(context, PORTAIL_SELECTORS.statisticsForm, {
      source: 'portail',
      hint: t('statsCapturePortailHint'),
      usage: (uai) => portailUsage(context, uai, captureRange(context.url, new Date())),
    });
  },
};
