import { attachExpiryBadge } from '../../../components/attach-expiry-badge';
import { askBackground } from '../../../utils/client';
import type { FeatureDefinition } from '../../../utils/features';
import { type Expiry, expiryOf } from '../../../utils/gar/expiry';
import type { ConsoleSubscription } from '../../../utils/gar/school';
import { createConsoleClient } from '../../../utils/hosts/console/api';
import {
  CONSOLE_SELECTORS,
  type ConsoleView,
  consoleViewOf,
  subscriptionIdOf,
} from '../../../utils/hosts/console/page';

/** Views where subscriptions appear, and what to badge in each. */
const TARGETS: Partial<Record<ConsoleView, string>> = {
  ressources: CONSOLE_SELECTORS.resourceRowEnd,
  ressource: CONSOLE_SELECTORS.resourceTitle,
  'tableau-de-bord': CONSOLE_SELECTORS.dashboardExpired,
};

const BUCKET_LABELS: Record<string, string> = {
  ELEVE: 'élèves',
  ENSEIGNANT: 'enseignants',
  DOCUMENTALISTE: 'documentalistes',
  'AUTRE PERSONNEL': 'autres personnels',
  GLOBAL: 'tous publics',
};

/** The tooltip adds the licences still available per profile to the exact date. */
function withLicences(expiry: Expiry, subscription: ConsoleSubscription): Expiry {
  const free = Object.entries(subscription.compteurs).map(
    ([bucket, counter]) =>
      `${BUCKET_LABELS[bucket] ?? bucket} : ${counter.disponibles === 'ILLIMITE' ? 'illimité' : counter.disponibles}`,
  );
  if (free.length === 0) return expiry;
  return { ...expiry, detail: `${expiry.detail}\nLicences disponibles — ${free.join(', ')}` };
}

/**
 * "expire dans 12 j", "expiré depuis 3 j"… next to every subscription the console lists: where
 * decisions are made, with the exact date, its source field and the free licences on hover.
 */
export const badgesFin: FeatureDefinition = {
  id: 'badges-fin',
  label: 'featureBadgesFin',
  include: [(url) => TARGETS[consoleViewOf(url) ?? 'connexion'] !== undefined],
  async init({ signal, url, observe }) {
    const client = createConsoleClient((input, init) => fetch(input, { ...init, signal }), url.origin);
    const [{ uai }, settings] = await Promise.all([client.session(), askBackground('settings.get', {})]);
    const subscriptions = new Map(
      (await client.subscriptions(uai)).map((subscription) => [
        subscription.abonnement.idAbonnement,
        subscription,
      ]),
    );
    const thresholds = { soonDays: settings.expiringSoonDays, laterDays: settings.expiringLaterDays };
    const now = new Date();
    const selector = TARGETS[consoleViewOf(url) ?? 'connexion'];
    if (!selector) return;
    observe(selector, (element) => {
      const id = subscriptionIdOf(element.closest('[data-id-abonnement]') ?? element);
      const subscription = id ? subscriptions.get(id) : undefined;
      if (!subscription) return;
      attachExpiryBadge(
        element,
        withLicences(expiryOf(subscription.abonnement, now, thresholds), subscription),
        signal,
      );
    });
  },
};
