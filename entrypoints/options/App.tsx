import { HealthSection } from '../../components/HealthSection';
import { t } from '../../utils/i18n';
import { BackupPage } from './BackupPage';
import { FeatureSwitches } from './FeatureSwitches';

export function App() {
  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <FeatureSwitches />
      <HealthSection />
      <BackupPage />
    </main>
  );
}
