import * as z from 'zod/mini';
import { settingsSchema } from '../gar/settings';

export const SETTINGS_KEY = 'settings';

/** A row of the key-value `settings` store; only the `settings` key is in use. */
export const settingRecordSchema = z.object({ key: z.literal(SETTINGS_KEY), value: settingsSchema });
export type SettingRecord = z.infer<typeof settingRecordSchema>;
