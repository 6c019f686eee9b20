import { settingsOnce } from '../../utils/client';
import type { FeatureDefinition } from '../../utils/features';
import { BUCKET_LABELS } from '../../utils/gar/bucket-labels';
import { type Expiry, expiryOf, expiryThresholdsOf } from '../../utils/gar/expiry';
import type { ConsoleSubscription } from '../../utils/gar/school';
import { schoolSubscriptions } from '../../utils/hosts/school-subscriptions';
import { type MessageKey, t } from '../../utils/i18n';
import { attachExpiryBadge } from '../attach-expiry-badge';

export interface EndBadgesOptions {
  id: string;
  label: MessageKey;
  /** The host's anchors by name (utils/hosts: read at each run, since a calibration may change them). */
  selectors: Readonly<Record<string, string>>;
  /** The anchor of the elements to badge on this page, if any. */
  anchorOf(url: URL): string | undefined;
  /** Which subscription a badged element belongs to (host knowledge, from utils/hosts). */
  subscriptionIdOf(element: Element): string | null;
}

/** The tooltip adds the licences still available per profile to the exact date. */
function withLicences(expiry: Expiry, subscription: ConsoleSubscription): Expiry {
  const free = Object.entries(subscription.compteurs).map(([bucket, counter]) =>
    t(
      'endBadgesFreeLicences',
      BUCKET_LABELS[bucket] ?? bucket,
      counter.disponibles === 'ILLIMITE' ? t('endBadgesUnlimited') : String(counter.disponibles),
    ),
  );
  if (free.length === 0) return expiry;
  return { ...expiry, detail: t('endBadgesDetailWithLicences', expiry.detail, free.join(', ')) };
}

/**
 * "expire dans 12 j", "expiré depuis 3 j"… next to every subscription a GAR page lists: where
 * decisions are made, with the exact date, its source field and the free licences on hover.
 */
export function endBadgesFeature(options: EndBadgesOptions): FeatureDefinition {
  return {
    id: options.id,
    label: options.label,
    include: [(url) => options.anchorOf(url) !== undefined],
    anchors: (url) => {
      const anchor = options.anchorOf(url);
      return anchor ? [anchor] : [];
    },
    async init(context) {
      const { signal, url, observe } = context;
      const anchor = options.anchorOf(url);
      const selector = anchor && options.selectors[anchor];
      if (!selector) return;
      const [{ subscriptions }, settings] = await Promise.all([
        schoolSubscriptions(context),
        settingsOnce(context),
      ]);
      const byId = new Map(subscriptions.map((s) => [s.abonnement.idAbonnement, s]));
      const thresholds = expiryThresholdsOf(settings);
      const now = new Date();
      observe(selector, (element) => {
        const id = options.subscriptionIdOf(element);
        const subscription = id ? byId.get(id) : undefined;
        if (!subscription) return;
        const expiry = withLicences(expiryOf(subscription.abonnement, now, thresholds), subscription);
        attachExpiryBadge(element, expiry, signal);
      });
    },
  };
}
