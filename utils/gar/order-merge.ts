import { PROFILS } from './abonnement';
import type { ExpectedOrder, OrderPeriod } from './expected-order';
import { resourceKey } from './order-check';
import { normaliseTitle } from './templates';

/**
 * Which stored order an imported (or typed) order line is, and how a batch of them joins what is
 * stored: importing the same export twice must give the same orders, never the same order twice —
 * a doubled order is checked twice on the dashboard, once « livré » and once « non livré ».
 *
 * The identity of an order line, from what an order export carries (a line number is not one: it
 * changes whenever the accountant sorts or filters the export):
 * - the **school** (UAI);
 * - the **order**: its reference (order or quote number, case and spacing ignored) — the number
 *   the accountant and the distributor both use. A line without a reference has only its period
 *   to say which order it belongs to (the same resource is bought again each school year, and
 *   next year's export must not overwrite this year's orders);
 * - the **resource** within that order: the same ARK when both lines have one (different ARKs are
 *   different resources, even under one title); otherwise the same EAN when both have one;
 *   otherwise the same title, as the delivery check compares titles (`normaliseTitle`: accents,
 *   case, punctuation and a trailing « éd. 2023 » ignored). So an export imported again with its
 *   ARK column mapped this time still finds the orders imported without it.
 *
 * Joining, line by line: a line that is no stored order is **added**; one that is a stored order
 * **updates** it when it says something new — the order becomes what the line says, keeping its
 * id (the RA's confirmed matches hang on it) and creation date — or is **identical**. When a line
 * is several stored orders (a title without ARK, stored under two ARKs), the identical one wins,
 * else the strongest link (ARK, EAN, title), else the oldest. Lines of one batch that are the same
 * order should not occur (`ordersFromTable` refuses the second one); if they do, each joins the
 * result of the previous ones, as two imports would. With no such lines, importing a batch again
 * changes nothing and finds every line identical (tests/unit/gar/order-merge.test.ts).
 */

/** How two order lines were found to name the same resource, strongest first. */
export type ResourceLink = 'ark' | 'ean' | 'titre';

const LINK_RANK: Record<ResourceLink, number> = { ark: 0, ean: 1, titre: 2 };

function periodKey(period: OrderPeriod): string {
  return 'schoolYear' in period ? period.schoolYear : `${period.start}/${period.end}`;
}

/** An order number as the accountant types it: « bc 2026-01 » is « BC 2026-01 ». */
function referenceKey(reference: string): string {
  return reference.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The school and the order a line belongs to: only lines with the same key can be the same order. */
function orderKey(order: ExpectedOrder): string {
  const reference = order.reference === undefined ? '' : referenceKey(order.reference);
  const which = reference === '' ? `période ${periodKey(order.period)}` : `n° ${reference}`;
  return `${order.uai} ${which}`;
}

/** A title of punctuation only normalises to nothing: then it is compared as written. */
function titleKey(order: ExpectedOrder): string {
  return normaliseTitle(order.resourceTitle) || order.resourceTitle.trim().toLowerCase();
}

/** Whether two lines of one order name the same resource, and by what; undefined when they do not. */
function resourceLink(a: ExpectedOrder, b: ExpectedOrder): ResourceLink | undefined {
  if (a.ark !== undefined && b.ark !== undefined) {
    return resourceKey(a.ark) === resourceKey(b.ark) ? 'ark' : undefined;
  }
  if (a.ean !== undefined && b.ean !== undefined) return a.ean === b.ean ? 'ean' : undefined;
  return titleKey(a) === titleKey(b) ? 'titre' : undefined;
}

/** Whether two order lines are the same order of the same school (the identity above). */
export function sameOrder(a: ExpectedOrder, b: ExpectedOrder): boolean {
  return orderKey(a) === orderKey(b) && resourceLink(a, b) !== undefined;
}

const quantityKey = ({ quantity }: ExpectedOrder): string =>
  quantity.kind === 'global'
    ? `global ${quantity.count}`
    : PROFILS.map((profil) => `${profil} ${quantity.counts[profil] ?? '-'}`).join(';');

/** What an order says, without its bookkeeping (id, creation date) nor the key order of its counts. */
function contentKey(order: ExpectedOrder): string {
  return JSON.stringify([
    order.uai,
    order.resourceTitle,
    order.ark ?? null,
    order.ean ?? null,
    order.distributor ?? null,
    order.reference ?? null,
    periodKey(order.period),
    quantityKey(order),
  ]);
}

/** The stored order as the line now says it: the line's content under the stored order's bookkeeping. */
function updatedWith(stored: ExpectedOrder, line: ExpectedOrder): ExpectedOrder {
  return { ...line, id: stored.id, createdAt: stored.createdAt };
}

interface Slot<T> {
  order: ExpectedOrder;
  tag: T;
}

/** Order lines indexed so that finding those a line is costs a few map lookups, not a scan. */
export interface OrderIndex<T> {
  add(order: ExpectedOrder, tag: T): void;
  /** The line indexed under `order.id` now reads `order`; it keeps its tag and its age. */
  replace(order: ExpectedOrder): void;
  /** The indexed lines that are the same order as this one, best link first, then oldest first. */
  find(order: ExpectedOrder): Array<Slot<T> & { link: ResourceLink }>;
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function pull<V>(map: Map<string, V[]>, key: string, value: V): void {
  const rest = (map.get(key) ?? []).filter((item) => item !== value);
  if (rest.length === 0) map.delete(key);
  else map.set(key, rest);
}

/** The index's keys of a line: every way `resourceLink` could find it, within its order. */
function lookupKeys(order: ExpectedOrder): string[] {
  const within = orderKey(order);
  return [
    ...(order.ark === undefined ? [] : [`${within} ark ${resourceKey(order.ark)}`]),
    ...(order.ean === undefined ? [] : [`${within} ean ${order.ean}`]),
    `${within} titre ${titleKey(order)}`,
  ];
}

export function createOrderIndex<T>(): OrderIndex<T> {
  /** `age` is the insertion rank: the tie-breaker of `find`. */
  type Entry = Slot<T> & { age: number };
  const byKey = new Map<string, Entry[]>();
  const byId = new Map<string, Entry>();
  const index = (entry: Entry) => {
    for (const key of lookupKeys(entry.order)) push(byKey, key, entry);
  };
  return {
    add(order, tag) {
      const entry = { order, tag, age: byId.size };
      byId.set(order.id, entry);
      index(entry);
    },
    replace(order) {
      const entry = byId.get(order.id);
      if (!entry) return;
      for (const key of lookupKeys(entry.order)) pull(byKey, key, entry);
      entry.order = order;
      index(entry);
    },
    find(order) {
      const found = new Set(lookupKeys(order).flatMap((key) => byKey.get(key) ?? []));
      return [...found]
        .sort((a, b) => a.age - b.age)
        .flatMap(({ order: other, tag }) => {
          const link = resourceLink(order, other);
          return link === undefined ? [] : [{ order: other, tag, link }];
        })
        .sort((a, b) => LINK_RANK[a.link] - LINK_RANK[b.link]);
    },
  };
}

export interface OrderMerge {
  /** Every order of the result: the stored ones (updated in place) in their order, then the added ones. */
  orders: ExpectedOrder[];
  /** What to write: each added or updated order once, as it ends up. */
  changed: ExpectedOrder[];
  /** What each line did, for the RA: one entry per line. */
  added: ExpectedOrder[];
  updated: { before: ExpectedOrder; after: ExpectedOrder }[];
  identical: ExpectedOrder[];
}

/**
 * Joins imported or typed order lines to the stored orders by the identity above, and says what
 * each line did. Pure: nothing is written, the stored orders are not changed.
 */
export function mergeOrders(stored: readonly ExpectedOrder[], lines: readonly ExpectedOrder[]): OrderMerge {
  const orders: ExpectedOrder[] = [...stored];
  const index = createOrderIndex<number>();
  stored.forEach((order, position) => {
    index.add(order, position);
  });
  const changed = new Set<number>();
  const merge: Omit<OrderMerge, 'changed'> = { orders, added: [], updated: [], identical: [] };
  for (const line of lines) {
    const candidates = index.find(line);
    const same = candidates.find(({ order }) => contentKey(order) === contentKey(line));
    const [best] = candidates;
    if (same) {
      merge.identical.push(same.order);
    } else if (best) {
      const after = updatedWith(best.order, line);
      orders[best.tag] = after;
      index.replace(after);
      changed.add(best.tag);
      merge.updated.push({ before: best.order, after });
    } else {
      index.add(line, orders.length);
      changed.add(orders.length);
      orders.push(line);
      merge.added.push(line);
    }
  }
  return { ...merge, changed: [...changed].sort((a, b) => a - b).flatMap((at) => orders[at] ?? []) };
}
