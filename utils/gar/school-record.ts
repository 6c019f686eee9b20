import * as z from 'zod/mini';
import { profilSchema } from './abonnement';
import { countSchema, recordIdSchema, timestampSchema, uaiSchema } from './record-fields';

/**
 * What the extension keeps about one school between visits: the counts of its population at the
 * last ENT synchronisation check (counts and codes only), and what the RA expects it to hold.
 */
const countMapSchema = z.record(z.string().check(z.maxLength(100)), countSchema);
export const syncCheckSchema = z.object({
  checkedAt: timestampSchema,
  counts: z.object({
    profils: z.record(profilSchema, countSchema),
    divisions: countMapSchema,
    groupes: countMapSchema,
    niveaux: countMapSchema,
  }),
});
export type SyncCheck = z.infer<typeof syncCheckSchema>;

export const schoolExpectationsSchema = z.object({
  divisions: z.optional(z.int().check(z.minimum(1), z.maximum(500))),
  elevesParNiveau: z.optional(
    z.record(
      z.string().check(z.minLength(1), z.maxLength(100)),
      z.int().check(z.minimum(1), z.maximum(5000)),
    ),
  ),
});

export const schoolRecordSchema = z.object({
  uai: uaiSchema,
  synchronisation: z.optional(syncCheckSchema),
  attentes: z.optional(schoolExpectationsSchema),
  /**
   * The RA's answers on uncertain order ↔ subscription matches: order id → the subscription that
   * delivers it, or null for « pas livré ». Ids only.
   */
  appariements: z.optional(
    z.record(recordIdSchema, z.nullable(z.string().check(z.minLength(1), z.maxLength(45)))),
  ),
  /** When the statistics were last captured, per source: the automatic capture runs once a day. */
  capturesStatistiques: z.optional(
    z.object({ portail: z.optional(timestampSchema), console: z.optional(timestampSchema) }),
  ),
});
export type SchoolRecord = z.infer<typeof schoolRecordSchema>;
