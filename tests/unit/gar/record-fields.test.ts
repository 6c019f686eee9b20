import { describe, expect, it } from 'vitest';
import { parseWith } from '../../../utils/gar/parse';
import { uaiSchema } from '../../../utils/gar/record-fields';
import { usageMonthSchema } from '../../../utils/gar/usage-month';
import { speak } from '../speak';

const month = { id: '0561622J:2025-09', uai: '0561622J', mois: '2025-09', majLe: '2025-10-01T08:00:00.000Z' };

describe('the records’ messages', () => {
  it('are French, zod’s own included', () => {
    expect(parseWith(uaiSchema, '056162J')).toEqual({
      ok: false,
      path: '',
      message: 'UAI invalide (7 chiffres et une lettre attendus)',
    });
    expect(parseWith(usageMonthSchema, { ...month, id: 'x', lignes: [] })).toMatchObject({
      path: 'id',
      message: 'Identifiant différent de « UAI:mois »',
    });
    expect(parseWith(uaiSchema, 42)).toMatchObject({ message: expect.stringMatching(/^Entrée invalide/) });
  });

  it('are English with an English catalogue, zod’s own included', () => {
    speak('en');
    expect(parseWith(uaiSchema, '056162J')).toMatchObject({
      message: 'Invalid UAI (7 digits and a letter expected)',
    });
    expect(parseWith(usageMonthSchema, { ...month, id: 'x', lignes: [] })).toMatchObject({
      message: 'Id other than “UAI:mois”',
    });
    expect(parseWith(uaiSchema, 42)).toMatchObject({ message: expect.stringMatching(/^Invalid input/) });
  });
});
