import * as z from 'zod/mini';
import { t } from '../i18n';

/**
 * The fields every record the RA keeps shares. Each record is validated on write and again on read
 * (utils/store), so a record damaged by an older version, a manual edit or a bad import never
 * reaches a feature. Custom messages come from the catalogue, read when a check fails (not when this module
 * loads, before the catalogue is there): they end up in import errors the user reads.
 */

/**
 * Our own timestamps, always written by `Date.prototype.toISOString()`: UTC with milliseconds.
 * A single shape makes string order equal chronological order, which the `byStartedAt` index and
 * the journal purge rely on.
 */
export const timestampSchema = z.iso.datetime({ precision: 3 });

/** A school's UAI: seven digits and a check letter (Corsica included: 620…/720…). */
export const uaiSchema = z
  .string()
  .check(z.regex(/^\d{7}[A-Z]$/, { error: () => t('recordFieldsUaiInvalid') }));

export const recordIdSchema = z.string().check(z.minLength(1), z.maxLength(100));

export const countSchema = z.int().check(z.nonnegative());

/** A fresh record id; extension pages and the worker are secure contexts, so this always exists. */
export function newRecordId(): string {
  return crypto.randomUUID();
}

/** A group, division, level or subject code as the console names it. */
export const codeSchema = z.string().check(z.minLength(1), z.maxLength(100));
