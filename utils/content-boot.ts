import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { askBackground } from './client';
import { type FeatureDefinition, type ManagerOptions, startFeatureManager } from './features';

/** What every content script does: run its features, with the RA's switches and the health report. */
export function bootFeatures(
  content: ContentScriptContext,
  features: ReadonlyArray<FeatureDefinition>,
  watchContext?: ManagerOptions['watchContext'],
): void {
  startFeatureManager({
    features,
    content,
    watchContext,
    loadDisabled: async () => new Set((await askBackground('settings.get', {})).disabledFeatures),
    report: (health) => askBackground('health.report', health),
  });
}
