import { attachRowBadge, type RowBadge } from '../../../components/attach-expiry-badge';
import { askBackground } from '../../../utils/client';
import type { FeatureDefinition } from '../../../utils/features';
import {
  checkDeliveries,
  type DeliveryLine,
  decisionsOf,
  deliveryLabel,
} from '../../../utils/gar/order-check';
import { CONSOLE_SELECTORS, consoleViewOf, subscriptionIdOf } from '../../../utils/hosts/console/page';
import { schoolSubscriptions } from '../../../utils/hosts/school-subscriptions';
import { t } from '../../../utils/i18n';

const TONES: Record<DeliveryLine['status'], { tone: string; icon: string }> = {
  livre: { tone: 'conforme', icon: '✔' },
  livrePartiellement: { tone: 'urgent', icon: '◐' },
  datesDifferentes: { tone: 'urgent', icon: '◷' },
  nonLivre: { tone: 'expire', icon: '✖' },
  livreSansCommande: { tone: 'ecart', icon: '?' },
};

function deliveryBadge(line: DeliveryLine): RowBadge {
  const { tone, icon } = TONES[line.status];
  const status = deliveryLabel(line.status);
  const withReference = line.order?.reference
    ? t('badgesLivraisonWithReference', status, line.order.reference)
    : status;
  return {
    tone,
    icon,
    label: t('badgesLivraisonLabel', status.toLowerCase()),
    detail: line.aConfirmer ? t('badgesLivraisonToConfirm', withReference) : withReference,
  };
}

/**
 * Next to each resource of Parcours ressource, what the delivery check says of it — once the RA
 * has recorded the school's orders (nothing is shown before: no order, no opinion).
 */
export const badgesLivraison: FeatureDefinition = {
  id: 'badges-livraison',
  anchors: () => ['resourceRowTitle'],
  label: 'featureBadgesLivraison',
  include: [(url) => consoleViewOf(url) === 'ressources'],
  async init(context) {
    const { signal, observe } = context;
    const { uai, subscriptions } = await schoolSubscriptions(context);
    const orders = await askBackground('orders.list', { uai });
    if (orders.length === 0) return;
    const school = await askBackground('school.get', { uai });
    const bySubscription = new Map(
      checkDeliveries(orders, subscriptions, { uai, decisions: decisionsOf(school) }).flatMap((line) =>
        line.subscription ? [[line.subscription.abonnement.idAbonnement, line] as const] : [],
      ),
    );
    observe(CONSOLE_SELECTORS.resourceRowTitle, (cell) => {
      const id = subscriptionIdOf(cell);
      const line = id ? bySubscription.get(id) : undefined;
      if (!line) return;
      attachRowBadge(cell, deliveryBadge(line), signal, {
        hostAttribute: 'data-cg-livraison-hote',
        dataName: 'data-cg-livraison-badge',
      });
    });
  },
};
