import { t, tn } from '../i18n';
import { JOURNAL_KINDS, type JournalEntry, type JournalJob } from './journal-record';
import { formatParisDateTime } from './paris-time';

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
  /**
   * Of those, who a check already found reached (« verifie »): settling again journals nothing
   * new unless the console now shows more of them.
   */
  verifies: Map<string, Set<string>>;
}

/** Steps saying a write reached its goal; an « erreur » does not: the write may still have applied. */
const OUTCOMES = new Set(['affecte', 'retire', 'constate']);
/**
 * A resume found an unanswered write only partly applied: who it did reach is the job's (an undo
 * must remove them), but the subscription stays open until a new write settles it.
 */
const PARTIAL = 'verifie';
/**
 * Steps by which an operation says the console added persons (an undo: removed them): its
 * outcomes and a resume's partial findings — what `faits` gathers.
 */
export const CLAIMING_STEPS: ReadonlySet<string> = new Set([...OUTCOMES, PARTIAL]);
/** The step a resume journals before its writes (utils/bulk/operation.ts). */
export const RESUME_STEP = 'reprise';
/**
 * A write the console refused outright (409, 422, 401…, utils/bulk/executor.ts): it applied
 * nothing, so its « envoi » has an answer — a resume plans its subscription again, and never takes
 * who holds a licence now (another RA's work) for persons this write added.
 */
export const REFUSED_STEP = 'refuse';

function addPersons(faits: Map<string, string[]>, id: string, personIds: readonly string[]): void {
  const persons = faits.get(id) ?? [];
  for (const person of personIds) if (!persons.includes(person)) persons.push(person);
  faits.set(id, persons);
}

export function jobState(entry: Pick<JournalEntry, 'steps'>): JobState {
  const state: JobState = {
    faits: new Map(),
    termines: new Set(),
    incertains: new Map(),
    verifies: new Map(),
  };
  for (const { action, idAbonnement: id, personIds = [] } of entry.steps) {
    if (id === undefined) continue;
    if (action === 'envoi') {
      state.incertains.set(id, personIds);
      state.verifies.delete(id);
      state.termines.delete(id);
    } else if (action === PARTIAL) {
      addPersons(state.faits, id, personIds);
      state.verifies.set(id, new Set([...(state.verifies.get(id) ?? []), ...personIds]));
    } else if (OUTCOMES.has(action)) {
      addPersons(state.faits, id, personIds);
      state.incertains.delete(id);
      state.termines.add(id);
    } else if (action === REFUSED_STEP) {
      state.incertains.delete(id);
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

/** Persons in a per-subscription map, a person in two subscriptions counting twice (two licences). */
export function countPersons(faits: ReadonlyMap<string, readonly string[]>): number {
  let count = 0;
  for (const persons of faits.values()) count += persons.length;
  return count;
}

/** What a whole operation did, as the RA reads it at its end and in the journal. */
export interface OperationCounts {
  /** Persons added (removed, for an undo), each once per subscription. */
  personnes: number;
  abonnements: number;
  /**
   * Only for a resumed operation part of which was done before: what the run that just ended
   * did, out of `personnes` (when everything was done after the resume, there is nothing to split).
   */
  apresReprise?: number;
}

/**
 * The operation's counts once a run ends: everything its journal says it did — earlier runs and
 * writes settled on resuming included — with what this run did (each person counted once), so a
 * resume reports the whole operation and not only its last part.
 */
export function operationCounts(
  entry: Pick<JournalEntry, 'steps'>,
  run: ReadonlyMap<string, readonly string[]>,
): OperationCounts {
  const { faits } = jobState(entry);
  for (const [id, persons] of run) addPersons(faits, id, persons);
  const resumed = entry.steps.some((step) => step.action === RESUME_STEP);
  const personnes = countPersons(faits);
  const apresReprise = countPersons(run);
  return {
    personnes,
    abonnements: faits.size,
    ...(resumed && apresReprise < personnes ? { apresReprise } : {}),
  };
}

/** « Division 5A » inside a sentence reads « division 5A »; a code or an acronym stays as written. */
function inSentence(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLocaleLowerCase('fr') + label.slice(1) : label;
}

/**
 * What an assignment asked, in a few words: « 2 abonnements × division 5A, groupe 5-ESP », or
 * « Modèle « Rentrée 5A » (2 abonnements) ». An undo's job is a copy of the request it reverses.
 */
export function requestSummary(job: JournalJob): string {
  const abonnements = tn(job.abonnements.length, 'assignmentJobSubscriptions');
  if (job.modeles?.length) {
    const names = job.modeles.map((name) => t('assignmentJobTemplateName', name)).join(', ');
    return t(
      job.modeles.length === 1 ? 'assignmentJobTemplate' : 'assignmentJobTemplates',
      names,
      abonnements,
    );
  }
  const targets = job.cibles.map((cible) => inSentence(cible.libelle || cible.code)).join(', ');
  return `${abonnements} × ${targets}`;
}

/**
 * What an operation asked, for its journal line and the panel: an assignment's request; an undo
 * names the operation it undid — its date while it is in the journal — and what that one asked:
 * « Annulation de l’affectation du 28/11/2026 10:05 : 2 abonnements × division 5A ».
 */
export function operationSummary(
  entry: Pick<JournalEntry, 'job' | 'summary'>,
  undone?: Pick<JournalEntry, 'startedAt'>,
): string {
  const { job } = entry;
  if (!job) return entry.summary;
  if (job.annule === undefined) return requestSummary(job);
  const request = requestSummary(job);
  return undone
    ? t('assignmentJobUndoOf', formatParisDateTime(undone.startedAt), request)
    : t('assignmentJobUndoOfOne', request);
}
