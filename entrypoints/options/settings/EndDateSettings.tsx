import { useSignal } from '@preact/signals';
import { type Status, StatusMessage } from '../../../components/StatusMessage';
import { useBackground } from '../../../components/use-background';
import { askBackground } from '../../../utils/client';
import { describeError } from '../../../utils/describe-error';
import type { SettingsPatch } from '../../../utils/gar/settings';
import { t } from '../../../utils/i18n';

/** The two thresholds of the end badges and alerts, and the switch for notifications. */
export function EndDateSettings() {
  const { data: settings, error } = useBackground('settings.get', {});
  const status = useSignal<Status | null>(null);

  const save = async (patch: SettingsPatch): Promise<void> => {
    const current = settings.value;
    if (!current) return;
    const soon = patch.expiringSoonDays ?? current.expiringSoonDays;
    const later = patch.expiringLaterDays ?? current.expiringLaterDays;
    if (!Number.isInteger(soon) || !Number.isInteger(later) || soon < 1 || later > 730 || soon >= later) {
      status.value = { text: t('optionsThresholdsInvalid'), error: true };
      return;
    }
    try {
      settings.value = await askBackground('settings.update', patch);
      status.value = { text: t('optionsSaved'), error: false };
    } catch (cause) {
      status.value = { text: t('optionsSaveError', describeError(cause)), error: true };
    }
  };

  const value = settings.value;
  return (
    <section aria-labelledby="cg-titre-fins">
      <h2 id="cg-titre-fins">{t('optionsEndDatesTitle')}</h2>
      <p class="cg-aide">{t('optionsEndDatesHint')}</p>
      {value && (
        <div class="cg-champs">
          <label>
            {t('optionsSoonDays')}
            <input
              type="number"
              min={1}
              max={365}
              value={value.expiringSoonDays}
              onChange={(event) => void save({ expiringSoonDays: event.currentTarget.valueAsNumber })}
            />
          </label>
          <label>
            {t('optionsLaterDays')}
            <input
              type="number"
              min={2}
              max={730}
              value={value.expiringLaterDays}
              onChange={(event) => void save({ expiringLaterDays: event.currentTarget.valueAsNumber })}
            />
          </label>
          <label class="cg-case">
            <input
              type="checkbox"
              checked={value.notifications}
              onChange={(event) => void save({ notifications: event.currentTarget.checked })}
            />
            {t('optionsNotifications')}
          </label>
        </div>
      )}
      <StatusMessage status={error.value ? { text: error.value, error: true } : status.value} />
    </section>
  );
}
