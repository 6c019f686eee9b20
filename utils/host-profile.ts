/**
 * Where the fichier d'étalonnage lives: `browser.storage.local`, which content scripts read at
 * boot without waking the background (IndexedDB is the background's). It is validated on import
 * and again on every read, so a stored file that a later version no longer accepts falls back to
 * the built-in profile, and says so, instead of breaking the helpers.
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
  return checkCalibration(json.value);
}

function checkCalibration(value: unknown): CalibrationReading {
  const parsed = parseWith(calibrationSchema, value);
  if (parsed.ok) return { ok: true, calibration: parsed.data };
  return {
    ok: false,
    problem: t('calibrationFileInvalidField', parsed.path || t('calibrationFileWhole'), parsed.message),
  };
}

/**
 * The stored calibration, checked again: none, one in use, or one this version refuses (then the
 * built-in profile stands and the RA is told why, in the bar and here in the options page).
 */
export type StoredCalibration =
  | { readonly state: 'none' }
  | { readonly state: 'applied'; readonly calibration: Calibration }
  | { readonly state: 'refused'; readonly problem: string };

export async function readStoredCalibration(): Promise<StoredCalibration> {
  const stored = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY];
  if (stored === undefined) return { state: 'none' };
  const reading = checkCalibration(stored);
  return reading.ok
    ? { state: 'applied', calibration: reading.calibration }
    : { state: 'refused', problem: reading.problem };
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
    const stored = await readStoredCalibration();
    if (stored.state === 'refused') applyCalibration(null, stored.problem);
    else applyCalibration(stored.state === 'applied' ? stored.calibration : null);
  } catch {
    // Storage unreadable: the built-in profile stands, the helpers report what they do not find.
    applyCalibration(null);
  }
}
