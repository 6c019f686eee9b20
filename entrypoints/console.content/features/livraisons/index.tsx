import { mountShadowUi } from '../../../../components/mount-shadow-ui';
import { askBackground } from '../../../../utils/client';
import type { FeatureDefinition } from '../../../../utils/features';
import { CONSOLE_SELECTORS, consoleViewOf } from '../../../../utils/hosts/console/page';
import { schoolSubscriptions } from '../../../../utils/hosts/school-subscriptions';
import { t } from '../../../../utils/i18n';
import { DeliveriesPanel, type DeliveryPorts } from './DeliveriesPanel';

/** « Livraisons des commandes », under the console's dashboard: did every order arrive as ordered? */
export const livraisons: FeatureDefinition = {
  id: 'livraisons',
  anchors: () => ['view'],
  label: 'featureLivraisons',
  include: [(url) => consoleViewOf(url) === 'tableau-de-bord'],
  async init(context) {
    const { content, signal, observe } = context;
    const { uai, subscriptions } = await schoolSubscriptions(context);
    const ports: DeliveryPorts = {
      uai,
      subscriptions: async () => subscriptions,
      orders: () => askBackground('orders.list', { uai }),
      school: () => askBackground('school.get', { uai }),
      decide: (orderId, idAbonnement) => askBackground('school.match', { uai, orderId, idAbonnement }),
      openOptions: (section) => void askBackground('options.open', { section }),
    };
    observe(CONSOLE_SELECTORS.view, (view) => {
      void mountShadowUi(
        content,
        {
          name: 'cg-livraisons',
          label: t('deliveryTitle'),
          anchor: view,
          append: 'after',
          position: 'inline',
          signal,
          onError: context.fail,
        },
        () => <DeliveriesPanel ports={ports} />,
      );
    });
  },
};
