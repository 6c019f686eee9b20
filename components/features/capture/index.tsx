import { askBackground } from '../../../utils/client';
import type { FeatureContext } from '../../../utils/features';
import { packUsage, type UsageRow } from '../../../utils/gar/usage-row';
import { countedSubscriptions, schoolSubscriptions } from '../../../utils/hosts/school-subscriptions';
import { t } from '../../../utils/i18n';
import { mountShadowUi } from '../../mount-shadow-ui';
import { CapturePanel, type CapturePorts } from './CapturePanel';

export interface CaptureSetup {
  source: 'portail' | 'console';
  /** What a capture keeps on this page, in one sentence. */
  hint: string;
  /** The page's usage rows for a school (the console has none: its counters are the capture). */
  usage(uai: string): Promise<UsageRow[]>;
}

/** The panel's ports: the school's counters (read once per page run) and the page's usage rows. */
function capturePorts(context: FeatureContext, { source, hint, usage }: CaptureSetup): CapturePorts {
  return {
    hint,
    status: async () => {
      const { uai } = await schoolSubscriptions(context);
      return askBackground('stats.status', { uai, source });
    },
    capture: async () => {
      const { uai, subscriptions } = await schoolSubscriptions(context);
      return askBackground('stats.capture', {
        uai,
        source,
        usage: packUsage(await usage(uai)),
        subscriptions: countedSubscriptions(subscriptions),
      });
    },
    openHistory: () => void askBackground('options.open', { section: 'statistiques' }),
  };
}

/** Mounts the capture panel after an element of the GAR page, once per element seen. */
export function mountCapturePanel(
  context: FeatureContext,
  anchorSelector: string,
  setup: CaptureSetup,
): void {
  const { content, signal, observe } = context;
  const ports = capturePorts(context, setup);
  observe(anchorSelector, (anchor) => {
    void mountShadowUi(
      content,
      {
        name: 'cg-capture-statistiques',
        label: t('statsCaptureTitle'),
        anchor,
        append: 'after',
        position: 'inline',
        signal,
        onError: context.fail,
      },
      () => <CapturePanel ports={ports} />,
    );
  });
}
