/**
 * Where the fichier d'étalonnage lives: `browser.storage.local`, which content scripts read at
 * boot without waking the background (IndexedDB is the background's). It is validated on import
 * and again on every read, so a stored file that a later version no longer accepts falls back to
 * the built-in profile instead of breaking the helpers.
 */
import { browser } from 'wxt/browser';
import { parseBoundedJson } from './gar/json-bounds';
import { parseWith } from './gar/parse';
import { applyCalibration } from './hosts/profile/active';
import { CALIBRATION_LIMITS, type Calibration, calibrationSchema } from './hosts/profile/schema';
import { t } from './i18n';

const STORAGE_KEY = 'etalonnage';

const FILE_PROBLEMS = {
  tooLarge: 'calibrationFileTooLarge',
  tooDeep: 'calibrationFileTooDeep',
  notJson: 'calibrationFileNotJson',
} as const;

export type CalibrationReading = { ok: true; calibration: Calibration } | { ok: false; problem: string };

/** A calibration file's text, checked: the refusal names the faulty field (`console.ancres.view[0].css`). */
export function readCalibrationFile(text: string): CalibrationReading {
  const json = parseBoundedJson(text, CALIBRATION_LIMITS);
  if (!json.ok) return { ok: false, problem: t(FILE_PROBLEMS[json.problem]) };
  const parsed = parseWith(calibrationSchema, json.value);
  if (parsed.ok) return { ok: true, calibration: parsed.data };
  return {
    ok: false,
    problem: t('calibrationFileInvalidField', parsed.path || t('calibrationFileWhole'), parsed.message),
  };
}

/** The stored calibration, or null (none, or one that no longer passes validation). */
export async function storedCalibration(): Promise<Calibration | null> {
  const stored = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY];
  if (stored === undefined) return null;
  const parsed = parseWith(calibrationSchema, stored);
  return parsed.ok ? parsed.data : null;
}

export async function storeCalibration(calibration: Calibration): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEY]: calibration });
}

/** Back to the built-in profile. */
export async function removeCalibration(): Promise<void> {
  await browser.storage.local.remove(STORAGE_KEY);
}

/** Applies the stored calibration to this page's adapters (content scripts, before their features start). */
export async function applyStoredCalibration(): Promise<void> {
  try {
    applyCalibration(await storedCalibration());
  } catch {
    // Storage unreadable: the built-in profile stands, the helpers report what they do not find.
    applyCalibration(null);
  }
}
