import { askBackground } from '../utils/client';
import type { FeatureDefinition } from '../utils/features';
import { t } from '../utils/i18n';
import { mountShadowUi } from './mount-shadow-ui';

/** A discreet bar in the corner: the RA sees at once that the extension is active on this page. */
function BarreCompagnon() {
  return (
    <aside class="cg-barre" aria-label={t('barTitle')}>
      <span class="cg-barre__logo" aria-hidden="true">
        ◆
      </span>
      <span>
        <strong>{t('barTitle')}</strong> <span class="cg-barre__etat">{t('barActive')}</span>
      </span>
      <button type="button" class="cg-bouton" onClick={() => void askBackground('options.open', {})}>
        {t('barSettings')}
      </button>
    </aside>
  );
}

export const barreCompagnon: FeatureDefinition = {
  id: 'barre-compagnon',
  label: 'featureBarreCompagnon',
  async init({ content, signal }) {
    await mountShadowUi(
      content,
      {
        name: 'cg-barre-compagnon',
        label: t('barTitle'),
        anchor: 'body',
        append: 'last',
        position: 'inline',
        signal,
      },
      () => <BarreCompagnon />,
    );
  },
};
