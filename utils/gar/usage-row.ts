import * as z from 'zod/mini';
import { t } from '../i18n';
import { profilSchema } from './abonnement';

/** A calendar month as GAR writes it: `2025-09`. */
export const monthSchema = z
  .string()
  .check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: () => t('usageRowMonthInvalid') }));

/**
 * One line of the portail's statistics (its JSON endpoint and its CSV export): a resource, a month
 * and a profile, with the accès and distinct users GAR counted. Apart from the statistics domain
 * so that the message protocol can check it without loading that domain everywhere.
 */
export const usageRowSchema = z.object({
  idRessource: z.string(),
  libelleRessource: z.string(),
  mois: monthSchema,
  profil: profilSchema,
  acces: z.int().check(z.nonnegative()),
  utilisateurs: z.int().check(z.nonnegative()),
});
export type UsageRow = z.infer<typeof usageRowSchema>;
