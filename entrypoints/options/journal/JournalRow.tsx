import { useSignal } from '@preact/signals';
import type { JournalEntry } from '../../../utils/gar/journal-record';
import { journalCounts, undoneAt } from '../../../utils/gar/journal-view';
import { formatParisDateTime } from '../../../utils/gar/paris-time';
import { t } from '../../../utils/i18n';
import { JournalDetails } from './JournalDetails';
import { JournalStatusLabel } from './JournalStatusLabel';
import { kindWord } from './journal-words';

/** Columns of the journal table, for the details row to span them all. */
const COLUMNS = 7;

interface Props {
  entry: JournalEntry;
  byId: ReadonlyMap<string, JournalEntry>;
}

/** « annulée le … », or just « annulée » once the undo itself was purged. */
function undoneText(entry: JournalEntry, byId: ReadonlyMap<string, JournalEntry>): string {
  const at = undoneAt(entry, byId);
  return at ? t('journalUndoneAt', formatParisDateTime(at)) : t('journalUndone');
}

function failuresText(failures: number): string {
  return failures === 1 ? t('journalFailuresOne') : t('journalFailuresMany', String(failures));
}

/**
 * One operation. The date is a disclosure button (a native button: Enter and Space work, focus
 * shows) whose name says what it opens; the details row exists only while open.
 */
export function JournalRow({ entry, byId }: Props) {
  const open = useSignal(false);
  const counts = journalCounts(entry);
  const date = formatParisDateTime(entry.startedAt);
  const detailsId = `cg-journal-details-${entry.id}`;
  return (
    <tbody class={open.value ? 'cg-journal__groupe cg-journal__groupe--ouvert' : 'cg-journal__groupe'}>
      <tr data-journal-id={entry.id}>
        <th scope="row">
          <button
            type="button"
            class="cg-journal__ouvrir"
            aria-expanded={open.value}
            aria-controls={open.value ? detailsId : undefined}
            aria-label={t('journalDetailsOf', date)}
            onClick={() => {
              open.value = !open.value;
            }}
          >
            <span aria-hidden="true" class="cg-journal__chevron">
              {open.value ? '▾' : '▸'}
            </span>
            {date}
          </button>
        </th>
        <td>{entry.uai}</td>
        <td>
          <strong>{kindWord(entry.kind)}</strong>
          <div class="cg-journal__resume">{entry.summary}</div>
          {entry.annulePar !== undefined && (
            <div class="cg-journal__annulee">
              <span aria-hidden="true">↶</span> {undoneText(entry, byId)}
            </div>
          )}
        </td>
        <td>
          <JournalStatusLabel status={entry.status} />
          {counts.failures > 0 && (
            <div class="cg-journal__echecs">
              <span aria-hidden="true">⚠</span> {failuresText(counts.failures)}
            </div>
          )}
        </td>
        <td class="cg-nombre">{counts.abonnements}</td>
        <td class="cg-nombre">{counts.added}</td>
        <td class="cg-nombre">{counts.removed}</td>
      </tr>
      {open.value && (
        <tr id={detailsId} class="cg-journal__details">
          <td colSpan={COLUMNS}>
            <JournalDetails entry={entry} byId={byId} />
          </td>
        </tr>
      )}
    </tbody>
  );
}
