import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { readStore } from '../../../components/use-store';
import { t, tn } from '../../../utils/i18n';
import {
  countUnsettledOlderThan,
  getSettings,
  purgeJournalOlderThan,
} from '../../../utils/store/repositories';
import { RetentionSetting, type RetentionWords } from '../shared/RetentionSetting';

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

/** Unsettled operations older than the saved duration: what the purge keeps (see purgeJournalOlderThan). */
function countKeptUnsettled(): Promise<number> {
  return readStore(async (db) =>
    countUnsettledOlderThan(db, (await getSettings(db)).journalRetentionDays, new Date()),
  );
}

/**
 * How long the journal keeps operations (it holds GAR person ids, kept only to allow an undo),
 * and a purge on demand with the saved duration — the one the background applies every day.
 * Unfinished operations are kept whatever their age (they are how a job is resumed or undone):
 * the section says how many, so the RA knows what still holds person ids and why.
 */
export function JournalRetention({ onPurged }: { onPurged: () => Promise<void> }) {
  const keptUnsettled = useSignal(0);
  const refresh = (): void => {
    countKeptUnsettled().then(
      (count) => {
        keptUnsettled.value = count;
      },
      () => undefined,
    );
  };
  useEffect(refresh, []);
  return (
    <RetentionSetting
      field="journalRetentionDays"
      min={1}
      max={3650}
      words={WORDS}
      purge={purgeJournal}
      onPurged={async () => {
        await onPurged();
        refresh();
      }}
      onSaved={refresh}
    >
      {keptUnsettled.value > 0 && (
        <p class="cg-aide" data-cg-inacheves>
          {tn(keptUnsettled.value, 'journalUnsettledKept')}
        </p>
      )}
    </RetentionSetting>
  );
}
