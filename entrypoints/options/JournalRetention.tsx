import { readStore } from '../../components/use-store';
import { t } from '../../utils/i18n';
import { purgeJournalOlderThan } from '../../utils/store/repositories';
import { RetentionSetting, type RetentionWords } from './RetentionSetting';

function purgedText(deleted: number, days: number): string {
  if (deleted === 0) return t('journalPurgedNone', String(days));
  if (deleted === 1) return t('journalPurgedOne', String(days));
  return t('journalPurgedMany', String(deleted), String(days));
}

const WORDS: RetentionWords = {
  title: t('journalRetentionTitle'),
  hint: t('journalRetentionHint'),
  label: t('journalRetentionDays'),
  invalid: t('journalRetentionInvalid'),
  purged: purgedText,
  purgeError: (cause) => t('journalPurgeError', cause),
};

function purgeJournal(days: number): Promise<number> {
  return readStore((db) => purgeJournalOlderThan(db, days, new Date()));
}

/**
 * How long the journal keeps operations (it holds GAR person ids, kept only to allow an undo),
 * and a purge on demand with the saved duration — the one the background applies every day.
 */
export function JournalRetention({ onPurged }: { onPurged: () => Promise<void> }) {
  return (
    <RetentionSetting
      field="journalRetentionDays"
      min={1}
      max={3650}
      words={WORDS}
      purge={purgeJournal}
      onPurged={onPurged}
    />
  );
}
