import * as z from 'zod/mini';
import { profilSchema } from './abonnement';

/** One licence of a subscription held by one person (an accédant). */
export const affectationSchema = z.object({
  idAbonnement: z.string().check(z.minLength(1)),
  uai: z.string().check(z.minLength(1)),
  personId: z.string().check(z.minLength(1)),
  profil: profilSchema,
  /** Still held by someone who left the school: recoverable, but counted until recovered. */
  verrouillee: z.boolean(),
});
export type Affectation = z.infer<typeof affectationSchema>;
