import { browser } from 'wxt/browser';
import type fr from '../public/_locales/fr/messages.json';
import { frenchPluralCategory, type PluralCategory } from './gar/plural';

/** A key of the French catalogue, the reference one: a typo is a type error. */
export type MessageKey = keyof typeof fr;

/**
 * Stand-ins for `$1`…`$9` (Private Use Area characters, which no message or value holds): each
 * message is asked of the browser once per number of substitutions with that many of them, then
 * filled in here. A row badge asks for a few messages per row, and a call to the browser's API
 * costs far more than a replace (npm run bench).
 */
const SLOTS = Array.from({ length: 9 }, (_, index) => String.fromCharCode(0xe001 + index));
const SLOT = /[\ue001-\ue009]/g;

/** Templates per `getMessage` function: a test that swaps the catalogue swaps the function. */
const templates = new WeakMap<object, Map<string, string>>();

/**
 * Every message of `keys` as a template holding all nine slots: one template serves any number
 * of substitutions, since slots left without a value are emptied, as the browser empties a
 * missing `$n`.
 */
export function messageTemplates(keys: readonly MessageKey[]): Record<string, string> {
  return Object.fromEntries(keys.map((key) => [key, browser.i18n.getMessage(key, SLOTS)]));
}

/** Templates received whole (see utils/content-boot.ts), read before asking the browser. */
let givenTemplates: Readonly<Record<string, string>> | undefined;

/** From now on, the messages `templates` holds are read from it instead of the browser. */
export function adoptMessageTemplates(templates: Readonly<Record<string, string>>): void {
  givenTemplates = templates;
}

function templateOf(key: MessageKey, count: number): string {
  const given = givenTemplates?.[key];
  if (given !== undefined) return given;
  const getMessage = browser.i18n.getMessage;
  let known = templates.get(getMessage);
  if (!known) {
    known = new Map();
    templates.set(getMessage, known);
  }
  const slotted = `${key}/${count}`;
  let template = known.get(slotted);
  if (template === undefined) {
    template = getMessage(key, SLOTS.slice(0, count));
    known.set(slotted, template);
  }
  return template;
}

/** The user's language's string (French by default, English second). */
export function t(key: MessageKey, ...substitutions: string[]): string {
  const template = templateOf(key, Math.min(substitutions.length, SLOTS.length));
  if (template === '') return key;
  return template.replace(SLOT, (slot) => substitutions[slot.charCodeAt(0) - 0xe001] ?? '');
}

/** A counted text's base key: the catalogue holds both `base_one` and `base_other`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_one`
    ? `${Base}_other` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

/** English has only 1 in the singular (« 0 licences »). */
const englishPluralCategory = (count: number): PluralCategory => (count === 1 ? 'one' : 'other');

/**
 * A counted text, agreeing with its count (see utils/gar/plural.ts): `key_one` or `key_other`,
 * with the count as `$1` and the other substitutions after it. The rule is the language of the
 * catalogue in use, which `pluralRule` names (« fr »: 0 and 1 singular; « en »: 1 only).
 */
export function tn(count: number, key: PluralKey, ...substitutions: string[]): string {
  return tnShown(count, String(count), key, ...substitutions);
}

/** `tn` with the count written as the screen writes it (« 1 200 », with French grouping). */
export function tnShown(count: number, shown: string, key: PluralKey, ...substitutions: string[]): string {
  const category = t('pluralRule') === 'en' ? englishPluralCategory(count) : frenchPluralCategory(count);
  return t(`${key}_${category}`, shown, ...substitutions);
}

/** The locale dates and numbers are written in: the catalogue's own (« fr-FR », « en-GB »). */
export function uiLocale(): string {
  const locale = t('intlLocale');
  return /^[a-z]{2}-[A-Z]{2}$/.test(locale) ? locale : 'fr-FR';
}

const numberFormats = new WeakMap<Intl.NumberFormatOptions, Map<string, Intl.NumberFormat>>();

/**
 * A formatter in the RA's language, built once per options object and language (building one
 * costs far more than formatting with it): pass a module-level options constant.
 */
export function cachedFormat<O extends object, F>(
  cache: WeakMap<O, Map<string, F>>,
  options: O,
  build: (locale: string, options: O) => F,
): F {
  const locale = uiLocale();
  const byLocale = cache.get(options) ?? new Map<string, F>();
  cache.set(options, byLocale);
  let format = byLocale.get(locale);
  if (!format) {
    format = build(locale, options);
    byLocale.set(locale, format);
  }
  return format;
}

const NO_OPTIONS: Intl.NumberFormatOptions = {};

/** A number formatter in the RA's language (« 1 200 » in French, « 1,200 » in English). */
export function numberFormat(options: Intl.NumberFormatOptions = NO_OPTIONS): Intl.NumberFormat {
  return cachedFormat(numberFormats, options, (locale, o) => new Intl.NumberFormat(locale, o));
}
