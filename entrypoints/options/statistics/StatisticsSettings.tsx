import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { type Status, StatusMessage } from '../../../components/StatusMessage';
import { useBackground } from '../../../components/use-background';
import { readStore } from '../../../components/use-store';
import { askBackground } from '../../../utils/client';
import { describeError } from '../../../utils/describe-error';
import { retentionCutoff } from '../../../utils/gar/usage-stats';
import { numberFormat, t, tn } from '../../../utils/i18n';
import { purgeUsage, usageStorage } from '../../../utils/store/usage-history';
import { RetentionSetting, type RetentionWords } from '../shared/RetentionSetting';

const WORDS: RetentionWords = {
  title: t('statsRetentionTitle'),
  hint: t('statsRetentionHint'),
  label: t('statsRetentionLabel'),
  invalid: t('statsRetentionInvalid'),
  purged: (deleted, months) =>
    deleted === 0
      ? t('statsPurgedNone', String(months))
      : t('statsPurgedSome', String(deleted), String(months)),
  purgeError: (cause) => t('journalPurgeError', cause),
};

const SIZE: Intl.NumberFormatOptions = { maximumFractionDigits: 1 };

/** « 350 ko », « 1,2 Mo »: what an RA reads on a file. */
export function formatBytes(bytes: number): string {
  const size = numberFormat(SIZE);
  if (bytes < 1024 * 1024) return t('sizeKilobytes', size.format(Math.max(1, Math.round(bytes / 1024))));
  return t('sizeMegabytes', size.format(bytes / 1024 / 1024));
}

interface Storage {
  mois: number;
  octets: number;
  /** What the whole extension takes in this browser, when the browser says. */
  total: number | null;
}

async function readStorage(): Promise<Storage> {
  const history = await readStore(usageStorage);
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  return { ...history, total: estimate?.usage ?? null };
}

function StorageUsed({ storage }: { storage: Storage | null }) {
  if (!storage) return null;
  const history = tn(storage.mois, 'statsStorageHistory', formatBytes(storage.octets));
  const total = storage.total === null ? '' : ` ${t('statsStorageTotal', formatBytes(storage.total))}`;
  return (
    <p class="cg-aide" data-cg-stats-stockage>
      {history}
      {total}
    </p>
  );
}

/** The automatic capture switch, how long the history is kept, and the room it takes. */
export function StatisticsSettings({
  version,
  historyRead,
  onChanged,
}: {
  version: number;
  /** Whether the section has read the history (or failed to): the weighing waits for it. */
  historyRead: boolean;
  onChanged(): void;
}) {
  const { data: settings, error } = useBackground('settings.get', {});
  const status = useSignal<Status | null>(null);
  const storage = useSignal<Storage | null>(null);

  useEffect(() => {
    // Weighing the history reads all of it again: not before the figures are on screen, nor while
    // the section's own read is under way (the page is idle while IndexedDB reads).
    if (!historyRead) return;
    const idle = requestIdleCallback(() => {
      readStorage()
        .then((value) => {
          storage.value = value;
        })
        .catch((cause: unknown) => {
          status.value = { text: t('loadError', describeError(cause)), error: true };
        });
    });
    return () => cancelIdleCallback(idle);
  }, [version, historyRead]);

  const setAutoCapture = async (statsAutoCapture: boolean): Promise<void> => {
    try {
      settings.value = await askBackground('settings.update', { statsAutoCapture });
      status.value = { text: t('optionsSaved'), error: false };
    } catch (cause) {
      status.value = { text: t('optionsSaveError', describeError(cause)), error: true };
    }
  };

  return (
    <div class="cg-stats-reglages">
      <h3>{t('statsSettingsTitle')}</h3>
      {settings.value && (
        <label class="cg-case">
          <input
            type="checkbox"
            checked={settings.value.statsAutoCapture}
            onChange={(event) => void setAutoCapture(event.currentTarget.checked)}
          />
          {t('statsAutoCaptureLabel')}
        </label>
      )}
      <StatusMessage status={error.value ? { text: error.value, error: true } : status.value} />
      <RetentionSetting
        field="statsRetentionMonths"
        min={12}
        max={240}
        words={WORDS}
        purge={(months) => readStore((db) => purgeUsage(db, retentionCutoff(new Date(), months)))}
        onPurged={onChanged}
      >
        <StorageUsed storage={storage.value} />
      </RetentionSetting>
    </div>
  );
}
