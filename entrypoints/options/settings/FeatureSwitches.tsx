import { useSignal } from '@preact/signals';
import { type Status, StatusMessage } from '../../../components/StatusMessage';
import { useBackground } from '../../../components/use-background';
import { askBackground } from '../../../utils/client';
import { describeError } from '../../../utils/describe-error';
import { featureLabels } from '../../../utils/feature-catalog';
import { t } from '../../../utils/i18n';

const labels = featureLabels();

/** One checkbox per helper; unticking one stops it from the next page load on. */
export function FeatureSwitches() {
  const { data: settings, error } = useBackground('settings.get', {});
  const saved = useSignal<Status | null>(null);

  const toggle = async (featureId: string, enabled: boolean): Promise<void> => {
    const current = settings.value?.disabledFeatures ?? [];
    const next = enabled ? current.filter((id) => id !== featureId) : [...current, featureId];
    try {
      settings.value = await askBackground('settings.update', { disabledFeatures: next });
      saved.value = { text: t('optionsSaved'), error: false };
    } catch (cause) {
      saved.value = { text: t('optionsSaveError', describeError(cause)), error: true };
    }
  };

  const message = error.value ? { text: error.value, error: true } : saved.value;
  return (
    <section aria-labelledby="cg-titre-aides">
      <h2 id="cg-titre-aides">{t('optionsFeaturesTitle')}</h2>
      <p class="cg-aide">{t('optionsFeaturesHint')}</p>
      {settings.value && (
        <ul class="cg-interrupteurs">
          {[...labels].map(([id, label]) => (
            <li key={id}>
              <label>
                <input
                  type="checkbox"
                  checked={!settings.value?.disabledFeatures.includes(id)}
                  onChange={(event) => void toggle(id, event.currentTarget.checked)}
                />
                {t(label)}
              </label>
            </li>
          ))}
        </ul>
      )}
      <StatusMessage status={message} />
    </section>
  );
}
