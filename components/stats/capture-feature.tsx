import { askBackground } from '../../utils/client';
import type { FeatureContext } from '../../utils/features';
import { t } from '../../utils/i18n';
import { mountShadowUi } from '../mount-shadow-ui';
import { CapturePanel, type CapturePorts } from './CapturePanel';

/** Mounts the capture panel after an element of the GAR page, once per element seen. */
export function mountCapturePanel(
  context: FeatureContext,
  anchorSelector: string,
  ports: CapturePorts,
): void {
  const { content, signal, observe } = context;
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
      },
      () => <CapturePanel ports={ports} />,
    );
  });
}

export function openHistory(): void {
  void askBackground('options.open', { section: 'statistiques' });
}
