import { describe, expect, it } from 'vitest';
import { packedUsageSchema, packUsage, type UsageRow, unpackUsage } from '../../../utils/gar/usage-row';

const ROWS: UsageRow[] = [
  {
    idRessource: 'ark:/1/maths',
    libelleRessource: 'Maths 6e',
    mois: '2026-09',
    profil: 'ELEVE',
    acces: 120,
    utilisateurs: 30,
  },
  {
    idRessource: 'ark:/1/maths',
    libelleRessource: 'Maths 6e',
    mois: '2026-09',
    profil: 'ENSEIGNANT',
    acces: 12,
    utilisateurs: 3,
  },
  {
    idRessource: 'ark:/2/atlas',
    libelleRessource: 'Atlas',
    mois: '2026-10',
    profil: 'AUTRE PERSONNEL',
    acces: 0,
    utilisateurs: 0,
  },
  // The same resource under another title (the portail renamed it): both titles are kept.
  {
    idRessource: 'ark:/1/maths',
    libelleRessource: 'Mathématiques 6e',
    mois: '2026-10',
    profil: 'DOCUMENTALISTE',
    acces: 7,
    utilisateurs: 1,
  },
];

const issuePath = (value: unknown): string | undefined => {
  const result = packedUsageSchema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.path.join('.');
};

describe('usage rows packed for the capture message', () => {
  it('come back exactly as they were, in their order, each resource and month written once', () => {
    const packed = packUsage(ROWS);
    expect(packed.ressources).toEqual([
      ['ark:/1/maths', 'Maths 6e'],
      ['ark:/2/atlas', 'Atlas'],
      ['ark:/1/maths', 'Mathématiques 6e'],
    ]);
    expect(packed.mois).toEqual(['2026-09', '2026-10']);
    expect(packed.lignes).toHaveLength(ROWS.length * 5);
    expect(unpackUsage(packedUsageSchema.parse(packed))).toEqual(ROWS);
    // What crosses to the background is JSON: the packed rows survive it.
    expect(unpackUsage(packedUsageSchema.parse(JSON.parse(JSON.stringify(packed))))).toEqual(ROWS);
    expect(unpackUsage(packUsage([]))).toEqual([]);
  });

  it('are refused with the row and the field named, when a number is not a whole one or points nowhere', () => {
    const packed = packUsage(ROWS);
    const withNumber = (at: number, value: unknown) => ({
      ...packed,
      lignes: packed.lignes.map((number, index) => (index === at ? value : number)),
    });
    expect(issuePath(withNumber(3, -1))).toBe('lignes.0.acces');
    expect(issuePath(withNumber(9, 2.5))).toBe('lignes.1.utilisateurs');
    expect(issuePath(withNumber(10, 3))).toBe('lignes.2.ressource');
    expect(issuePath(withNumber(11, 2))).toBe('lignes.2.mois');
    expect(issuePath(withNumber(12, 4))).toBe('lignes.2.profil');
    expect(issuePath(withNumber(15, '0'))).toBe('lignes.3.ressource');
    expect(issuePath({ ...packed, lignes: packed.lignes.slice(0, -1) })).toBe('lignes');
    expect(issuePath({ ...packed, lignes: 'beaucoup' })).toBe('lignes');
    expect(issuePath({ ...packed, mois: ['2026-13'] })).toBe('mois.0');
  });

  it('are refused before being read when there are more than a school could ever have', () => {
    const many = { ressources: [['a', 'A']], mois: ['2026-09'], lignes: new Array(500_001 * 5).fill(0) };
    expect(issuePath(many)).toBe('lignes');
  });
});
