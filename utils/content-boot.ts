import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { askBackground } from './client';
import { type FeatureDefinition, startFeatureManager } from './features';

/** What every content script does: run its features, with the RA's switches and the health report. */
export function bootFeatures(
  content: ContentScriptContext,
  features: ReadonlyArray<FeatureDefinition>,
): void {
  startFeatureManager({
    features,
    content,
    loadDisabled: async () => new Set((await askBackground('settings.get', {})).disabledFeatures),
    report: (health) => askBackground('health.report', health),
  });
}
