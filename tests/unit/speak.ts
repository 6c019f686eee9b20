import { vi } from 'vitest';
import { browser } from 'wxt/browser';
import { catalogueMessage } from '../../utils/i18n-catalogue';
import { catalogue } from '../support/catalogue';

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
