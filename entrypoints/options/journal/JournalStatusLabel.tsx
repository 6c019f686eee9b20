import type { JournalStatus } from '../../../utils/gar/journal-view';
import { STATUS_LOOKS, statusWord } from './journal-words';

/** A status as icon and word together, tinted by its tone: the colour never speaks alone. */
export function JournalStatusLabel({ status }: { status: JournalStatus }) {
  const look = STATUS_LOOKS[status];
  return (
    <span class={`cg-journal__etat cg-journal__etat--${look.tone}`}>
      <span aria-hidden="true">{look.icon}</span> {statusWord(status)}
    </span>
  );
}
