import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { askBackground, holdRequestsUntil, settingsOnce } from './client';
import {
  type FeatureDefinition,
  type ManagerOptions,
  type PrefetchContext,
  startFeatureManager,
} from './features';
import { applyStoredCalibration } from './host-profile';
import { watchColumnAnchors } from './hosts/profile/anchors';
import { schoolSubscriptions } from './hosts/school-subscriptions';
import { adoptMessageTemplates } from './i18n';
import { connectPresence, type Presence } from './presence';

/**
 * What every content script does: announce its presence to the background, then run its
 * features, with the RA's switches and the health report.
 */
export function bootFeatures(
  content: ContentScriptContext,
  features: ReadonlyArray<FeatureDefinition>,
  hooks: Pick<ManagerOptions, 'watchContext' | 'prefetch' | 'settled'> = {},
): void {
  const presence = connectPresence(content);
  // A lost background still gets the request: it answers with its own refusal, never a hang.
  holdRequestsUntil(() => presence.ready().catch(() => undefined));
  const messages = receiveMessageTemplates();
  // The fichier d'étalonnage, if any, recalibrates the adapters before any helper reads the page.
  void applyStoredCalibration().then(() => {
    watchColumnAnchors(document, content.signal);
    startManager(content, features, hooks, presence, messages);
  });
}

/**
 * The messages of the browser's language, asked of the background in one reply, alongside the
 * settings. In a content script, the browser answers the first `i18n.getMessage` with a
 * synchronous trip to its own process, which reads the whole catalogue: 7 to 20 ms during which
 * the GAR page cannot run (npm run bench, « console, coût fixe »). Asked this way, the trip blocks
 * nothing. If it fails, each message is asked of the browser, as before.
 */
function receiveMessageTemplates(): Promise<void> {
  return askBackground('i18n.templates', {}).then(adoptMessageTemplates, () => undefined);
}

function startManager(
  content: ContentScriptContext,
  features: ReadonlyArray<FeatureDefinition>,
  hooks: Pick<ManagerOptions, 'watchContext' | 'prefetch' | 'settled'>,
  presence: Presence,
  messages: Promise<void>,
): void {
  startFeatureManager({
    features,
    content,
    ...hooks,
    prefetch: (context) => {
      hooks.prefetch?.(context);
      declareSchool(context, presence);
    },
    // The features start once the messages are there too: none asks the browser for its words.
    loadDisabled: async (context) => {
      const [settings] = await Promise.all([settingsOnce(context), messages]);
      return new Set(settings.disabledFeatures);
    },
    report: (health) => askBackground('health.report', health),
  });
}

/**
 * Each run (a navigation, a school switch) declares the school its features will name: the one
 * the page's session serves them (shared with them, so no extra request where they read it).
 * Declared before their own continuations run, and their requests wait for it (see client.ts).
 * No session (the login page): the previous declaration stands, and nothing scoped is asked.
 */
function declareSchool(context: PrefetchContext, presence: Presence): void {
  schoolSubscriptions(context).then(
    ({ uai }) => presence.setSchool(uai),
    () => undefined,
  );
}
