import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { vi } from 'vitest';
import { browser } from 'wxt/browser';
import { type Catalogue, catalogueMessage } from '../../utils/i18n-catalogue';

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
 * chrome.i18n.getMessage on a real catalogue (utils/i18n-catalogue.ts).
 * Every unit test speaks French (tests/unit/setup.ts), as the RA's browser does; a test of the
 * English catalogue calls `speak('en')`.
 */
export function speak(lang: 'fr' | 'en'): void {
  const messages = catalogue(lang);
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, substitutions?: string | string[]) =>
    catalogueMessage(messages, key, substitutions)) as typeof browser.i18n.getMessage);
}
