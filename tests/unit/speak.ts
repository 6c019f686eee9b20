import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { vi } from 'vitest';
import { browser } from 'wxt/browser';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

const catalogues = new Map<string, Catalogue>();

export function catalogue(lang: 'fr' | 'en'): Catalogue {
  let messages = catalogues.get(lang);
  if (!messages) {
    messages = JSON.parse(
      readFileSync(resolve(import.meta.dirname, `../../public/_locales/${lang}/messages.json`), 'utf8'),
    ) as Catalogue;
    catalogues.set(lang, messages);
  }
  return messages;
}

/**
 * chrome.i18n.getMessage on a real catalogue: named placeholders, then `$1`… substitutions.
 * Every unit test speaks French (tests/unit/setup.ts), as the RA's browser does; a test of the
 * English catalogue calls `speak('en')`.
 */
export function speak(lang: 'fr' | 'en'): void {
  const messages = catalogue(lang);
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((
    key: string,
    substitutions?: string | string[],
  ) => {
    const entry = messages[key];
    if (!entry) return '';
    const values = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
    const withPlaceholders = entry.message.replace(/\$(\w+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (__, n: string) => values[Number(n) - 1] ?? '');
    });
    return withPlaceholders.replace(/\$(\d)/g, (__, n: string) => values[Number(n) - 1] ?? '');
  }) as typeof browser.i18n.getMessage);
}
