import { describe, expect, it } from 'vitest';
import { formatPath } from '../../../utils/gar/parse';
import { timestampSchema } from '../../../utils/gar/record-fields';
import { settingsPatchSchema, settingsSchema } from '../../../utils/gar/settings';

describe('records', () => {
  it('parses a settings patch without filling in the defaults of absent fields', () => {
    expect(settingsPatchSchema.parse({ notifications: false })).toEqual({ notifications: false });
    expect(settingsSchema.parse({ notifications: false }).expiringSoonDays).toBe(30);
  });

  it('accepts only UTC timestamps with milliseconds, so string order is chronological', () => {
    expect(timestampSchema.safeParse(new Date().toISOString()).success).toBe(true);
    expect(timestampSchema.safeParse('2025-09-01T08:00:00+02:00').success).toBe(false);
  });

  it('formats zod paths as a developer would write them', () => {
    expect(formatPath(['stores', 'templates', 2, 'name'])).toBe('stores.templates[2].name');
    expect(formatPath(['counts', 'AUTRE PERSONNEL'])).toBe('counts["AUTRE PERSONNEL"]');
  });
});
