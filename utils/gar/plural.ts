/**
 * French plural agreement, the one rule for every count the RA reads: 0 and 1 take the singular
 * (« 0 licence affectée », « 1 enseignant », « 2 enseignants »), never « licence(s) ».
 *
 * Every counted text lives in the catalogues as two keys, `…_one` and `…_other`, the count being
 * `$1`; `tn(count, 'key', …)` in utils/i18n.ts picks one with this rule (with English's in
 * English), in the domain and in the interface alike.
 */

export type PluralCategory = 'one' | 'other';

/** French: below 2 is singular, 0 included. */
export function frenchPluralCategory(count: number): PluralCategory {
  return Math.abs(count) < 2 ? 'one' : 'other';
}
