import { useSignal } from '@preact/signals';
import { downloadText } from '../../../components/download';
import { readStore, useStore } from '../../../components/use-store';
import type { JournalEntry } from '../../../utils/gar/journal-record';
import {
  filterJournal,
  type JournalFilter,
  journalCsv,
  journalCsvFileName,
} from '../../../utils/gar/journal-view';
import { t } from '../../../utils/i18n';
import { listJournal } from '../../../utils/store/repositories';
import { JournalFilters } from './JournalFilters';
import { JournalRetention } from './JournalRetention';
import { JournalTable } from './JournalTable';
import { journalWords } from './journal-words';

function countText(count: number): string {
  // French puts 0 and 1 in the singular.
  return t(count <= 1 ? 'journalCountOne' : 'journalCountMany', String(count));
}

function exportCsv(shown: JournalEntry[], all: JournalEntry[]): void {
  const now = new Date();
  downloadText(journalCsvFileName(now), journalCsv(shown, journalWords, all), 'text/csv');
}

/** The list proper, once the journal is known to hold something. */
function JournalList({ entries }: { entries: JournalEntry[] }) {
  const filter = useSignal<JournalFilter>({});
  const shown = filterJournal(entries, filter.value);
  return (
    <>
      <JournalFilters filter={filter} entries={entries} />
      <div class="cg-journal__barre">
        <p role="status" class="cg-journal__compte">
          {countText(shown.length)}
        </p>
        <button
          type="button"
          class="cg-bouton cg-bouton--secondaire"
          onClick={() => {
            filter.value = {};
          }}
        >
          {t('journalFilterReset')}
        </button>
        <button
          type="button"
          class="cg-bouton cg-bouton--secondaire"
          disabled={shown.length === 0}
          onClick={() => exportCsv(shown, entries)}
        >
          {t('journalExportCsv')}
        </button>
      </div>
      {shown.length > 0 ? (
        <JournalTable entries={shown} all={entries} />
      ) : (
        <p class="cg-vide">{t('journalNoMatch')}</p>
      )}
    </>
  );
}

/**
 * The journal of bulk operations: what each one asked, did and failed to do, filtered, exported
 * and purged after the retention period. Read straight from IndexedDB (same extension origin).
 */
export function JournalPage() {
  const { data: entries, error } = useStore((db) => listJournal(db));

  const reload = async (): Promise<void> => {
    entries.value = await readStore((db) => listJournal(db));
  };

  return (
    <section aria-labelledby="cg-titre-journal" class="cg-journal">
      <h2 id="cg-titre-journal">{t('journalTitle')}</h2>
      <p class="cg-aide">{t('journalHint')}</p>
      {error.value && (
        <p class="cg-erreur" role="alert">
          {error.value}
        </p>
      )}
      {entries.value && entries.value.length === 0 && <p class="cg-vide">{t('journalEmpty')}</p>}
      {entries.value && entries.value.length > 0 && <JournalList entries={entries.value} />}
      <JournalRetention onPurged={reload} />
    </section>
  );
}
