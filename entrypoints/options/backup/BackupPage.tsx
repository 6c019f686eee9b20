import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { downloadText } from '../../../components/download';
import { JsonFilePicker } from '../../../components/JsonFilePicker';
import { type Status, StatusMessage } from '../../../components/StatusMessage';
import { readStore } from '../../../components/use-store';
import { describeError } from '../../../utils/describe-error';
import { parseBoundedJson } from '../../../utils/gar/json-bounds';
import { formatParisLongDateTime, parisIsoDay } from '../../../utils/gar/paris-time';
import { t, tn } from '../../../utils/i18n';
import {
  backupJournal,
  exportStore,
  importStore,
  journalRetentionOf,
  MAX_BACKUP_BYTES,
  MAX_BACKUP_DEPTH,
  parseBackup,
  type StoreBackup,
} from '../../../utils/store/backup';

const MAX_BACKUP_MB = String(MAX_BACKUP_BYTES / 1024 / 1024);

/** Size before reading, depth before parsing: a forged file is refused before it can freeze the page. */
async function readJson(file: File): Promise<unknown> {
  if (file.size > MAX_BACKUP_BYTES) throw new Error(t('optionsImportTooLarge', MAX_BACKUP_MB));
  const json = parseBoundedJson(await file.text(), {
    maxBytes: MAX_BACKUP_BYTES,
    maxDepth: MAX_BACKUP_DEPTH,
  });
  if (json.ok) return json.value;
  if (json.problem === 'tooLarge') throw new Error(t('optionsImportTooLarge', MAX_BACKUP_MB));
  throw new Error(t(json.problem === 'tooDeep' ? 'optionsImportTooDeep' : 'optionsImportNotJson'));
}

/** What the confirmation says of the backup's journal: absent (kept here), or entries left out. */
function JournalNote({ backup }: { backup: StoreBackup }) {
  const journal = backupJournal(backup, new Date());
  if (!journal.included) return <p>{t('backupWithoutJournal')}</p>;
  if (journal.dropped === 0) return null;
  return <p>{tn(journal.dropped, 'backupJournalDropped', String(journal.retentionDays))}</p>;
}

/** The journal's retention as currently saved, for the export's explanation. */
function currentRetention(): Promise<number> {
  return readStore(async (db) => journalRetentionOf(await db.getAll('settings')));
}

/**
 * Export and import of the whole store. The import is checked in full and shown before anything
 * is replaced; the replacement itself is one transaction, so a failure changes nothing.
 */
export function BackupPage() {
  const pending = useSignal<StoreBackup | null>(null);
  const message = useSignal<Status | null>(null);
  /**
   * Unchecked by default: a backup travels (a USB key, an e-mail) and the journal is the one part
   * holding personal data (GAR person ids); the rest of the backup needs none of it, and an RA who
   * moves to another browser to undo an operation there can tick it (privacy by default, RGPD
   * art. 25).
   */
  const includeJournal = useSignal(false);
  const retentionDays = useSignal<number | null>(null);
  // Read again when the box is ticked: the journal's section may have changed it meanwhile.
  const readRetention = (): void => {
    currentRetention().then(
      (days) => {
        retentionDays.value = days;
      },
      () => undefined,
    );
  };
  useEffect(readRetention, []);

  const exportAll = async (): Promise<void> => {
    const backup = await readStore((db) =>
      exportStore(db, new Date(), undefined, { includeJournal: includeJournal.value }),
    );
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
      const backup = pending.value;
      const result = await readStore((db) => importStore(db, backup));
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
      <div class="cg-champs">
        <label class="cg-case">
          <input
            type="checkbox"
            checked={includeJournal.value}
            aria-describedby="cg-sauvegarde-journal-aide"
            onChange={(event) => {
              includeJournal.value = event.currentTarget.checked;
              readRetention();
            }}
          />
          {t('backupJournalInclude')}
        </label>
        <p id="cg-sauvegarde-journal-aide" class="cg-aide">
          {t('backupJournalHint', String(retentionDays.value ?? journalRetentionOf([])))}
        </p>
      </div>
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
          <JournalNote backup={pending.value} />
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
