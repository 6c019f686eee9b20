/**
 * French plural agreement, the one rule for every count the RA reads: 0 and 1 take the singular
 * (« 0 licence affectée », « 1 enseignant », « 2 enseignants »), never « licence(s) ».
 *
 * How to use it — one way everywhere:
 * - domain texts (utils/gar, utils/bulk: journal summaries, sync defects) pass both forms:
 *   `countOf(n, 'élève', 'élèves')`;
 * - interface texts live in the catalogues as two keys, `…_one` and `…_other`, the count being `$1`;
 *   `tn(count, 'key', …)` in utils/i18n.ts picks one with this rule (with English's in English).
 * Pure: usable from the domain and from the interface alike.
 */

export type PluralCategory = 'one' | 'other';

/** French: below 2 is singular, 0 included. */
export function frenchPluralCategory(count: number): PluralCategory {
  return Math.abs(count) < 2 ? 'one' : 'other';
}

/** The form agreeing with the count: `plural(1, 'abonnement', 'abonnements')` is « abonnement ». */
export function plural(count: number, one: string, other: string): string {
  return frenchPluralCategory(count) === 'one' ? one : other;
}

/** The count followed by the agreeing form: « 1 élève », « 27 élèves ». */
export function countOf(count: number, one: string, other: string): string {
  return `${count} ${plural(count, one, other)}`;
}
