import { signal } from '@preact/signals';
import type { MessageKey } from './i18n';

/**
 * The helpers that could not work on the page in front of the RA (an element the page should show
 * never appeared, or the helper failed), as their names' catalogue keys. Written by the feature
 * manager for each run, read by the bar so the RA sees it where they are, not only in the popup.
 */
export const unavailableHere = signal<readonly MessageKey[]>([]);
