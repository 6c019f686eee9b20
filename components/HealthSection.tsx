import { featureLabels } from '../utils/feature-catalog';
import { t } from '../utils/i18n';
import { HealthReport } from './HealthReport';
import { useBackground } from './use-background';

const labels = featureLabels();

/** The health report as a titled section, in the popup and the options page alike. */
export function HealthSection() {
  const { data: health, error } = useBackground('health.list', {});
  return (
    <section aria-labelledby="cg-titre-sante">
      <h2 id="cg-titre-sante">{t('popupHealthTitle')}</h2>
      {error.value && (
        <p class="cg-erreur" role="alert">
          {error.value}
        </p>
      )}
      {health.value && <HealthReport health={health.value} labels={labels} />}
    </section>
  );
}
