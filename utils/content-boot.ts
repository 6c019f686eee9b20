import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { askBackground, settingsOnce } from './client';
import { type FeatureDefinition, type ManagerOptions, startFeatureManager } from './features';

/** What every content script does: run its features, with the RA's switches and the health report. */
export function bootFeatures(
  content: ContentScriptContext,
  features: ReadonlyArray<FeatureDefinition>,
  hooks: Pick<ManagerOptions, 'watchContext' | 'prefetch' | 'settled'> = {},
): void {
  startFeatureManager({
    features,
    content,
    ...hooks,
    loadDisabled: async (context) => new Set((await settingsOnce(context)).disabledFeatures),
    report: (health) => askBackground('health.report', health),
  });
}
