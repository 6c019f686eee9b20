import * as z from 'zod/mini';
import { t } from '../i18n';
import { licenceCountSchema } from './abonnement';
import { countSchema, recordIdSchema, timestampSchema, uaiSchema } from './record-fields';
import { counterBucketSchema } from './school';
import { monthSchema } from './usage-row';
import { USAGE_SOURCES } from './usage-stats';

// Usage history (issue 8): one record per school and month, counts only, no names (personal data
// minimisation). The `snapshots` store keeps them; utils/gar/usage-stats.ts merges and reads them.

export const usageFactSchema = z.object({
  idRessource: z.string().check(z.minLength(1), z.maxLength(255)),
  libelle: z.string().check(z.minLength(1), z.maxLength(255)),
  mois: monthSchema,
  profil: counterBucketSchema,
  acces: z.optional(countSchema),
  utilisateurs: z.optional(countSchema),
  licencesAchetees: z.optional(licenceCountSchema),
  licencesAffectees: z.optional(countSchema),
  licencesVuesLe: z.optional(timestampSchema),
  sources: z.array(z.enum(USAGE_SOURCES)).check(z.minLength(1)),
});

/** The id is `uai:mois`: one record per school and month, rewritten by each merge. */
export function usageMonthId(uai: string, mois: string): string {
  return `${uai}:${mois}`;
}

const usageMonthEnvelope = {
  id: recordIdSchema,
  uai: uaiSchema,
  mois: monthSchema,
  /** When a capture or an import last changed this month. */
  majLe: timestampSchema,
  /** The seal of the month (id, school, month, facts) when it was validated and written (seal.ts). */
  sceau: z.optional(z.string().check(z.regex(/^[0-9a-z]{1,12}$/))),
};

/** A month's id names its school and month. */
const idMatchesMonth = z.refine<{ id: string; uai: string; mois: string }>(
  (record) => record.id === usageMonthId(record.uai, record.mois),
  {
    error: () => t('usageMonthIdMismatch'),
    path: ['id'],
  },
);

/** Every fact of a month falls in that month. */
const linesInMonth = z.refine<{ mois: string; lignes: readonly unknown[] }>(
  (record) => record.lignes.every((ligne) => (ligne as { mois?: unknown } | null)?.mois === record.mois),
  { error: () => t('usageMonthLineOtherMonth'), path: ['lignes'] },
);

export const usageMonthSchema = z
  .object({ ...usageMonthEnvelope, lignes: z.array(usageFactSchema) })
  .check(idMatchesMonth, linesInMonth);
export type UsageMonth = z.infer<typeof usageMonthSchema>;

/**
 * A month's facts as a whole, not one by one: an array, whatever is in it. What is in it is checked
 * by the seal (on read) or apart (on write); walking 14,400 facts for nothing costs milliseconds.
 */
const someLines = z.custom<unknown[]>((value) => Array.isArray(value));

/** A month's envelope only: its facts are what was validated when the seal still matches them. */
export const sealedUsageMonthSchema = z.object({ ...usageMonthEnvelope, lignes: someLines });

/**
 * A month about to be written whose facts are validated apart, only those not already validated
 * (utils/store/usage-history.ts): its envelope and the rules that tie its facts to it.
 */
export const usageMonthFrameSchema = z
  .object({ ...usageMonthEnvelope, lignes: someLines })
  .check(idMatchesMonth, linesInMonth);

/** Facts validated together (those a merge added or changed): one pass, one first problem. */
export const usageFactsSchema = z.array(usageFactSchema);
