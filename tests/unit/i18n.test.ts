import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { formatCalendarDayLong } from '../../utils/gar/paris-time';
import { type MessageKey, numberFormat, t, tn, uiLocale } from '../../utils/i18n';
import { catalogue } from '../support/catalogue';
import { speak } from './speak';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('tn — counted texts', () => {
  it('agrees in French: 0 and 1 singular', () => {
    speak('fr');
    expect([0, 1, 2].map((n) => tn(n, 'bulkLicencesAssigned'))).toEqual([
      '0 licence affectée',
      '1 licence affectée',
      '2 licences affectées',
    ]);
    expect(tn(1, 'bulkCountTeachers')).toBe('1 enseignant');
    expect(tn(2, 'bulkCountTeachers')).toBe('2 enseignants');
  });

  it('passes the other substitutions after the count', () => {
    speak('fr');
    expect(tn(3, 'bulkProgressSubscriptions', '4')).toBe('3 abonnements sur 4 traités');
    expect(tn(31, 'bulkCapLine', 'Maths 5e', '30', 'élèves')).toBe(
      '« Maths 5e » : 31 licences prévues pour un plafond de 30 (élèves).',
    );
  });

  it('agrees in English by the English rule: only 1 is singular', () => {
    speak('en');
    expect([0, 1, 2].map((n) => tn(n, 'bulkLicencesAssigned'))).toEqual([
      '0 licences assigned',
      '1 licence assigned',
      '2 licences assigned',
    ]);
  });
});

describe('the catalogues', () => {
  const fr = catalogue('fr');
  const en = catalogue('en');

  it('hold the same keys in French and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it('have both forms of every counted text, the count as $1 in each', () => {
    for (const lang of [fr, en]) {
      for (const key of Object.keys(lang).filter((k) => /_(one|other)$/.test(k))) {
        const base = key.replace(/_(one|other)$/, '');
        expect(lang[`${base}_one`], `${base}_one`).toBeDefined();
        expect(lang[`${base}_other`], `${base}_other`).toBeDefined();
        if (key.endsWith('_other')) expect(lang[key]?.placeholders?.p1?.content, key).toBe('$1');
      }
    }
  });

  it('never write « (s) » anywhere in French: counts agree instead', () => {
    speak('fr');
    const keys = Object.keys(fr) as MessageKey[];
    expect(keys.length).toBeGreaterThan(500);
    expect(keys.filter((key) => /\((s|e|es|nt)\)/.test(t(key)))).toEqual([]);
  });
});

describe('dates and numbers in the RA’s language', () => {
  it('writes them the French way in French, the English way in English', () => {
    speak('fr');
    expect(formatCalendarDayLong('2026-09-03')).toBe('3 septembre 2026');
    expect(numberFormat().format(1200)).toBe('1\u202f200');
    speak('en');
    expect(formatCalendarDayLong('2026-09-03')).toBe('3 September 2026');
    expect(numberFormat().format(1200)).toBe('1,200');
    expect(uiLocale()).toBe('en-GB');
  });
});

describe('t — the browser asked once per message', () => {
  it('fills the substitutions itself, for any number of them, with the browser’s result', () => {
    speak('fr');
    const getMessage = vi.mocked(browser.i18n.getMessage);
    const first = t('endBadgesFreeLicences', 'élèves', '12');
    const second = t('endBadgesFreeLicences', 'enseignants', '3');
    expect([first, second]).toEqual(['élèves : 12', 'enseignants : 3']);
    expect(t('endBadgesFreeLicences', 'élèves')).toBe('élèves : ');
    expect(t('endBadgesFreeLicences', 'a$1b', '$$')).toBe('a$1b : $$');
    const asked = getMessage.mock.calls.filter(([key]) => key === 'endBadgesFreeLicences');
    expect(asked).toHaveLength(2);
  });

  it('reads a catalogue swapped by the browser afresh', () => {
    speak('fr');
    expect(t('bulkCountTeachers_other', '2')).toBe('2 enseignants');
    speak('en');
    expect(t('bulkCountTeachers_other', '2')).toBe('2 teachers');
  });

  it('returns the key of a message the catalogue lacks', () => {
    speak('fr');
    expect(t('cleInconnue' as MessageKey)).toBe('cleInconnue');
  });
});
