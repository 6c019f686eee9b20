import { describe, expect, it } from 'vitest';
import { portailViewOf, statisticsRangeOf } from '../../../utils/hosts/portail/page';

const url = (path: string): URL => new URL(`https://portail.gar.education.fr${path}`);

describe('the portail pages', () => {
  it('tells its views apart by path', () => {
    expect(portailViewOf(url('/'))).toBe('abonnements');
    expect(portailViewOf(url('/statistiques?depuis=2025-09'))).toBe('statistiques');
    expect(portailViewOf(url('/connexion'))).toBe('connexion');
    expect(portailViewOf(url('/ailleurs'))).toBeNull();
    expect(portailViewOf(new URL('https://affectation.gar.education.fr/statistiques'))).toBeNull();
  });

  it('reads the months the statistics page shows from its address, ignoring what is not a month', () => {
    expect(statisticsRangeOf(url('/statistiques?depuis=2025-09&jusqua=2026-06'))).toEqual({
      depuis: '2025-09',
      jusqua: '2026-06',
    });
    expect(statisticsRangeOf(url('/statistiques?jusqua=2026-06'))).toEqual({ jusqua: '2026-06' });
    expect(statisticsRangeOf(url('/statistiques?depuis=2025-13&jusqua=juin'))).toEqual({});
    expect(statisticsRangeOf(url('/statistiques'))).toEqual({});
  });
});
