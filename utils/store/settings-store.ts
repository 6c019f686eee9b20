import { type Settings, type SettingsPatch, settingsPatchSchema, settingsSchema } from '../gar/settings';
import { SETTINGS_KEY } from './records';
import type { Db } from './repositories';
import { type IssueSink, validateForWrite, validateOnRead } from './validation';

/**
 * The RA's settings, one record. Apart from the other repositories so that the popup, whose first
 * screen is these and the seen subscriptions, loads nothing else with them.
 */

/** The settings, with defaults for whatever was never set (or was stored damaged). */
export async function getSettings(db: Db, onIssue?: IssueSink): Promise<Settings> {
  const raw = await db.get('settings', SETTINGS_KEY);
  return readSettingsValue(raw?.value, onIssue);
}

/** Merges a partial update into the settings in one transaction and returns the result. */
export async function updateSettings(db: Db, patch: SettingsPatch): Promise<Settings> {
  const validPatch = validateForWrite('settings', settingsPatchSchema, patch);
  const tx = db.transaction('settings', 'readwrite');
  const raw = await tx.store.get(SETTINGS_KEY);
  const merged = { ...readSettingsValue(raw?.value), ...definedOnly(validPatch) };
  const next = validateForWrite('settings', settingsSchema, merged);
  await Promise.all([tx.store.put({ key: SETTINGS_KEY, value: next }), tx.done]);
  return next;
}

function readSettingsValue(value: unknown, onIssue?: IssueSink): Settings {
  const stored = value === undefined ? {} : value;
  return (
    validateOnRead('settings', settingsSchema, SETTINGS_KEY, stored, onIssue) ?? settingsSchema.parse({})
  );
}

/** `{ notifications: undefined }` means "no change", not "reset": drop undefined fields before merging. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
