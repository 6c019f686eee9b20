import { t } from '../i18n';
import { type CsvCell, frenchExcelCsv } from './csv';
import { foldCaseAndAccents } from './fold';
import type { JOURNAL_STATUSES, JournalEntry, JournalStep } from './journal-record';
import { formatParisDateTime, parisIsoDay } from './paris-time';
import { parisDayNumber } from './validity';

/**
 * What the options page shows of the journal: filters, per-operation counts and the CSV export.
 * Person ids stay opaque here — they are counted, never listed (DOMAIN.md §9).
 */

export type JournalStatus = (typeof JOURNAL_STATUSES)[number];

/** Every field is optional: an empty filter keeps every entry. */
export interface JournalFilter {
  uai?: string;
  kind?: string;
  status?: JournalStatus;
  /** First day kept, `YYYY-MM-DD`, a Paris calendar day: what the RA reads on a calendar. */
  from?: string;
  /** Last day kept, `YYYY-MM-DD`, inclusive. */
  to?: string;
  /** Searched in the summary and the resource titles, ignoring case and accents. */
  text?: string;
}

export interface JournalCounts {
  abonnements: number;
  /** Persons the console confirmed as holding a licence, once per subscription. */
  added: number;
  /** Persons the console confirmed as no longer holding one, once per subscription. */
  removed: number;
  /** Steps that failed. */
  failures: number;
}

export interface JournalSubscription {
  idAbonnement: string;
  /** Empty when only a step named the subscription (an entry written without its job). */
  libelle: string;
}

/** The words the page shows, passed in so the file says exactly what the screen says. */
export interface JournalWords {
  kind(kind: string): string;
  status(status: JournalStatus): string;
}

const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` as a day number comparable with `parisDayNumber`; undefined when empty or malformed. */
function dayNumberOf(day: string | undefined): number | undefined {
  if (!day) return undefined;
  const time = Date.parse(day);
  return Number.isNaN(time) ? undefined : Math.floor(time / MS_PER_DAY);
}

/** The subscriptions an operation touched: those it was asked for, then any other a step names. */
export function journalSubscriptions(entry: JournalEntry): JournalSubscription[] {
  const subscriptions: JournalSubscription[] = (entry.job?.abonnements ?? []).map(
    ({ idAbonnement, libelle }) => ({
      idAbonnement,
      libelle,
    }),
  );
  const known = new Set(subscriptions.map((subscription) => subscription.idAbonnement));
  for (const { idAbonnement } of entry.steps) {
    if (idAbonnement === undefined || known.has(idAbonnement)) continue;
    known.add(idAbonnement);
    subscriptions.push({ idAbonnement, libelle: '' });
  }
  return subscriptions;
}

function matchesText(entry: JournalEntry, text: string): boolean {
  const wanted = foldCaseAndAccents(text.trim());
  if (wanted === '') return true;
  const haystack = [
    entry.summary,
    ...journalSubscriptions(entry).map((subscription) => subscription.libelle),
  ];
  return haystack.some((candidate) => foldCaseAndAccents(candidate).includes(wanted));
}

function matchesPeriod(entry: JournalEntry, from: string | undefined, to: string | undefined): boolean {
  const first = dayNumberOf(from);
  const last = dayNumberOf(to);
  if (first === undefined && last === undefined) return true;
  const day = parisDayNumber(new Date(entry.startedAt));
  return (first === undefined || day >= first) && (last === undefined || day <= last);
}

/** The entries that pass every filter set, in their given order. */
export function filterJournal(entries: JournalEntry[], filter: JournalFilter): JournalEntry[] {
  return entries.filter(
    (entry) =>
      (!filter.uai || entry.uai === filter.uai) &&
      (!filter.kind || entry.kind === filter.kind) &&
      (!filter.status || entry.status === filter.status) &&
      matchesPeriod(entry, filter.from, filter.to) &&
      matchesText(entry, filter.text ?? ''),
  );
}

/** The schools present in the journal, for the school filter. */
export function journalSchools(entries: JournalEntry[]): string[] {
  return [...new Set(entries.map((entry) => entry.uai))].sort();
}

/** Persons a step names: a count only, the ids themselves are not for display. */
export function personCount(step: JournalStep): number {
  return step.personIds?.length ?? 0;
}

/** Steps by which the console confirmed persons now hold a licence (see assignment-job.ts). */
const ADDING_ACTIONS = new Set(['affecte', 'constate']);

/** Keyed by subscription and person: one person in two subscriptions holds two licences. */
function addPersons(persons: Set<string>, step: JournalStep): void {
  for (const person of step.personIds ?? []) persons.add(`${step.idAbonnement ?? ''}\u0000${person}`);
}

/**
 * Persons added and removed, from the confirmed outcomes only: the « envoi » journaled before a
 * write names the same persons and must not count, and a person confirmed twice for one
 * subscription (a resumed operation) counts once.
 */
function personCounts(steps: JournalStep[]): Pick<JournalCounts, 'added' | 'removed' | 'failures'> {
  const added = new Set<string>();
  const removed = new Set<string>();
  let failures = 0;
  for (const step of steps) {
    if (!step.ok) {
      failures += 1;
      continue;
    }
    if (ADDING_ACTIONS.has(step.action)) addPersons(added, step);
    else if (step.action === 'retire') addPersons(removed, step);
  }
  return { added: added.size, removed: removed.size, failures };
}

export function journalCounts(entry: JournalEntry): JournalCounts {
  return { abonnements: journalSubscriptions(entry).length, ...personCounts(entry.steps) };
}

function yesNo(value: boolean | undefined): string {
  if (value === undefined) return '';
  return value ? t('journalViewYes') : t('journalViewNo');
}

/** Entries by id, to follow the links between an operation and its undo. */
export function journalIndex(entries: JournalEntry[]): Map<string, JournalEntry> {
  return new Map(entries.map((entry) => [entry.id, entry]));
}

/** When an operation was undone: the undo's end (or start), when the undo is still in the journal. */
export function undoneAt(entry: JournalEntry, byId: ReadonlyMap<string, JournalEntry>): string | undefined {
  if (entry.annulePar === undefined) return undefined;
  const undo = byId.get(entry.annulePar);
  return undo && (undo.endedAt ?? undo.startedAt);
}

/**
 * One row per operation and subscription (one row for an operation without any), with that
 * subscription's own counts so columns add up in a spreadsheet. Headers are in the RA's language,
 * like the other exports: the file is read by people, never imported back. `all` is the whole
 * journal, so an undo the filters hide still dates the operation it reversed.
 */
export function journalCsvRows(
  entries: JournalEntry[],
  words: JournalWords,
  all: JournalEntry[] = entries,
): Record<string, CsvCell>[] {
  const byId = journalIndex(all);
  return entries.flatMap((entry) => {
    const common = {
      [t('journalViewCsvStart')]: formatParisDateTime(entry.startedAt),
      [t('journalViewCsvEnd')]: entry.endedAt ? formatParisDateTime(entry.endedAt) : '',
      [t('journalViewCsvSchool')]: entry.uai,
      [t('journalViewCsvOperation')]: words.kind(entry.kind),
      [t('journalViewCsvStatus')]: words.status(entry.status),
      [t('journalViewCsvSummary')]: entry.summary,
    };
    const tail = {
      [t('journalViewCsvTargets')]: (entry.job?.cibles ?? [])
        .map((cible) => cible.libelle || cible.code)
        .join(', '),
      [t('journalViewCsvUntilExhausted')]: yesNo(entry.job?.jusquAEpuisement),
      [t('journalViewCsvUndoneOn')]: entry.annulePar === undefined ? '' : formatUndo(entry, byId),
    };
    const subscriptionColumns = (idAbonnement: string, libelle: string) => ({
      [t('journalViewCsvSubscription')]: idAbonnement,
      [t('journalViewCsvResource')]: libelle,
    });
    const subscriptions = journalSubscriptions(entry);
    if (subscriptions.length === 0) {
      return [{ ...common, ...subscriptionColumns('', ''), ...countColumns(entry.steps), ...tail }];
    }
    return subscriptions.map((subscription) => ({
      ...common,
      ...subscriptionColumns(subscription.idAbonnement, subscription.libelle),
      ...countColumns(entry.steps.filter((step) => step.idAbonnement === subscription.idAbonnement)),
      ...tail,
    }));
  });
}

function countColumns(steps: JournalStep[]): Record<string, number> {
  const counts = personCounts(steps);
  return {
    [t('journalViewCsvAdded')]: counts.added,
    [t('journalViewCsvRemoved')]: counts.removed,
    [t('journalViewCsvFailedSteps')]: counts.failures,
  };
}

/** When the undo itself was purged, its date is lost but the fact is not. */
function formatUndo(entry: JournalEntry, byId: ReadonlyMap<string, JournalEntry>): string {
  const at = undoneAt(entry, byId);
  return at ? formatParisDateTime(at) : t('journalViewUndoneDateUnknown');
}

export function journalCsv(
  entries: JournalEntry[],
  words: JournalWords,
  all: JournalEntry[] = entries,
): string {
  return frenchExcelCsv(journalCsvRows(entries, words, all));
}

/** `journal-compagnon-gar-YYYY-MM-DD.csv`, dated on the Paris calendar. */
export function journalCsvFileName(now: Date): string {
  return `journal-compagnon-gar-${parisIsoDay(now)}.csv`;
}
