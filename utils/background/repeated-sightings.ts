import type { UpsertSeenResult } from '../store/seen-subscriptions';

/**
 * How long the same list of subscriptions, sent again by the same school, is not recorded again.
 * The popup says how old its data is in minutes: five of them change nothing an RA reads.
 */
export const REPEAT_WINDOW_MS = 5 * 60_000;

interface Recorded {
  list: string;
  atMs: number;
  /** The school's records in the store right after: fewer later means they were erased. */
  records: number;
}

/**
 * The lists of subscriptions this worker recorded last, per school. Every console view sends its
 * school's list (memoire-abonnements), so clicking through the console's tabs sends the same
 * hundreds of subscriptions each time. Recording 400 took the worker 140 to 200 ms (a send from
 * an extension page, answer included), during which the next page's settings and messages wait:
 * the badges then miss the frame of the page's list, and the whole table is laid out twice.
 */
export function repeatedSightings(windowMs = REPEAT_WINDOW_MS) {
  const last = new Map<string, Recorded>();
  return {
    /**
     * The answer to a list already recorded for this school less than `windowMs` ago, and still in
     * the store: as many of the school's records as right after (the options page may have erased
     * them since; a backup restored with as many records is only seen after the window).
     * Undefined otherwise.
     */
    repeated(
      uai: string,
      list: string,
      nowMs: number,
      records: number,
      ids: readonly string[],
    ): UpsertSeenResult | undefined {
      const previous = last.get(uai);
      const repeated =
        previous !== undefined &&
        previous.list === list &&
        nowMs - previous.atMs >= 0 &&
        nowMs - previous.atMs < windowMs &&
        records === previous.records;
      return repeated ? { added: [], kept: [...ids], gone: [] } : undefined;
    },
    recorded(uai: string, list: string, nowMs: number, records: number): void {
      last.set(uai, { list, atMs: nowMs, records });
    },
  };
}
