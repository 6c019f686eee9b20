import { useSignal } from '@preact/signals';
import { downloadText } from '../../components/download';
import { JsonFilePicker } from '../../components/JsonFilePicker';
import { type Status, StatusMessage } from '../../components/StatusMessage';
import { formatParisLongDateTime, parisIsoDay } from '../../utils/gar/paris-time';
import { t } from '../../utils/i18n';
import { describeError } from '../../utils/messaging';
import { exportStore, importStore, parseBackup, type StoreBackup } from '../../utils/store/backup';
import { openGarDb } from '../../utils/store/db';

async function readJson(file: File): Promise<unknown> {
  try {
    return JSON.parse(await file.text());
  } catch {
    throw new Error(t('optionsImportNotJson'));
  }
}

/**
 * Export and import of the whole store. The import is checked in full and shown before anything
 * is replaced; the replacement itself is one transaction, so a failure changes nothing.
 */
export function BackupPage() {
  const pending = useSignal<StoreBackup | null>(null);
  const message = useSignal<Status | null>(null);

  const exportAll = async (): Promise<void> => {
    const backup = await exportStore(await openGarDb());
    downloadText(
      `compagnon-gar-sauvegarde-${parisIsoDay(backup.exportedAt)}.json`,
      JSON.stringify(backup, null, 2),
      'application/json',
    );
  };

  const chooseFile = async (file: File): Promise<void> => {
    pending.value = null;
    try {
      const parsed = parseBackup(await readJson(file));
      if (!parsed.ok) throw new Error(parsed.message);
      pending.value = parsed.data;
      message.value = null;
    } catch (cause) {
      message.value = { text: describeError(cause), error: true };
    }
  };

  const confirmImport = async (): Promise<void> => {
    if (!pending.value) return;
    try {
      const result = await importStore(await openGarDb(), pending.value);
      message.value = result.ok
        ? { text: t('optionsImportDone'), error: false }
        : { text: result.message, error: true };
    } catch (cause) {
      message.value = { text: describeError(cause), error: true };
    }
    pending.value = null;
  };

  return (
    <section aria-labelledby="cg-titre-sauvegarde">
      <h2 id="cg-titre-sauvegarde">{t('optionsBackupTitle')}</h2>
      <p class="cg-aide">{t('optionsBackupHint')}</p>
      <div class="cg-actions">
        <button type="button" class="cg-bouton" onClick={() => void exportAll()}>
          {t('optionsExport')}
        </button>
        <JsonFilePicker
          label={t('optionsImport')}
          testId="import-sauvegarde"
          onFile={(file) => void chooseFile(file)}
        />
      </div>
      {pending.value && (
        <div class="cg-confirmation">
          <p>{t('optionsImportSummary', formatParisLongDateTime(pending.value.exportedAt))}</p>
          <div class="cg-actions">
            <button type="button" class="cg-bouton" onClick={() => void confirmImport()}>
              {t('optionsImportConfirm')}
            </button>
            <button
              type="button"
              class="cg-bouton cg-bouton--secondaire"
              onClick={() => {
                pending.value = null;
              }}
            >
              {t('optionsImportCancel')}
            </button>
          </div>
        </div>
      )}
      <StatusMessage status={message.value} />
    </section>
  );
}
