import type { Abonnement } from '../gar/abonnement';
import { uaiSchema } from '../gar/record-fields';
import {
  type SeenSubscription,
  type SubscriptionCounts,
  seenSubscriptionSchema,
} from '../gar/seen-subscription';
import type { Db } from './repositories';
import { sealOf } from './seal';
import { type IssueSink, validateForWrite, validateOnRead } from './validation';

/**
 * The subscriptions the console showed last, per school. Apart from the other repositories so
 * that the popup, whose first screen is these and the settings, loads nothing else with them.
 * Each record is sealed when written (seal.ts): the popup reads hundreds at every opening.
 */

/** One subscription as the console shows it now, with its licence counts. */
export interface SeenInput {
  abonnement: Abonnement;
  counts: SubscriptionCounts;
}

export interface UpsertSeenResult {
  /** Subscriptions seen for the first time (or again after being gone). */
  added: string[];
  /** Subscriptions seen before and still there. */
  kept: string[];
  /** Subscriptions that were there last time and are no longer in the console. */
  gone: string[];
}

/** A validated subscription as stored: its seal covers the whole record but the seal. */
function sealedSeen(record: SeenSubscription): SeenSubscription & { sceau: string } {
  return { ...record, sceau: sealOf('seenSubscription', record) };
}

/** The stored subscription without its seal, when the seal still matches it; otherwise undefined. */
function unsealedSeen(value: unknown): SeenSubscription | undefined {
  if (typeof value !== 'object' || value === null || !('sceau' in value)) return undefined;
  const { sceau, ...record } = value;
  return sceau === sealOf('seenSubscription', record) ? (record as SeenSubscription) : undefined;
}

/** A stored subscription: as sealed, or validated field by field when its seal does not match. */
function readSeen(key: IDBValidKey, value: unknown, onIssue?: IssueSink): SeenSubscription | undefined {
  return (
    unsealedSeen(value) ?? validateOnRead('seenSubscriptions', seenSubscriptionSchema, key, value, onIssue)
  );
}

function readAllSeen(
  keys: readonly IDBValidKey[],
  values: readonly unknown[],
  onIssue?: IssueSink,
): SeenSubscription[] {
  return values
    .map((value, index) => readSeen(keys[index] ?? index, value, onIssue))
    .filter((record): record is SeenSubscription => record !== undefined);
}

/**
 * Records what the console shows for one school. Subscriptions that disappeared are marked with
 * `goneSince` rather than deleted: "this subscription vanished" is exactly what the user wants to see.
 */
export async function upsertSeen(
  db: Db,
  uai: string,
  current: ReadonlyArray<SeenInput>,
  now: Date,
  onIssue?: IssueSink,
): Promise<UpsertSeenResult> {
  validateForWrite('seenSubscriptions', uaiSchema, uai);
  const nowIso = now.toISOString();
  // Validate everything before the transaction opens: a bad entry must not leave half an update.
  const fresh = current.map((entry) =>
    validateForWrite('seenSubscriptions', seenSubscriptionSchema, {
      uai,
      idAbonnement: entry.abonnement.idAbonnement,
      abonnement: entry.abonnement,
      counts: entry.counts,
      firstSeenAt: nowIso,
      lastSeenAt: nowIso,
    }),
  );
  const tx = db.transaction('seenSubscriptions', 'readwrite');
  const index = tx.store.index('byUai');
  const [keys, values] = await Promise.all([index.getAllKeys(uai), index.getAll(uai)]);
  const previous = readAllSeen(keys, values, onIssue);
  const previousById = new Map(previous.map((record) => [record.idAbonnement, record]));
  const result: UpsertSeenResult = { added: [], kept: [], gone: [] };
  const writes: Array<Promise<unknown>> = [];

  for (const record of fresh) {
    const before = previousById.get(record.idAbonnement);
    previousById.delete(record.idAbonnement);
    const stillThere = before !== undefined && before.goneSince === undefined;
    (stillThere ? result.kept : result.added).push(record.idAbonnement);
    const kept = {
      firstSeenAt: before?.firstSeenAt ?? nowIso,
      ...(before?.alertes && { alertes: before.alertes }),
    };
    writes.push(tx.store.put(sealedSeen({ ...record, ...kept })));
  }
  for (const missing of previousById.values()) {
    if (missing.goneSince !== undefined) continue;
    result.gone.push(missing.idAbonnement);
    writes.push(tx.store.put(sealedSeen({ ...missing, goneSince: nowIso })));
  }
  await Promise.all([...writes, tx.done]);
  return result;
}

/** How many subscriptions of a school the store holds, gone ones included, without reading them. */
export function countSeen(db: Db, uai: string): Promise<number> {
  return db.countFromIndex('seenSubscriptions', 'byUai', uai);
}

/**
 * Seen subscriptions of one school, or of every school when `uai` is omitted. The popup reads them
 * all at every opening: the rows' keys, which only name a record whose seal no longer matches, are
 * asked for only then — in the same transaction, so they are the same rows in the same order.
 */
export async function listSeen(db: Db, uai?: string, onIssue?: IssueSink): Promise<SeenSubscription[]> {
  const store = db.transaction('seenSubscriptions').store;
  const index = store.index('byUai');
  const values: unknown[] = await (uai === undefined ? store.getAll() : index.getAll(uai));
  const sealed = values.map(unsealedSeen);
  if (sealed.every((record): record is SeenSubscription => record !== undefined)) return sealed;
  const keys = await (uai === undefined ? store.getAllKeys() : index.getAllKeys(uai));
  return values.flatMap((value, at) => {
    const record =
      sealed[at] ??
      validateOnRead('seenSubscriptions', seenSubscriptionSchema, keys[at] ?? at, value, onIssue);
    return record === undefined ? [] : [record];
  });
}

/** Records that these expiry levels were announced for a subscription of a school. */
export async function markAlerted(
  db: Db,
  uai: string,
  idAbonnement: string,
  levels: ReadonlyArray<NonNullable<SeenSubscription['alertes']>[number]>,
): Promise<void> {
  const tx = db.transaction('seenSubscriptions', 'readwrite');
  const key: [string, string] = [uai, idAbonnement];
  const record = readSeen(key, await tx.store.get(key));
  if (record) {
    const alertes = [...new Set([...(record.alertes ?? []), ...levels])];
    await tx.store.put(
      sealedSeen(validateForWrite('seenSubscriptions', seenSubscriptionSchema, { ...record, alertes })),
    );
  }
  await tx.done;
}
