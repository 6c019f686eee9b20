import { mountShadowUi } from '../../../../components/mount-shadow-ui';
import { askBackground } from '../../../../utils/client';
import type { FeatureDefinition } from '../../../../utils/features';
import { createConsoleClient } from '../../../../utils/hosts/console/api';
import { CONSOLE_SELECTORS, consoleViewOf } from '../../../../utils/hosts/console/page';
import { pageFetch, schoolSubscriptions } from '../../../../utils/hosts/school-subscriptions';
import { t } from '../../../../utils/i18n';
import { SyncPanel, type SyncPorts } from './SyncPanel';

/** « Synchronisation ENT », under the console's dashboard: the rentrée check of accounts, classes and groups. */
export const verificationEnt: FeatureDefinition = {
  id: 'verification-ent',
  anchors: () => ['view'],
  label: 'featureVerificationEnt',
  include: [(url) => consoleViewOf(url) === 'tableau-de-bord'],
  async init(context) {
    const { content, signal, url, observe } = context;
    const { uai } = await schoolSubscriptions(context);
    const client = createConsoleClient(pageFetch(signal), url.origin);
    const ports: SyncPorts = {
      uai,
      population: () => client.population(uai),
      school: () => askBackground('school.get', { uai }),
      recordCheck: (synchronisation) => askBackground('school.syncChecked', { uai, synchronisation }),
      saveExpectations: (attentes) => askBackground('school.expectations', { uai, attentes }),
      now: () => new Date(),
    };
    observe(CONSOLE_SELECTORS.view, (view) => {
      void mountShadowUi(
        content,
        {
          name: 'cg-verification-ent',
          label: t('syncTitle'),
          anchor: view,
          append: 'after',
          position: 'inline',
          signal,
          onError: context.fail,
        },
        () => <SyncPanel ports={ports} />,
      );
    });
  },
};
