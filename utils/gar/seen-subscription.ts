import * as z from 'zod/mini';
import { t } from '../i18n';
import { abonnementSchema } from './abonnement';
import { ALERT_LEVELS } from './alerts';
import { timestampSchema, uaiSchema } from './record-fields';
import { counterBucketSchema, counterSchema } from './school';

// What the console showed last time, per school, to detect changes.

/**
 * Licence counters per bucket (a profile, or GLOBAL when the subscription counts globally),
 * exactly as the console shows them: only the buckets a subscription has, hence a partial record.
 */
export const subscriptionCountsSchema = z.partialRecord(counterBucketSchema, counterSchema);
export type SubscriptionCounts = z.infer<typeof subscriptionCountsSchema>;

/** A subscription with the counters a GAR page shows for it. */
export const countedSubscriptionSchema = z.object({
  abonnement: abonnementSchema,
  counts: subscriptionCountsSchema,
});
export type CountedSubscription = z.infer<typeof countedSubscriptionSchema>;

export const seenSubscriptionSchema = z
  .object({
    uai: uaiSchema,
    idAbonnement: z.string().check(z.minLength(1), z.maxLength(45)),
    abonnement: abonnementSchema,
    counts: subscriptionCountsSchema,
    firstSeenAt: timestampSchema,
    lastSeenAt: timestampSchema,
    /** Set when the subscription stopped appearing in the console; kept so the change can be shown. */
    goneSince: z.optional(timestampSchema),
    /** Expiry levels already notified, so each crossing is announced once, never every day. */
    alertes: z.optional(z.array(z.enum(ALERT_LEVELS))),
  })
  .check(
    z.refine((record) => record.idAbonnement === record.abonnement.idAbonnement, {
      error: () => t('seenSubscriptionIdMismatch'),
      path: ['idAbonnement'],
    }),
  );
export type SeenSubscription = z.infer<typeof seenSubscriptionSchema>;
