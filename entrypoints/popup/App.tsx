import { browser } from 'wxt/browser';
import { HealthSection } from '../../components/HealthSection';
import { t } from '../../utils/i18n';
import { ExpirySection } from './ExpirySection';

export function App() {
  return (
    <main>
      <header class="cg-entete">
        <h1>{t('extName')}</h1>
        <button
          type="button"
          class="cg-bouton cg-bouton--secondaire"
          onClick={() => void browser.runtime.openOptionsPage()}
        >
          {t('popupOpenOptions')}
        </button>
      </header>
      <ExpirySection />
      <HealthSection />
    </main>
  );
}
