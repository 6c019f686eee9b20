import { BulkPanel } from '../../../components/bulk/BulkPanel';
import { createBulkState } from '../../../components/bulk/bulk-state';
import { mountShadowUi } from '../../../components/mount-shadow-ui';
import type { JournalService } from '../../../utils/bulk/operation';
import { askBackground, settingsOnce } from '../../../utils/client';
import type { FeatureDefinition } from '../../../utils/features';
import { createConsoleClient } from '../../../utils/hosts/console/api';
import { CONSOLE_SELECTORS, consoleSelectionOf, consoleViewOf } from '../../../utils/hosts/console/page';
import { schoolSubscriptions } from '../../../utils/hosts/school-subscriptions';
import { t } from '../../../utils/i18n';

/** The journal lives in the background's IndexedDB: a content script reaches it by messages. */
const journalByMessages: JournalService = {
  start: (request) => askBackground('journal.start', request),
  step: (id, step) => askBackground('journal.step', { id, step }),
  finish: (id, outcome) => askBackground('journal.finish', { id, ...outcome }),
  reopen: (id) => askBackground('journal.reopen', { id }),
};

/** Recent operations of the school: enough to offer resumption and undo, not the whole journal. */
const JOURNAL_SHOWN = 20;

/**
 * « Affectation groupée »: many subscriptions × many targets at once — checked against the
 * licences, previewed, journaled, resumable and undoable. Offered on every console view, with
 * the page's subscription, division or group already chosen.
 */
export const affectationGroupee: FeatureDefinition = {
  id: 'affectation-groupee',
  label: 'featureAffectationGroupee',
  include: [(url) => consoleViewOf(url) !== null && consoleViewOf(url) !== 'connexion'],
  async init(context) {
    const { content, signal, url, observe } = context;
    const fetchInPage = (input: string, init?: RequestInit): Promise<Response> => fetch(input, init);
    const settings = await settingsOnce(context);
    const state = createBulkState(
      {
        ports: {
          client: createConsoleClient(fetchInPage, url.origin),
          journal: journalByMessages,
          now: () => new Date(),
        },
        loadSchool: () => schoolSubscriptions(context),
        listJournal: (uai) => askBackground('journal.list', { uai, limit: JOURNAL_SHOWN }),
        thresholds: { soonDays: settings.expiringSoonDays, laterDays: settings.expiringLaterDays },
        saveTemplate: (template) => askBackground('templates.save', template),
        listTemplates: () => askBackground('templates.list', {}),
        saveConformity: (record) => askBackground('conformity.save', record),
      },
      consoleSelectionOf(url),
    );
    const { uai } = await schoolSubscriptions(context);
    await state.refreshJournal(uai);
    observe(CONSOLE_SELECTORS.view, (view) => {
      void mountShadowUi(
        content,
        {
          name: 'cg-affectation-groupee',
          label: t('bulkTitle'),
          anchor: view,
          append: 'before',
          position: 'inline',
          signal,
        },
        () => <BulkPanel state={state} />,
      );
    });
  },
};
