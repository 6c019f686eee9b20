import { askBackground } from '../utils/client';
import { featureLabels } from '../utils/feature-catalog';
import { t } from '../utils/i18n';
import { HealthReport } from './HealthReport';
import { useBackground } from './use-background';

const labels = featureLabels();

/**
 * The health report as a titled section, in the popup and the options page alike; the popup adds
 * the way to the « Diagnostic de compatibilité » (a section of the options page).
 */
export function HealthSection({ withDiagnostic = false }: { withDiagnostic?: boolean }) {
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
      {withDiagnostic && (
        <button
          type="button"
          class="cg-bouton cg-bouton--secondaire"
          onClick={() =>
            void askBackground('options.open', { section: 'diagnostic' }).then(() => window.close())
          }
        >
          {t('popupRunDiagnostic')}
        </button>
      )}
    </section>
  );
}
