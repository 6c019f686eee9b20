import { describe, expect, it } from 'vitest';
import {
  daysLeft,
  effectiveEndDate,
  endOfSchoolYear,
  parisInstant,
  validityStatus,
} from '../../../utils/gar/validity';

const thresholds = { expiringDays: 30 };
const abonnement = (fields: { debutValidite?: string; finValidite?: string; anneeFinValidite?: string }) => ({
  debutValidite: '2025-09-01T00:00:00.000+02:00',
  ...fields,
});

describe('effective end date', () => {
  it('ends a school year on 31 August, 23:59:59.999 in Paris (summer time)', () => {
    expect(endOfSchoolYear('2025-2026').toISOString()).toBe('2026-08-31T21:59:59.999Z');
    expect(effectiveEndDate({ anneeFinValidite: '2025-2026' })).toEqual({
      date: new Date('2026-08-31T21:59:59.999Z'),
      source: 'anneeFinValidite',
      mismatch: false,
    });
  });

  it('prefers finValidite and flags a disagreement with anneeFinValidite', () => {
    const agreeing = effectiveEndDate({
      finValidite: '2026-08-31T00:00:00.000+02:00',
      anneeFinValidite: '2025-2026',
    });
    expect([agreeing?.source, agreeing?.mismatch]).toEqual(['finValidite', false]);
    const disagreeing = effectiveEndDate({
      finValidite: '2026-06-30T23:59:59.000+02:00',
      anneeFinValidite: '2025-2026',
    });
    expect(disagreeing?.date.toISOString()).toBe('2026-06-30T21:59:59.000Z');
    expect([disagreeing?.source, disagreeing?.mismatch]).toEqual(['finValidite', true]);
  });

  it('has no end when neither field is present', () => {
    expect(effectiveEndDate({})).toBeNull();
  });
});

describe('days left, in Paris calendar days', () => {
  it('counts 0 on the last day and negative afterwards', () => {
    const end = new Date('2026-12-10T23:00:00.000+01:00');
    expect(daysLeft(end, new Date('2026-12-10T08:00:00.000+01:00'))).toBe(0);
    expect(daysLeft(end, new Date('2026-11-28T09:00:00.000+01:00'))).toBe(12);
    expect(daysLeft(end, new Date('2026-12-13T09:00:00.000+01:00'))).toBe(-3);
  });

  it('uses the Paris date, not the UTC one, late in the evening', () => {
    // 00:30 in Paris on 28 March is still 27 March in UTC: the Paris date must win.
    const end = parisInstant(2027, 3, 31, 12);
    expect(daysLeft(end, parisInstant(2027, 3, 28, 0, 30))).toBe(3);
  });

  it('stays right across the spring change (last Sunday of March)', () => {
    // 28 March 2027: clocks go from 02:00 to 03:00; that day has 23 hours.
    const now = parisInstant(2027, 3, 27, 12);
    expect(daysLeft(parisInstant(2027, 3, 29, 0, 5), now)).toBe(2);
    expect(parisInstant(2027, 3, 28, 12).toISOString()).toBe('2027-03-28T10:00:00.000Z');
    expect(parisInstant(2027, 3, 27, 12).toISOString()).toBe('2027-03-27T11:00:00.000Z');
  });

  it('stays right across the autumn change (last Sunday of October)', () => {
    // 31 October 2027: clocks go from 03:00 back to 02:00; that day has 25 hours.
    const end = parisInstant(2027, 11, 1, 23, 30);
    expect(daysLeft(end, parisInstant(2027, 10, 30, 23, 45))).toBe(2);
    expect(daysLeft(end, parisInstant(2027, 10, 31, 0, 15))).toBe(1);
    expect(parisInstant(2027, 11, 1, 23, 30).toISOString()).toBe('2027-11-01T22:30:00.000Z');
  });
});

describe('validity status', () => {
  const now = new Date('2026-11-28T10:00:00.000+01:00');

  it('is "pas encore actif" before the start', () => {
    const status = validityStatus(
      abonnement({ debutValidite: '2027-01-01T00:00:00.000+01:00', anneeFinValidite: '2026-2027' }),
      now,
      thresholds,
    );
    expect(status.status).toBe('pasEncoreActif');
  });

  it('is "actif" with days left beyond the threshold', () => {
    const status = validityStatus(abonnement({ anneeFinValidite: '2026-2027' }), now, thresholds);
    expect([status.status, status.daysLeft]).toEqual(['actif', 276]);
  });

  it('is "expire bientôt" within the threshold, inclusive', () => {
    const end = '2026-12-28T23:59:59.000+01:00';
    expect(validityStatus(abonnement({ finValidite: end }), now, thresholds)).toMatchObject({
      status: 'expireBientot',
      daysLeft: 30,
    });
    expect(validityStatus(abonnement({ finValidite: end }), now, { expiringDays: 29 }).status).toBe('actif');
  });

  it('is "expiré" once the end has passed', () => {
    const status = validityStatus(
      abonnement({ finValidite: '2026-11-25T23:59:59.000+01:00' }),
      now,
      thresholds,
    );
    expect([status.status, status.daysLeft]).toEqual(['expire', -3]);
  });
});
