import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { type Status, StatusMessage } from '../../components/StatusMessage';
import { useBackground } from '../../components/use-background';
import { askBackground } from '../../utils/client';
import { t } from '../../utils/i18n';
import { describeError } from '../../utils/messaging';
import { openGarDb } from '../../utils/store/db';
import { settingsPatchSchema } from '../../utils/store/records';
import { purgeJournalOlderThan } from '../../utils/store/repositories';

const MESSAGE_ID = 'cg-journal-conservation-message';

function purgedText(deleted: number, days: number): string {
  if (deleted === 0) return t('journalPurgedNone', String(days));
  if (deleted === 1) return t('journalPurgedOne', String(days));
  return t('journalPurgedMany', String(deleted), String(days));
}

/** The store's own rule (a whole number of days, 1 to 3650) decides, so the two never disagree. */
function isValidRetention(days: number): boolean {
  return settingsPatchSchema.safeParse({ journalRetentionDays: days }).success;
}

/**
 * How long the journal keeps operations (it holds GAR person ids, kept only to allow an undo),
 * and a purge on demand with the saved duration — the one the background applies every day.
 */
export function JournalRetention({ onPurged }: { onPurged: () => Promise<void> }) {
  const { data: settings, error } = useBackground('settings.get', {});
  const status = useSignal<Status | null>(null);
  const invalid = useSignal(false);

  // Leaving the field for « Purger maintenant » saves it first: the purge waits for that save.
  const saving = useRef<Promise<void>>(Promise.resolve());

  const save = async (days: number): Promise<void> => {
    invalid.value = !isValidRetention(days);
    if (invalid.value) {
      status.value = { text: t('journalRetentionInvalid'), error: true };
      return;
    }
    try {
      settings.value = await askBackground('settings.update', { journalRetentionDays: days });
      status.value = { text: t('optionsSaved'), error: false };
    } catch (cause) {
      status.value = { text: t('optionsSaveError', describeError(cause)), error: true };
    }
  };

  const purge = async (): Promise<void> => {
    await saving.current;
    const days = settings.value?.journalRetentionDays;
    // A refused duration stays on screen: purging with the older one would surprise.
    if (invalid.value || days === undefined) return;
    try {
      const db = await openGarDb();
      const deleted = await purgeJournalOlderThan(db, days, new Date());
      db.close();
      await onPurged();
      status.value = { text: purgedText(deleted, days), error: false };
    } catch (cause) {
      status.value = { text: t('journalPurgeError', describeError(cause)), error: true };
    }
  };

  const value = settings.value;
  return (
    <div class="cg-journal__conservation">
      <h3>{t('journalRetentionTitle')}</h3>
      <p class="cg-aide">{t('journalRetentionHint')}</p>
      {value && (
        <div class="cg-actions">
          <label class="cg-journal__duree">
            {t('journalRetentionDays')}
            <input
              type="number"
              min={1}
              max={3650}
              step={1}
              // Uncontrolled: a refused entry stays in the field, next to its error, to be corrected.
              defaultValue={String(value.journalRetentionDays)}
              aria-invalid={invalid.value}
              aria-describedby={invalid.value ? MESSAGE_ID : undefined}
              onChange={(event) => {
                saving.current = save(event.currentTarget.valueAsNumber);
              }}
            />
          </label>
          <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={() => void purge()}>
            {t('journalPurgeNow')}
          </button>
        </div>
      )}
      <div id={MESSAGE_ID}>
        <StatusMessage status={error.value ? { text: error.value, error: true } : status.value} />
      </div>
    </div>
  );
}
