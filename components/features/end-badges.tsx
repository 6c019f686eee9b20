import { settingsOnce } from '../../utils/client';
import type { FeatureDefinition } from '../../utils/features';
import { BUCKET_LABELS } from '../../utils/gar/bucket-labels';
import { type Expiry, expiryOf, expiryThresholdsOf } from '../../utils/gar/expiry';
import type { ConsoleSubscription } from '../../utils/gar/school';
import { schoolSubscriptions } from '../../utils/hosts/school-subscriptions';
import { type MessageKey, t } from '../../utils/i18n';
import { type AttachedBadge, attachExpiryBadge, expiryRowBadge } from '../attach-expiry-badge';

export interface EndBadgesOptions {
  id: string;
  label: MessageKey;
  /** The host's anchors by name (utils/hosts: read at each run, since a calibration may change them). */
  selectors: Readonly<Record<string, string>>;
  /** The anchor of the elements to badge on this page, if any. */
  anchorOf(url: URL): string | undefined;
  /** Which subscription a badged element belongs to (host knowledge, from utils/hosts). */
  subscriptionIdOf(element: Element): string | null;
  /**
   * The end date the page itself shows for a badged element, where it shows one: when the
   * subscriptions cannot be read from the API, the badges read the page instead of disappearing.
   */
  pageEndDateOf?(element: Element): Date | null;
  /**
   * The start date the page shows for a badged element, where it shows one: with it, the page's
   * reading says « pas encore actif » as the API's will, and the API's answer changes no words.
   */
  pageStartDateOf?(element: Element): Date | null;
}

/** Where the page shows an end but no start: valid since always, ending then. */
const SHOWN_SINCE = new Date(0).toISOString();

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

function byIdOf(subscriptions: readonly ConsoleSubscription[]): Map<string, ConsoleSubscription> {
  return new Map(subscriptions.map((subscription) => [subscription.abonnement.idAbonnement, subscription]));
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
      const { pageEndDateOf } = options;
      const read = schoolSubscriptions(context).then(
        (school) => school.subscriptions,
        (cause: unknown) => {
          // No page column to fall back on: the helper fails and says so (health report).
          if (!pageEndDateOf) throw cause;
          return null;
        },
      );
      // Awaited below: if the settings fail first, this failure must not go unhandled meanwhile.
      read.catch(() => undefined);
      const thresholds = expiryThresholdsOf(await settingsOnce(context));
      const now = new Date();
      const fromApi = (byId: ReadonlyMap<string, ConsoleSubscription>, element: Element): Expiry | null => {
        const id = options.subscriptionIdOf(element);
        const subscription = id ? byId.get(id) : undefined;
        return subscription
          ? withLicences(expiryOf(subscription.abonnement, now, thresholds), subscription)
          : null;
      };
      if (!pageEndDateOf) {
        const byId = byIdOf((await read) ?? []);
        observe(selector, (element) => {
          const expiry = fromApi(byId, element);
          if (expiry) attachExpiryBadge(element, expiry, signal);
        });
        return;
      }
      const fromPage = (element: Element): Expiry | null => {
        const end = pageEndDateOf(element);
        if (!end) return null;
        const start = options.pageStartDateOf?.(element)?.toISOString() ?? SHOWN_SINCE;
        return expiryOf({ debutValidite: start, finValidite: end.toISOString() }, now, thresholds);
      };
      // The page's own end dates first: its rows and their badges are then laid out and painted
      // once, in the same frame (the API answers after the page has drawn its list, and badges
      // written then make the browser do the whole table again: npm run bench, « console »).
      // The API's reading — start date, source field, free licences — then replaces each badge's
      // words where they differ, and otherwise only its tooltip, which costs no layout.
      let byId: ReadonlyMap<string, ConsoleSubscription> | null | undefined;
      const seenBeforeApi: Array<{ element: Element; badge: AttachedBadge | undefined }> = [];
      observe(selector, (element) => {
        const expiry = byId ? fromApi(byId, element) : fromPage(element);
        const badge = expiry ? attachExpiryBadge(element, expiry, signal) : undefined;
        if (byId === undefined) seenBeforeApi.push({ element, badge });
      });
      const subscriptions = await read;
      // The API could not be read: the page's dates are all there is, as they stand.
      byId = subscriptions && byIdOf(subscriptions);
      if (!byId || signal.aborted) return;
      for (const { element, badge } of seenBeforeApi) {
        const expiry = fromApi(byId, element);
        if (!expiry) badge?.remove();
        else if (badge) badge.update(expiryRowBadge(expiry));
        else attachExpiryBadge(element, expiry, signal);
      }
    },
  };
}
