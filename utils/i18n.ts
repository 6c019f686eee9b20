import { browser } from 'wxt/browser';
import type fr from '../public/_locales/fr/messages.json';

/** A key of the French catalogue, the reference one: a typo is a type error. */
export type MessageKey = keyof typeof fr;

/** The user's language's string (French by default, English second). */
export function t(key: MessageKey, ...substitutions: string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
