import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { type Status, StatusMessage } from '../../../components/StatusMessage';
import { useBackground } from '../../../components/use-background';
import { askBackground } from '../../../utils/client';
import { describeError } from '../../../utils/describe-error';
import { type Settings, settingsPatchSchema } from '../../../utils/gar/settings';
import { t } from '../../../utils/i18n';

type RetentionField = 'journalRetentionDays' | 'statsRetentionMonths';

export interface RetentionWords {
  title: string;
  hint: string;
  label: string;
  /** Shown when the entry is refused; says the accepted range. */
  invalid: string;
  purged(deleted: number, value: number): string;
  purgeError(cause: string): string;
}

/** The store's own rule decides, so the field and the store never disagree. */
function isValidRetention(field: RetentionField, value: number): boolean {
  return settingsPatchSchema.safeParse({ [field]: value }).success;
}

/**
 * How long something is kept (a settings field), with « Purger maintenant » applying the saved
 * duration — the one the background applies on its own. Shared by the journal and the statistics.
 */
export function RetentionSetting({
  field,
  min,
  max,
  words,
  purge,
  onPurged,
  onSaved,
  children,
}: {
  field: RetentionField;
  min: number;
  max: number;
  words: RetentionWords;
  /** Deletes what is older than the duration; how many records went. */
  purge(value: number): Promise<number>;
  onPurged(): Promise<void> | void;
  /** After a new duration is saved (what the section shows about it may change). */
  onSaved?(value: number): void;
  children?: ComponentChildren;
}) {
  const { data: settings, error } = useBackground('settings.get', {});
  const status = useSignal<Status | null>(null);
  const invalid = useSignal(false);
  const messageId = `cg-conservation-${field}`;

  // Leaving the field for « Purger maintenant » saves it first: the purge waits for that save.
  const saving = useRef<Promise<void>>(Promise.resolve());

  const save = async (value: number): Promise<void> => {
    invalid.value = !isValidRetention(field, value);
    if (invalid.value) {
      status.value = { text: words.invalid, error: true };
      return;
    }
    try {
      settings.value = await askBackground('settings.update', { [field]: value });
      status.value = { text: t('optionsSaved'), error: false };
      onSaved?.(value);
    } catch (cause) {
      status.value = { text: t('optionsSaveError', describeError(cause)), error: true };
    }
  };

  const purgeNow = async (): Promise<void> => {
    await saving.current;
    const value = settings.value?.[field];
    // A refused duration stays on screen: purging with the older one would surprise.
    if (invalid.value || value === undefined) return;
    try {
      const deleted = await purge(value);
      await onPurged();
      status.value = { text: words.purged(deleted, value), error: false };
    } catch (cause) {
      status.value = { text: words.purgeError(describeError(cause)), error: true };
    }
  };

  const value: Settings | null = settings.value;
  return (
    <div class="cg-journal__conservation">
      <h3>{words.title}</h3>
      <p class="cg-aide">{words.hint}</p>
      {value && (
        <div class="cg-actions">
          <label class="cg-journal__duree">
            {words.label}
            <input
              type="number"
              min={min}
              max={max}
              step={1}
              // Uncontrolled: a refused entry stays in the field, next to its error, to be corrected.
              defaultValue={String(value[field])}
              aria-invalid={invalid.value}
              aria-describedby={invalid.value ? messageId : undefined}
              onChange={(event) => {
                saving.current = save(event.currentTarget.valueAsNumber);
              }}
            />
          </label>
          <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={() => void purgeNow()}>
            {t('journalPurgeNow')}
          </button>
        </div>
      )}
      {children}
      <div id={messageId}>
        <StatusMessage status={error.value ? { text: error.value, error: true } : status.value} />
      </div>
    </div>
  );
}
