import type { OrderMerge } from '../../../utils/gar/order-merge';
import { type MessageKey, t, tn } from '../../../utils/i18n';

/** « 1 commande ajoutée, 2 mises à jour, 1 identique », substituted into `key`. */
export function mergeSummary(key: MessageKey, merge: OrderMerge): string {
  return t(
    key,
    tn(merge.added.length, 'ordersMergeAdded'),
    tn(merge.updated.length, 'ordersMergeUpdated'),
    tn(merge.identical.length, 'ordersMergeIdentical'),
  );
}

/** What saving one typed order did: added, updated (the same order was there) or nothing. */
export function formOutcome(merge: OrderMerge, title: string): string {
  if (merge.added.length > 0) return t('ordersFormAdded', title);
  if (merge.updated.length > 0) return t('ordersFormUpdated', title);
  return t('ordersFormIdentical', title);
}
