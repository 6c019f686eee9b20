import { useSignal } from '@preact/signals';
import type { FunctionComponent } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '../../utils/i18n';
import { ExpirySection, type FirstScreen } from './ExpirySection';

export function App({ firstScreen }: { firstScreen: Promise<FirstScreen> }) {
  // The health report asks the background: loaded once the end dates are on screen, so neither
  // its code nor the service worker's answer competes with the popup's first screen.
  const health = useSignal<FunctionComponent<{ withDiagnostic?: boolean }> | null>(null);
  const showHealth = (): void => {
    void import('../../components/HealthSection').then(({ HealthSection }) => {
      health.value = HealthSection;
    });
  };
  const HealthSection = health.value;
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
      <ExpirySection firstScreen={firstScreen} onSettled={showHealth} />
      {HealthSection && <HealthSection withDiagnostic />}
    </main>
  );
}
