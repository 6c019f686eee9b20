import type { JournalEntry } from '../../../utils/gar/journal-record';
import { journalIndex } from '../../../utils/gar/journal-view';
import { t } from '../../../utils/i18n';
import { JournalRow } from './JournalRow';

/** The operations as a real table: one row group per operation, its details right under it. */
export function JournalTable({ entries, all }: { entries: JournalEntry[]; all: JournalEntry[] }) {
  const byId = journalIndex(all);
  return (
    <div class="cg-journal__defilement">
      <table class="cg-journal__table">
        <caption class="cg-invisible">{t('journalCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('journalColDate')}</th>
            <th scope="col">{t('journalColSchool')}</th>
            <th scope="col">{t('journalColOperation')}</th>
            <th scope="col">{t('journalColStatus')}</th>
            <th scope="col" class="cg-nombre">
              {t('journalColSubscriptions')}
            </th>
            <th scope="col" class="cg-nombre">
              {t('journalColAdded')}
            </th>
            <th scope="col" class="cg-nombre">
              {t('journalColRemoved')}
            </th>
          </tr>
        </thead>
        {entries.map((entry) => (
          <JournalRow key={entry.id} entry={entry} byId={byId} />
        ))}
      </table>
    </div>
  );
}
