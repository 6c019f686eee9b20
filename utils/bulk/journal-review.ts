import { isResumable } from '../gar/assignment-job';
import type { JournalEntry } from '../gar/journal-record';
import { type JournalService, type OperationPorts, type Review, reviewInterrupted } from './operation';

/**
 * A school's recent operations as the « Affectation groupée » panel lists them: the interrupted
 * ones nobody runs are read against the console first (utils/bulk/README.md, « on return »), and
 * only then offered for a resume or an undo.
 */

/** Where the panel reads the journal from (the background, through messages). */
export interface JournalSource {
  /** The school's operations, newest first. */
  list(uai: string): Promise<JournalEntry[]>;
  /** Operations of the school a tab is running now (this one or another): never reviewed nor offered. */
  runningIds?(uai: string): Promise<ReadonlySet<string>>;
}

export interface ReviewedJournal {
  entries: JournalEntry[];
  running: ReadonlySet<string>;
  /** Interrupted operations, as read against the console: what is left of each. */
  reviews: ReadonlyMap<string, Review>;
}

/**
 * Interrupted operations already read against the console in this tab (one journal service per
 * tab), by entry, journal length and status: a review costs a few reads, and the launcher is
 * drawn again on every view.
 */
const reviewsByTab = new WeakMap<JournalService, Map<string, Review>>();

function reviewedIn(journal: JournalService): Map<string, Review> {
  let reviewed = reviewsByTab.get(journal);
  if (!reviewed) {
    reviewed = new Map();
    reviewsByTab.set(journal, reviewed);
  }
  return reviewed;
}

const reviewKey = (entry: JournalEntry): string => `${entry.id}:${entry.steps.length}:${entry.status}`;

/**
 * The interrupted operations nobody runs, read against the console before they are offered:
 * unanswered writes settled, and one found with nothing left closed as done (then offered for
 * undo), one with writes left filed as stopped. Answers the reviews, `previous` updated, and
 * whether the journal changed. A review that fails leaves the entry offered as it is.
 */
export async function reviewReturning(
  ports: OperationPorts,
  entries: readonly JournalEntry[],
  running: ReadonlySet<string>,
  previous: ReadonlyMap<string, Review>,
): Promise<{ reviews: ReadonlyMap<string, Review>; changed: boolean }> {
  let changed = false;
  const reviewed = reviewedIn(ports.journal);
  const reviews = new Map(previous);
  const returning = entries.filter((entry) => isResumable(entry) && !running.has(entry.id));
  for (const entry of returning) {
    const key = reviewKey(entry);
    const review =
      reviewed.get(key) ??
      (await reviewInterrupted(ports, entry, undoneBy(entries, entry)).catch(() => undefined));
    if (!review) continue;
    reviewed.set(key, review);
    reviewed.set(reviewKey(review.entry), review);
    reviews.set(entry.id, review);
    // A review may close the entry, or file it as stopped: the journal is read again.
    if (review.kind === 'termine' || review.entry.status !== entry.status) changed = true;
  }
  return { reviews, changed };
}

/**
 * The school's recent operations, the interrupted ones read against the console before they
 * show. A tab that cannot say what runs counts as running nothing.
 */
export async function readReviewedJournal(
  ports: OperationPorts,
  source: JournalSource,
  uai: string,
  previous: ReadonlyMap<string, Review>,
): Promise<ReviewedJournal> {
  const entries = await source.list(uai);
  const running = (await source.runningIds?.(uai).catch(() => undefined)) ?? new Set<string>();
  const { reviews, changed } = await reviewReturning(ports, entries, running, previous);
  return { entries: changed ? await source.list(uai) : entries, running, reviews };
}

/** The operation an undo reverses, while it is still in the journal. */
export function undoneBy(entries: readonly JournalEntry[], entry: JournalEntry): JournalEntry | undefined {
  return entry.job?.annule === undefined
    ? undefined
    : entries.find((candidate) => candidate.id === entry.job?.annule);
}

/**
 * Interrupted operations to offer on this visit: read against the console first (a review
 * closes one with nothing left), and never one a tab is running.
 */
export function resumableOf({ entries, running, reviews }: ReviewedJournal): JournalEntry[] {
  return entries.filter(
    (entry) => isResumable(entry) && !running.has(entry.id) && reviews.get(entry.id)?.kind !== 'termine',
  );
}

/** How many recent operations « Dernières opérations » offers to undo. */
const UNDOABLE_SHOWN = 5;

/**
 * Recent operations that can be undone (« Dernières opérations »): assignments not undone yet,
 * not running, and without an undo of theirs left interrupted — that one is resumed.
 */
export function undoableOf(entries: readonly JournalEntry[]): JournalEntry[] {
  const undoing = new Set(
    entries.filter((entry) => isResumable(entry) && entry.job?.annule).map((entry) => entry.job?.annule),
  );
  return entries
    .filter(
      (entry) =>
        entry.kind === 'affectation' &&
        !entry.annulePar &&
        entry.status !== 'enCours' &&
        !undoing.has(entry.id),
    )
    .slice(0, UNDOABLE_SHOWN);
}
