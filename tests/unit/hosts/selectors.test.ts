import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_SELECTOR_TABLE, CONSOLE_SELECTORS } from '../../../utils/hosts/console/page';
import { PORTAIL_SELECTOR_TABLE, PORTAIL_SELECTORS } from '../../../utils/hosts/portail/page';
import type { HostSelector, SavedPage } from '../../../utils/hosts/selectors';

// Every host selector on the saved pages its table names, with the count written next to it
// (utils/hosts/selectors.ts): when a GAR page changes, the failing line names the hook.

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const pages = new Map<string, Document>();

function savedPage(name: SavedPage): Document {
  let page = pages.get(name);
  if (!page) {
    const html = readFileSync(resolve(FIXTURES, `${name}.html`), 'utf8');
    page = new DOMParser().parseFromString(html, 'text/html');
    pages.set(name, page);
  }
  return page;
}

const TABLES: ReadonlyArray<readonly [string, Readonly<Record<string, HostSelector>>]> = [
  ['console', CONSOLE_SELECTOR_TABLE],
  ['portail', PORTAIL_SELECTOR_TABLE],
];

for (const [host, table] of TABLES) {
  describe(`the ${host}'s selectors on the saved pages`, () => {
    for (const [name, { css, expect: counts }] of Object.entries(table)) {
      const entries = Object.entries(counts) as Array<[SavedPage, number]>;
      for (const [page, count] of entries) {
        it(`${name} finds ${count} element(s) on ${page}`, () => {
          expect(savedPage(page).querySelectorAll(css)).toHaveLength(count);
        });
      }

      it(`${name} is checked on a page where it matches`, () => {
        expect(entries.some(([, count]) => count > 0)).toBe(true);
      });
    }
  });
}

describe('the saved pages', () => {
  it('are each used by some selector, and every page a selector names is saved', () => {
    const named = new Set(
      TABLES.flatMap(([, table]) => Object.values(table).flatMap((s) => Object.keys(s.expect))),
    );
    const saved = readdirSync(FIXTURES)
      .filter((file) => file.endsWith('.html'))
      .map((file) => file.replace(/\.html$/, ''));
    expect([...named].sort()).toEqual([...saved].sort());
  });

  it('give the adapters the plain name → css maps of the tables', () => {
    expect(CONSOLE_SELECTORS.resourceRow).toBe(CONSOLE_SELECTOR_TABLE.resourceRow.css);
    expect(Object.keys(CONSOLE_SELECTORS)).toEqual(Object.keys(CONSOLE_SELECTOR_TABLE));
    expect(Object.keys(PORTAIL_SELECTORS)).toEqual(Object.keys(PORTAIL_SELECTOR_TABLE));
  });
});
