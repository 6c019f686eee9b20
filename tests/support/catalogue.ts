import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Catalogue } from '../../utils/i18n-catalogue';

const catalogues = new Map<string, Catalogue>();

/** The extension's catalogue of a language, read once from public/_locales. */
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
