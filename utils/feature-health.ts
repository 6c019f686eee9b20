import * as z from 'zod/mini';
import { timestampSchema } from './gar/record-fields';
import { t } from './i18n';

// Feature health: the last run of each injected feature, for the popup's health report.

export const FEATURE_STATUSES = ['ok', 'echec', 'desactive', 'nonApplicable'] as const;

/** Origin and path only: a console URL's query string or hash may name pupils. */
export const pageUrlSchema = z.url().check(
  z.refine(
    (url) => {
      const parsed = new URL(url);
      return parsed.search === '' && parsed.hash === '' && !url.includes('?') && !url.includes('#');
    },
    { error: () => t('featureHealthUrlRefused') },
  ),
);

export const featureHealthSchema = z.object({
  featureId: z.string().check(z.minLength(1), z.maxLength(100)),
  status: z.enum(FEATURE_STATUSES),
  lastRunAt: timestampSchema,
  url: pageUrlSchema,
  error: z.optional(z.string()),
  unmatchedSelectors: z.array(z.string()),
});
export type FeatureHealth = z.infer<typeof featureHealthSchema>;
