import { describe, expect, it } from 'vitest';
import { exceedsDepth, parseBoundedJson, utf8Length } from '../../../utils/gar/json-bounds';

const limits = { maxBytes: 1000, maxDepth: 4 };

describe('parseBoundedJson', () => {
  it('parses a file within bounds', () => {
    expect(parseBoundedJson('{"a":[1,{"b":"[[[[[[["}]}', limits)).toEqual({
      ok: true,
      value: { a: [1, { b: '[[[[[[[' }] },
    });
  });

  it('refuses a file nested deeper than the limit, before parsing it', () => {
    expect(parseBoundedJson(`${'['.repeat(5)}${']'.repeat(5)}`, limits)).toEqual({
      ok: false,
      problem: 'tooDeep',
    });
    // A million brackets: refused from the scan alone, without a stack overflow anywhere.
    expect(parseBoundedJson('['.repeat(1_000_000), { maxBytes: 2_000_000, maxDepth: 64 })).toEqual({
      ok: false,
      problem: 'tooDeep',
    });
  });

  it('counts brackets inside strings, escaped quotes included, as text', () => {
    expect(exceedsDepth('["\\"[[[[[[[[[[", {"x": "]]]]"}]', 3)).toBe(false);
  });

  it('refuses a file over the size limit in UTF-8 bytes, before parsing it', () => {
    const accents = `"${'é'.repeat(500)}"`;
    expect(accents.length).toBeLessThan(limits.maxBytes);
    expect(utf8Length(accents)).toBeGreaterThan(limits.maxBytes);
    expect(parseBoundedJson(accents, limits)).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('says when the text is no JSON', () => {
    expect(parseBoundedJson('{ pas du json', limits)).toEqual({ ok: false, problem: 'notJson' });
  });
});
