import { z } from 'zod';
import { profilSchema } from './abonnement';

/** One licence of a subscription held by one person (an accédant). */
export const affectationSchema = z.object({
  idAbonnement: z.string().min(1),
  uai: z.string().min(1),
  personId: z.string().min(1),
  profil: profilSchema,
  /** Still held by someone who left the school: recoverable, but counted until recovered. */
  verrouillee: z.boolean(),
});
export type Affectation = z.infer<typeof affectationSchema>;
