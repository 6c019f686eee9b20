import type { Signal } from '@preact/signals';
import { JOURNAL_KINDS, JOURNAL_STATUSES, type JournalEntry } from '../../../utils/gar/journal-record';
import { type JournalFilter, type JournalStatus, journalSchools } from '../../../utils/gar/journal-view';
import { t } from '../../../utils/i18n';
import { kindWord, statusWord } from './journal-words';

/** The chosen status, or none for « Tous les états » (an empty value). */
function statusOf(value: string): JournalStatus | undefined {
  return JOURNAL_STATUSES.find((status) => status === value);
}

interface Props {
  filter: Signal<JournalFilter>;
  entries: JournalEntry[];
}

/** School, kind, status, period and text: each control narrows the list as soon as it changes. */
export function JournalFilters({ filter, entries }: Props) {
  const set = (patch: JournalFilter): void => {
    filter.value = { ...filter.value, ...patch };
  };
  const current = filter.value;
  return (
    <fieldset class="cg-journal__filtres">
      <legend>{t('journalFiltersLegend')}</legend>
      <div>
        <label for="cg-journal-ecole">{t('journalFilterSchool')}</label>
        <select
          id="cg-journal-ecole"
          value={current.uai ?? ''}
          onChange={(event) => set({ uai: event.currentTarget.value })}
        >
          <option value="">{t('journalFilterAllSchools')}</option>
          {journalSchools(entries).map((uai) => (
            <option key={uai} value={uai}>
              {uai}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="cg-journal-operation">{t('journalFilterKind')}</label>
        <select
          id="cg-journal-operation"
          value={current.kind ?? ''}
          onChange={(event) => set({ kind: event.currentTarget.value })}
        >
          <option value="">{t('journalFilterAllKinds')}</option>
          {JOURNAL_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kindWord(kind)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="cg-journal-etat">{t('journalFilterStatus')}</label>
        <select
          id="cg-journal-etat"
          value={current.status ?? ''}
          onChange={(event) => set({ status: statusOf(event.currentTarget.value) })}
        >
          <option value="">{t('journalFilterAllStatuses')}</option>
          {JOURNAL_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusWord(status)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="cg-journal-du">{t('journalFilterFrom')}</label>
        <input
          id="cg-journal-du"
          type="date"
          value={current.from ?? ''}
          onInput={(event) => set({ from: event.currentTarget.value })}
        />
      </div>
      <div>
        <label for="cg-journal-au">{t('journalFilterTo')}</label>
        <input
          id="cg-journal-au"
          type="date"
          value={current.to ?? ''}
          onInput={(event) => set({ to: event.currentTarget.value })}
        />
      </div>
      <div>
        <label for="cg-journal-recherche">{t('journalFilterText')}</label>
        <input
          id="cg-journal-recherche"
          type="search"
          value={current.text ?? ''}
          onInput={(event) => set({ text: event.currentTarget.value })}
        />
      </div>
    </fieldset>
  );
}
