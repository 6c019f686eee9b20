import type { Abonnement } from './abonnement';
import { byEndDate, type Expiry, type ExpiryThresholds, expiryOf } from './expiry';
import { foldCaseAndAccents } from './fold';
import type { Counter, CounterBucket } from './school';

/**
 * The popup's one-glance answer per school: what ends soonest (or already ended), what licences
 * are still free, and how old that knowledge is. Pure: the caller gives what was seen and `now`.
 */

export interface SeenEntry {
  uai: string;
  abonnement: Abonnement;
  counts: Partial<Record<CounterBucket, Counter>>;
  lastSeenAt: string;
  goneSince?: string;
}

export interface SummaryLine {
  entry: SeenEntry;
  expiry: Expiry;
}

export interface SchoolSummary {
  uai: string;
  /** The latest time this school's subscriptions were seen. */
  lastSeenAt: Date;
  /** Every subscription, soonest end first. */
  lines: SummaryLine[];
  /** Licences still free on running individual subscriptions, per bucket (unlimited ones aside). */
  free: Partial<Record<CounterBucket, number>>;
}

function freeLicences(lines: SummaryLine[]): SchoolSummary['free'] {
  const free: SchoolSummary['free'] = {};
  for (const { entry, expiry } of lines) {
    const running =
      expiry.tone !== 'expire' && expiry.tone !== 'pasEncoreActif' && entry.goneSince === undefined;
    if (!running || entry.abonnement.typeAffectation !== 'INDIV') continue;
    for (const [bucket, counter] of Object.entries(entry.counts) as [CounterBucket, Counter][]) {
      if (typeof counter.disponibles === 'number') free[bucket] = (free[bucket] ?? 0) + counter.disponibles;
    }
  }
  return free;
}

/**
 * `expiryOf` depends only on the subscription's three dates (with `now` and the thresholds, the
 * same for the whole summary), and an RA's subscriptions share a handful of end dates: the popup
 * computes each distinct one once instead of hundreds of times at every opening (npm run bench).
 */
function expiryPerDates(now: Date, thresholds: ExpiryThresholds): (abonnement: Abonnement) => Expiry {
  const known = new Map<string, Expiry>();
  return (abonnement) => {
    const key = `${abonnement.debutValidite} ${abonnement.finValidite} ${abonnement.anneeFinValidite}`;
    let expiry = known.get(key);
    if (expiry === undefined) {
      expiry = expiryOf(abonnement, now, thresholds);
      known.set(key, expiry);
    }
    return expiry;
  };
}

export function schoolSummaries(
  entries: SeenEntry[],
  now: Date,
  thresholds: ExpiryThresholds,
): SchoolSummary[] {
  const expiryOfDates = expiryPerDates(now, thresholds);
  const bySchool = new Map<string, SeenEntry[]>();
  for (const entry of entries) {
    if (entry.abonnement.supprime) continue;
    const list = bySchool.get(entry.uai);
    if (list) list.push(entry);
    else bySchool.set(entry.uai, [entry]);
  }
  return [...bySchool]
    .map(([uai, list]) => {
      const lines = list.map((entry) => ({ entry, expiry: expiryOfDates(entry.abonnement) })).sort(byEndDate);
      const lastSeenAt = new Date(Math.max(...list.map((entry) => Date.parse(entry.lastSeenAt))));
      return { uai, lastSeenAt, lines, free: freeLicences(lines) };
    })
    .sort((a, b) => a.uai.localeCompare(b.uai));
}

/** Case- and accent-insensitive search on the resource's title. */
export function matchesSearch(abonnement: Pick<Abonnement, 'libelleRessource'>, query: string): boolean {
  return foldCaseAndAccents(abonnement.libelleRessource).includes(foldCaseAndAccents(query.trim()));
}
