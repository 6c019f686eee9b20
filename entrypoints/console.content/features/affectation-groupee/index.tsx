import { signal } from '@preact/signals';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountShadowUi } from '../../../../components/mount-shadow-ui';
import type { JournalService } from '../../../../utils/bulk/operation';
import { askBackground, settingsOnce } from '../../../../utils/client';
import type { FeatureDefinition } from '../../../../utils/features';
import { expiryThresholdsOf } from '../../../../utils/gar/expiry';
import { createConsoleClient } from '../../../../utils/hosts/console/api';
import { CONSOLE_SELECTORS, consoleSelectionOf, consoleViewOf } from '../../../../utils/hosts/console/page';
import { pageFetch, schoolSubscriptions } from '../../../../utils/hosts/school-subscriptions';
import { t } from '../../../../utils/i18n';
import { connectPresence } from '../../../../utils/presence';
import { BulkDialog, BulkLauncher } from './BulkPanel';
import { type BulkState, createBulkState, type Step } from './state';

/**
 * What outlives a page run in this tab: the dialog the RA has open and the operations this tab is
 * writing. A job's progress must survive a click on the console's tabs or the back button — the
 * dialog is modal, but the browser's own buttons are not — and a job must never write out of sight.
 */
const shown = signal<BulkState | null>(null);
const runningHere = signal<ReadonlySet<string>>(new Set());
let dialogMounted = false;

/**
 * This tab runs `id` now, or no longer: the background's lease follows (utils/presence.ts), so that
 * no other tab offers to resume it, and a reconnection after a worker restart claims it back.
 */
function setRunning(id: string, running: boolean): void {
  const next = new Set(runningHere.value);
  if (running) next.add(id);
  else next.delete(id);
  runningHere.value = next;
  connectPresence().holding([...next]);
}

/** Operations of the school a tab runs now: this one's, and those the background leases to another. */
async function runningIds(uai: string): Promise<ReadonlySet<string>> {
  const elsewhere = await askBackground('jobs.running', { uai });
  return new Set([...runningHere.value, ...elsewhere.ids]);
}

/**
 * How many of the school's latest operations settling an unanswered write looks through, for what
 * another one did since (utils/bulk/operation.ts): far more than a day's work.
 */
const SETTLING_HORIZON = 200;

/** The journal lives in the background's IndexedDB: a content script reaches it by messages. */
const journalByMessages: JournalService = {
  start: async (request) => {
    const entry = await askBackground('journal.start', request);
    setRunning(entry.id, true);
    return entry;
  },
  step: (id, step) => askBackground('journal.step', { id, step }),
  finish: async (id, outcome) => {
    try {
      return await askBackground('journal.finish', { id, ...outcome });
    } finally {
      setRunning(id, false);
    }
  },
  reopen: async (id) => {
    const entry = await askBackground('journal.reopen', { id });
    setRunning(id, true);
    return entry;
  },
  list: (uai) => askBackground('journal.list', { uai, limit: SETTLING_HORIZON }),
};

/** Recent operations of the school: enough to offer resumption and undo, not the whole journal. */
const JOURNAL_SHOWN = 20;

/** A dialog that stays when the RA leaves the view: writes are running, or their result is due. */
function outlivesView(step: Step): boolean {
  return step.kind === 'execution' || step.kind === 'resultat';
}

function KeptDialog() {
  const state = shown.value;
  // Unmounted while closed, so each opening starts with focus in the dialog.
  return state && state.step.value.kind !== 'ferme' ? <BulkDialog state={state} /> : null;
}

/**
 * The dialog's own host, once per tab, under <body> rather than in the view: the view's helpers
 * come and go with each navigation, the dialog goes only when the RA closes it. If the extension
 * is reloaded or removed, a running job is stopped: nobody would see it go on.
 */
function mountDialogOnce(content: ContentScriptContext, onError: (error: unknown) => void): void {
  if (dialogMounted) return;
  dialogMounted = true;
  content.signal.addEventListener('abort', () => {
    const step = shown.value?.step.value;
    if (step?.kind === 'execution') step.stop.abort();
  });
  void mountShadowUi(
    content,
    {
      name: 'cg-affectation-groupee-dialogue',
      label: t('bulkTitle'),
      anchor: 'body',
      append: 'last',
      position: 'inline',
      signal: content.signal,
      onError,
    },
    () => <KeptDialog />,
  );
}

/**
 * « Affectation groupée »: many subscriptions × many targets at once — checked against the
 * licences, previewed, journaled, resumable and undoable. Offered on every console view, with
 * the page's subscription, division or group already chosen.
 */
export const affectationGroupee: FeatureDefinition = {
  id: 'affectation-groupee',
  anchors: () => ['view'],
  label: 'featureAffectationGroupee',
  include: [(url) => consoleViewOf(url) !== null && consoleViewOf(url) !== 'connexion'],
  async init(context) {
    const { content, signal: runSignal, url, observe } = context;
    const settings = await settingsOnce(context);
    const state = createBulkState(
      {
        ports: {
          // The tab's signal, not the run's: a job goes on when the RA leaves the view (see `shown`).
          client: createConsoleClient(pageFetch(content.signal), url.origin),
          journal: journalByMessages,
          now: () => new Date(),
        },
        loadSchool: () => schoolSubscriptions(context),
        listJournal: (uai) => askBackground('journal.list', { uai, limit: JOURNAL_SHOWN }),
        thresholds: expiryThresholdsOf(settings),
        saveTemplate: (template) => askBackground('templates.save', template),
        listTemplates: () => askBackground('templates.list', {}),
        saveConformity: (record) => askBackground('conformity.save', record),
        runningIds,
      },
      consoleSelectionOf(url),
    );
    const show = (): void => {
      shown.value = state;
    };
    // Mounted before the school's subscriptions and journal are read: the launcher and the dialog's
    // (empty) host land in the frame that shows the view, instead of making the browser lay out and
    // paint the whole view again a frame later (npm run bench, « console »). The operations to
    // resume appear in the launcher once the journal is read.
    observe(CONSOLE_SELECTORS.view, (view) => {
      void mountShadowUi(
        content,
        {
          name: 'cg-affectation-groupee',
          label: t('bulkTitle'),
          anchor: view,
          append: 'before',
          position: 'inline',
          signal: runSignal,
          onError: context.fail,
        },
        () => <BulkLauncher state={state} onShow={show} runningHere={runningHere} />,
      );
    });
    mountDialogOnce(content, context.fail);
    const { uai } = await schoolSubscriptions(context);
    await state.refreshJournal(uai);
    // The previous view's choices go with it; a running job and its result stay on screen.
    runSignal.addEventListener('abort', () => {
      if (shown.value === state && !outlivesView(state.step.value)) {
        state.close();
        shown.value = null;
      }
    });
    // When a job of this tab ends, the launcher's list of interrupted operations is read again.
    let running = runningHere.value.size;
    const stopWatching = runningHere.subscribe((ids) => {
      if (ids.size < running) void state.refreshJournal(uai).catch(() => undefined);
      running = ids.size;
    });
    runSignal.addEventListener('abort', stopWatching);
    // Another tab's job ended or its tab closed: what it left may now be offered here.
    const stopListening = connectPresence().onLeasesChanged((changed) => {
      if (changed === uai) void state.refreshJournal(uai).catch(() => undefined);
    });
    runSignal.addEventListener('abort', stopListening);
  },
};
