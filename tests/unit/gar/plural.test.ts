import { describe, expect, it } from 'vitest';
import { frenchPluralCategory } from '../../../utils/gar/plural';

describe('French plural agreement', () => {
  it('takes the singular for 0 and 1, the plural from 2', () => {
    expect([0, 1, 2, 3, 100].map(frenchPluralCategory)).toEqual(['one', 'one', 'other', 'other', 'other']);
  });
});
