import { HealthSection } from '../../components/HealthSection';
import { t } from '../../utils/i18n';
import { BackupPage } from './BackupPage';
import { EndDateSettings } from './EndDateSettings';
import { FeatureSwitches } from './FeatureSwitches';
import { JournalPage } from './JournalPage';
import { OrdersPage } from './OrdersPage';
import { StatisticsPage } from './StatisticsPage';
import { TemplatesPage } from './TemplatesPage';

export function App() {
  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <EndDateSettings />
      <FeatureSwitches />
      <HealthSection />
      <TemplatesPage />
      <OrdersPage />
      <JournalPage />
      <StatisticsPage />
      <BackupPage />
    </main>
  );
}
