import { describe, expect, it } from 'vitest';
import { byEndDate, expiryOf, expiryThresholdsOf } from '../../../utils/gar/expiry';
import { speak } from '../speak';

const thresholds = { soonDays: 30, laterDays: 90 };
const now = new Date('2026-11-28T10:00:00.000+01:00');
const started = '2026-09-01T00:00:00.000+02:00';

describe('expiryOf', () => {
  it('says "expire dans N j" within the first threshold', () => {
    const expiry = expiryOf(
      { debutValidite: started, finValidite: '2026-12-10T23:59:59.000+01:00' },
      now,
      thresholds,
    );
    expect([expiry.tone, expiry.label, expiry.daysLeft]).toEqual(['urgent', 'expire dans 12 j', 12]);
    expect(expiry.detail).toBe('Fin de validité : 10/12/2026 (finValidite)');
  });

  it('says today and tomorrow in words', () => {
    expect(
      expiryOf({ debutValidite: started, finValidite: '2026-11-28T23:59:59.000+01:00' }, now, thresholds)
        .label,
    ).toBe('expire aujourd’hui');
    expect(
      expiryOf({ debutValidite: started, finValidite: '2026-11-29T23:59:59.000+01:00' }, now, thresholds)
        .label,
    ).toBe('expire demain');
  });

  it('gives the date beyond the first threshold, with a tone for each band', () => {
    const near = expiryOf(
      { debutValidite: started, finValidite: '2027-01-31T23:59:59.000+01:00' },
      now,
      thresholds,
    );
    expect([near.tone, near.label]).toEqual(['proche', 'expire le 31/01/2027']);
    const far = expiryOf({ debutValidite: started, anneeFinValidite: '2026-2027' }, now, thresholds);
    expect([far.tone, far.label]).toEqual(['lointain', 'expire le 31/08/2027']);
    expect(far.detail).toBe('Fin de validité : 31/08/2027 (anneeFinValidite 2026-2027)');
  });

  it('says how long ago a subscription expired', () => {
    const expiry = expiryOf(
      { debutValidite: '2025-09-01T00:00:00.000+02:00', finValidite: '2026-11-25T23:59:59.000+01:00' },
      now,
      thresholds,
    );
    expect([expiry.tone, expiry.label]).toEqual(['expire', 'expiré depuis 3 j']);
  });

  it('says when a subscription has not started, and flags disagreeing end fields', () => {
    expect(
      expiryOf(
        { debutValidite: '2027-01-01T00:00:00.000+01:00', anneeFinValidite: '2026-2027' },
        now,
        thresholds,
      ).label,
    ).toBe('pas encore actif');
    const both = expiryOf(
      { debutValidite: started, finValidite: '2027-06-30T23:59:59.000+02:00', anneeFinValidite: '2026-2027' },
      now,
      thresholds,
    );
    expect(both.detail).toContain('attention : anneeFinValidite (2026-2027) indique une autre fin');
  });

  it('follows the thresholds from the settings', () => {
    const end = { debutValidite: started, finValidite: '2027-01-31T23:59:59.000+01:00' };
    expect(expiryOf(end, now, { soonDays: 90, laterDays: 180 }).tone).toBe('urgent');
    expect(expiryThresholdsOf({ expiringSoonDays: 90, expiringLaterDays: 180 })).toEqual({
      soonDays: 90,
      laterDays: 180,
    });
  });

  it('sorts by end date, soonest first', () => {
    const items = [
      '2027-08-31T23:59:59.000+02:00',
      '2026-12-03T23:59:59.000+01:00',
      '2026-11-20T23:59:59.000+01:00',
    ].map((finValidite) => ({
      finValidite,
      expiry: expiryOf({ debutValidite: '2025-09-01T00:00:00.000+02:00', finValidite }, now, thresholds),
    }));
    expect(items.sort(byEndDate).map((item) => item.finValidite.slice(0, 10))).toEqual([
      '2026-11-20',
      '2026-12-03',
      '2027-08-31',
    ]);
  });
});

describe('expiryOf without an end date', () => {
  it('says "illimité" and explains it in the tooltip', () => {
    const expiry = expiryOf(
      { debutValidite: '2026-09-01T00:00:00.000+02:00' },
      new Date('2026-11-28T10:00:00.000+01:00'),
      {
        soonDays: 30,
        laterDays: 90,
      },
    );
    expect([expiry.tone, expiry.label, expiry.detail]).toEqual([
      'sansFin',
      'illimité',
      'Aucune date de fin : abonnement sans limite de durée.',
    ]);
  });
});

describe('expiryOf in English', () => {
  it('says the end in the English catalogue’s words, agreeing with the count', () => {
    speak('en');
    const ended = (finValidite: string) => expiryOf({ debutValidite: started, finValidite }, now, thresholds);
    expect(ended('2026-12-10T23:59:59.000+01:00').label).toBe('expires in 12 days');
    expect(ended('2026-11-27T23:59:59.000+01:00').label).toBe('expired 1 day ago');
    expect(ended('2026-11-20T23:59:59.000+01:00').label).toBe('expired 8 days ago');
    expect(ended('2026-12-10T23:59:59.000+01:00').detail).toBe('End of validity: 10/12/2026 (finValidite)');
  });
});
