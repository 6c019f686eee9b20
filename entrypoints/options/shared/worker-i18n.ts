/// <reference lib="webworker" />
import { type Catalogue, catalogueMessage } from '../../../utils/i18n-catalogue';

/**
 * The file worker's stand-in for the extension API. Browsers give workers no `chrome.*`, yet the
 * readers it runs answer in the RA's language through utils/i18n.ts, and the `browser` object
 * behind it (webextension-polyfill) refuses to load without `chrome.runtime.id`. file-worker.ts
 * imports this module first, so the stand-in exists before any reader is loaded; its
 * `i18n.getMessage` reads the catalogue of the page's language (`useLanguage`), fetched from the
 * extension's own files.
 */

let messages: Catalogue = {};

const scope = globalThis as unknown as { chrome?: unknown };
scope.chrome ??= {
  // Any id: the polyfill only checks that it runs inside an extension.
  runtime: { id: 'file-worker' },
  i18n: {
    getMessage: (key: string, substitutions?: string | string[]) =>
      catalogueMessage(messages, key, substitutions),
  },
};

/** Loads the catalogue the page speaks (`t('pluralRule')` names it: « fr » or « en »). */
export async function useLanguage(language: string): Promise<void> {
  const response = await fetch(`/_locales/${language === 'en' ? 'en' : 'fr'}/messages.json`);
  messages = (await response.json()) as Catalogue;
}
