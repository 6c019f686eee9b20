import { describe, expect, it } from 'vitest';
import { countOf, frenchPluralCategory, plural } from '../../../utils/gar/plural';

describe('French plural agreement', () => {
  it('takes the singular for 0 and 1, the plural from 2', () => {
    expect([0, 1, 2, 3, 100].map(frenchPluralCategory)).toEqual(['one', 'one', 'other', 'other', 'other']);
    expect(plural(0, 'abonnement', 'abonnements')).toBe('abonnement');
    expect(plural(2, 'a', 'ont')).toBe('ont');
  });

  it('writes the count before its agreeing word', () => {
    expect(countOf(0, 'licence affectée', 'licences affectées')).toBe('0 licence affectée');
    expect(countOf(1, 'enseignant', 'enseignants')).toBe('1 enseignant');
    expect(countOf(27, 'élève', 'élèves')).toBe('27 élèves');
  });
});
