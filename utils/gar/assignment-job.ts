import { JOURNAL_KINDS, type JournalEntry } from '../store/records';

/**
 * Where a journaled bulk operation stands, read from its steps alone (the executor writes them,
 * utils/bulk/executor.ts): who it added or removed, which subscriptions are settled, and which
 * writes left without an answer — a closed tab, a dropped connection — so a resume checks them in
 * the console before going on, and an undo can include what they did.
 */

export interface JobState {
  /** Per subscription: persons added (« affecte » and « constate ») or removed (« retire »). */
  faits: Map<string, string[]>;
  /** Subscriptions whose last write has an outcome. */
  termines: Set<string>;
  /** Subscriptions whose last write (« envoi ») has no outcome yet: the persons it was about. */
  incertains: Map<string, string[]>;
}

/** Steps saying a write reached its goal; an « erreur » does not: the write may still have applied. */
const OUTCOMES = new Set(['affecte', 'retire', 'constate']);
/**
 * A resume found an unanswered write only partly applied: who it did reach is the job's (an undo
 * must remove them), but the subscription stays open until a new write settles it.
 */
const PARTIAL = 'verifie';

function addPersons(faits: Map<string, string[]>, id: string, personIds: readonly string[]): void {
  const persons = faits.get(id) ?? [];
  for (const person of personIds) if (!persons.includes(person)) persons.push(person);
  faits.set(id, persons);
}

export function jobState(entry: Pick<JournalEntry, 'steps'>): JobState {
  const state: JobState = { faits: new Map(), termines: new Set(), incertains: new Map() };
  for (const { action, idAbonnement: id, personIds = [] } of entry.steps) {
    if (id === undefined) continue;
    if (action === 'envoi') {
      state.incertains.set(id, personIds);
      state.termines.delete(id);
    } else if (action === PARTIAL) {
      addPersons(state.faits, id, personIds);
    } else if (OUTCOMES.has(action)) {
      addPersons(state.faits, id, personIds);
      state.incertains.delete(id);
      state.termines.add(id);
    }
  }
  return state;
}

const RESUMABLE_STATUSES: ReadonlySet<JournalEntry['status']> = new Set(['enCours', 'interrompu']);
const JOB_KINDS: ReadonlySet<string> = new Set(JOURNAL_KINDS);

/** Resumable: an affectation or annulation entry with status 'enCours' or 'interrompu'. */
export function isResumable(entry: JournalEntry): boolean {
  return JOB_KINDS.has(entry.kind) && RESUMABLE_STATUSES.has(entry.status);
}
