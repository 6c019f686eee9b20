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
  speakWith((key, substitutions) => catalogueMessage(messages, key, substitutions));
}

/** Messages as their keys: a test reads which message was chosen, not its words. */
export function speakKeys(): void {
  speakWith((key) => key);
}

/**
 * getMessage replaced by a new function each time: utils/i18n.ts keeps its templates per
 * function, so a catalogue swapped inside a test is never read from the previous one's.
 */
export function speakWith(getMessage: (key: string, substitutions?: string | string[]) => string): void {
  const current = browser.i18n.getMessage;
  if (vi.isMockFunction(current)) current.mockRestore();
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(getMessage as typeof browser.i18n.getMessage);
}
