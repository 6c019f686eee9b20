import * as z from 'zod/mini';

// Settings: one typed object; a missing field takes its default, so adding a setting needs no migration.

/** The fields without defaults: the shape of a partial update, where absent must stay absent. */
const settingsFields = {
  expiringSoonDays: z.int().check(z.minimum(1), z.maximum(365)),
  expiringLaterDays: z.int().check(z.minimum(1), z.maximum(730)),
  notifications: z.boolean(),
  journalRetentionDays: z.int().check(z.minimum(1), z.maximum(3650)),
  disabledFeatures: z.array(z.string().check(z.minLength(1))),
  /** Capture the statistics on each visit of the portail and the console, at most once a day. */
  statsAutoCapture: z.boolean(),
  statsRetentionMonths: z.int().check(z.minimum(12), z.maximum(240)),
  /** The « Compagnon GAR actif » bar folded to its mark on every GAR page. */
  barFolded: z.boolean(),
};

export const settingsSchema = z.object({
  expiringSoonDays: z._default(settingsFields.expiringSoonDays, 30),
  expiringLaterDays: z._default(settingsFields.expiringLaterDays, 90),
  notifications: z._default(settingsFields.notifications, true),
  journalRetentionDays: z._default(settingsFields.journalRetentionDays, 400),
  disabledFeatures: z._default(settingsFields.disabledFeatures, () => []),
  statsAutoCapture: z._default(settingsFields.statsAutoCapture, true),
  /** Five school years: enough to compare a resource with itself over a whole renewal cycle. */
  statsRetentionMonths: z._default(settingsFields.statsRetentionMonths, 60),
  barFolded: z._default(settingsFields.barFolded, false),
});
export type Settings = z.output<typeof settingsSchema>;

/**
 * A partial update. Not `settingsSchema.partial()`: zod 4 still applies the inner defaults there,
 * so `{ notifications: false }` would come out with every other field reset to its default.
 */
export const settingsPatchSchema = z.partial(z.object(settingsFields));
export type SettingsPatch = z.output<typeof settingsPatchSchema>;
