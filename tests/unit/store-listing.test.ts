import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * What the stores accept of the manifest's texts, in every locale the package ships: the Chrome
 * Web Store refuses a description over 132 characters, and addons.mozilla.org a name over 50.
 */
const LOCALES = ['fr', 'en'];
const LIMITS = { extName: 50, extDescription: 132 };

const catalogue = (locale: string): Record<string, { message: string }> =>
  JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'));

describe('the store listing texts of the manifest', () => {
  for (const locale of LOCALES) {
    for (const [key, limit] of Object.entries(LIMITS)) {
      it(`${locale}: ${key} fits the stores' ${limit} characters`, () => {
        const text = catalogue(locale)[key]?.message ?? '';
        expect(text.trim()).not.toBe('');
        // Characters as a person counts them (é is one), which is how the stores count.
        expect([...text].length).toBeLessThanOrEqual(limit);
      });
    }
  }
});

describe('the Firefox sources zip', () => {
  it('leaves out what git ignores: test screenshots, benchmark results, other builds', async () => {
    const { default: config } = await import('../../wxt.config');
    const excluded = config.zip?.excludeSources ?? [];
    for (const folder of ['test-results', 'playwright-report', 'bench-results', 'node_modules'])
      expect(excluded).toContain(`**/${folder}/**`);
    expect(excluded).toContain('**/.output*/**');
  });
});
