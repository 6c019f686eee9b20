import * as z from 'zod/mini';
import { t } from '../i18n';
import { licencesSchema, schoolYearSchema } from './abonnement';
import { recordIdSchema, timestampSchema, uaiSchema } from './record-fields';

// Expected orders: what the school bought, to check against what the console shows.

export const orderPeriodSchema = z.union([
  z.object({ schoolYear: schoolYearSchema }),
  z.object({ start: z.iso.date(), end: z.iso.date() }).check(
    z.refine((period) => period.start <= period.end, {
      error: () => t('expectedOrderEndBeforeStart'),
      path: ['end'],
    }),
  ),
]);
export type OrderPeriod = z.infer<typeof orderPeriodSchema>;

export const expectedOrderSchema = z.object({
  id: recordIdSchema,
  uai: uaiSchema,
  resourceTitle: z.string().check(z.minLength(1), z.maxLength(255)),
  ark: z.optional(z.string().check(z.minLength(1))),
  ean: z.optional(z.string().check(z.regex(/^\d{13}$/, { error: () => t('expectedOrderEanInvalid') }))),
  distributor: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
  /** Same global-or-per-profile shape as the subscription's licences, so they compare directly. */
  quantity: licencesSchema,
  period: orderPeriodSchema,
  /** The order or quote number, as the school's accountant knows it. */
  reference: z.optional(z.string().check(z.maxLength(100))),
  createdAt: timestampSchema,
});
export type ExpectedOrder = z.infer<typeof expectedOrderSchema>;
