import { describe, expect, it } from 'vitest';
import { consoleFeatures } from '../../entrypoints/console.content/features';
import { portailFeatures } from '../../entrypoints/portail.content/features';
import { FEATURE_CATALOG } from '../../utils/feature-catalog';

describe('the feature catalog shown in the popup and the options page', () => {
  it('lists every helper of the content scripts once, with its label, in their order', () => {
    const fromScripts = new Map(
      [...consoleFeatures, ...portailFeatures].map((feature) => [feature.id, feature.label]),
    );
    expect([...FEATURE_CATALOG]).toEqual([...fromScripts]);
  });
});
