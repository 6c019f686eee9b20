/**
 * Gives a school's journal a strict order: every start and step the background stores is stamped
 * strictly after everything stored before it for that school (its own time, or 1 ms after the
 * latest stamp when that is not later).
 *
 * Why: settling an unanswered write compares steps of different operations by time (« did
 * another assignment of ours add them after our removal was sent? », utils/bulk/operation.ts). Two
 * steps in the same millisecond — a fast machine, two tabs — made « before » read as « after »,
 * and an undo that never reached the console was journaled as done.
 *
 * Stamps are given inside the write's own transaction (utils/store/repositories.ts): IndexedDB
 * runs a store's read-write transactions one after the other, so the stamps' order is the order
 * the steps were stored in — and a reader that sees a step sees every earlier one. One clock per
 * worker; after a restart it learns a school's latest stamp from the journal itself.
 */
export class JournalClock {
  readonly #latest = new Map<string, number>();

  knows(uai: string): boolean {
    return this.#latest.has(uai);
  }

  /** The school's latest stored stamp, read from its journal (−∞ for none). */
  learn(uai: string, latest: number): void {
    this.#latest.set(uai, Math.max(latest, this.#latest.get(uai) ?? Number.NEGATIVE_INFINITY));
  }

  /** A stamp for `uai` at `at`, or just after the school's latest one. */
  stamp(uai: string, at: string): string {
    const time = Math.max(Date.parse(at), (this.#latest.get(uai) ?? Number.NEGATIVE_INFINITY) + 1);
    this.#latest.set(uai, time);
    return new Date(time).toISOString();
  }
}

/** The latest start or step stamp among stored records, as read (anything unreadable is skipped). */
export function latestStamp(records: readonly unknown[]): number {
  let latest = Number.NEGATIVE_INFINITY;
  const consider = (value: unknown): void => {
    const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isFinite(time)) latest = Math.max(latest, time);
  };
  for (const record of records) {
    if (typeof record !== 'object' || record === null) continue;
    const { startedAt, steps } = record as { startedAt?: unknown; steps?: unknown };
    consider(startedAt);
    if (!Array.isArray(steps)) continue;
    for (const step of steps) consider((step as { at?: unknown } | null)?.at);
  }
  return latest;
}
