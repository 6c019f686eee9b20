import { HealthSection } from '../../components/HealthSection';
import { t } from '../../utils/i18n';
import { BackupPage } from './backup/BackupPage';
import { CalibrationPage } from './calibration/CalibrationPage';
import { DiagnosticPage } from './diagnostic/DiagnosticPage';
import { JournalPage } from './journal/JournalPage';
import { OrdersPage } from './orders/OrdersPage';
import { EndDateSettings } from './settings/EndDateSettings';
import { FeatureSwitches } from './settings/FeatureSwitches';
import { StatisticsPage } from './statistics/StatisticsPage';
import { TemplatesPage } from './templates/TemplatesPage';

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
      <DiagnosticPage />
      <CalibrationPage />
    </main>
  );
}
