// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAbonnementsXml } from '../../../utils/gar/abonnement-xml';
import { mergePopulation, type Population, parsePopulationXml } from '../../../utils/gar/population';
import { generateSeed, type SeedFiles, type SeedProfile } from '../../sim/seed/generate';
import { loadSeed } from '../../sim/server/seed-loader';

const DATE = '2026-11-28';

function read(files: SeedFiles) {
  const population = mergePopulation(
    [...files].filter(([name]) => name.includes('GAR-ENT')).map(([, xml]) => parsePopulationXml(xml)),
  );
  const abonnements = parseAbonnementsXml(files.get('abonnements.xml') ?? '');
  const affectations = (files.get('affectations.csv') ?? '')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [uai, idAbonnement, personId, profil, locked] = line.split(';');
      return { uai, idAbonnement, personId, profil, locked: locked === '1' };
    });
  return { population, abonnements, affectations };
}

function counts(population: Population) {
  const divisions = population.groupes.filter((g) => g.statut === 'DIVISION');
  return {
    pupils: population.persons.filter((p) => p.kind === 'eleve').length,
    staff: population.persons.filter((p) => p.kind === 'enseignant').length,
    divisions: divisions.length,
    groups: population.groupes.length - divisions.length,
  };
}

/** Every way the generated affectations break GAR's rules, as readable lines (none expected). */
function licenceViolations({ abonnements, affectations }: ReturnType<typeof read>): string[] {
  const byId = new Map(abonnements.map((a) => [a.idAbonnement, a]));
  const violations: string[] = [];
  const seen = new Set<string>();
  const used = new Map<string, number>();
  for (const row of affectations) {
    const abonnement = byId.get(row.idAbonnement ?? '');
    const key = `${row.idAbonnement}/${row.personId}`;
    if (!abonnement) violations.push(`${key}: abonnement inconnu`);
    else if (abonnement.typeAffectation === 'ETABL') violations.push(`${key}: ETABL`);
    else if (!abonnement.publicCible.includes(row.profil as never))
      violations.push(`${key}: hors public cible`);
    if (seen.has(key)) violations.push(`${key}: en double`);
    seen.add(key);
    const bucket = abonnement?.licences.kind === 'global' ? 'GLOBAL' : row.profil;
    used.set(`${row.idAbonnement}|${bucket}`, (used.get(`${row.idAbonnement}|${bucket}`) ?? 0) + 1);
  }
  for (const [key, count] of used) {
    const [id, bucket] = key.split('|') as [string, string];
    const licences = byId.get(id)?.licences;
    const bought = licences?.kind === 'global' ? licences.count : licences?.counts[bucket as never];
    if (bought !== 'ILLIMITE' && count > (bought ?? 0)) violations.push(`${key}: ${count} > ${bought}`);
  }
  return violations;
}

const seeds = new Map<SeedProfile, ReturnType<typeof read>>();

beforeAll(() => {
  for (const profile of ['college', 'lycee', 'multi'] as const) {
    seeds.set(profile, read(generateSeed({ profile, seed: 1, referenceDate: DATE })));
  }
});

const seed = (profile: SeedProfile) => {
  const value = seeds.get(profile);
  if (!value) throw new Error(profile);
  return value;
};

describe('the seed generator', () => {
  it('is deterministic: same seed, same files; another seed, other files', () => {
    const a = generateSeed({ profile: 'college', seed: 7, referenceDate: DATE });
    const b = generateSeed({ profile: 'college', seed: 7, referenceDate: DATE });
    const c = generateSeed({ profile: 'college', seed: 8, referenceDate: DATE });
    expect([...a]).toEqual([...b]);
    expect(a.get('affectations.csv')).not.toEqual(c.get('affectations.csv'));
  });

  it('writes a typical collège within the sizes of DOMAIN.md §8', () => {
    const { population, abonnements, affectations } = seed('college');
    const c = counts(population);
    expect(c.pupils).toBeGreaterThanOrEqual(430);
    expect(c.pupils).toBeLessThanOrEqual(490);
    expect(c.divisions).toBe(18);
    expect(c.groups).toBeGreaterThanOrEqual(30);
    expect(c.groups).toBeLessThanOrEqual(60);
    expect(c.staff).toBeGreaterThanOrEqual(40);
    expect(abonnements.length).toBeGreaterThanOrEqual(20);
    expect(abonnements.length).toBeLessThanOrEqual(60);
    expect(affectations.length).toBeGreaterThanOrEqual(5000);
    expect(affectations.length).toBeLessThanOrEqual(10_000);
  });

  it('writes a large lycée for stress tests', () => {
    const { population, abonnements, affectations } = seed('lycee');
    const c = counts(population);
    expect(c.pupils).toBeGreaterThanOrEqual(2400);
    expect(c.divisions).toBeGreaterThanOrEqual(60);
    expect(c.divisions).toBeLessThanOrEqual(80);
    expect(c.groups).toBeGreaterThanOrEqual(300);
    expect(c.groups).toBeLessThanOrEqual(400);
    expect(c.staff).toBeGreaterThanOrEqual(180);
    expect(abonnements.length).toBeGreaterThanOrEqual(150);
    expect(abonnements.length).toBeLessThanOrEqual(300);
    expect(affectations.length).toBeGreaterThanOrEqual(30_000);
    expect(affectations.length).toBeLessThanOrEqual(50_000);
  });

  it('gives the multi seed one RA responsible for two schools', () => {
    const { population } = seed('multi');
    expect(population.respAffs).toHaveLength(1);
    expect(population.respAffs[0]?.uais).toEqual(['0561622J', '0290009C']);
    expect(population.etablissements.map((e) => e.uai)).toEqual(['0561622J', '0290009C']);
  });

  it('builds in the real-world defects', () => {
    const { population } = seed('college');
    const codes = population.groupes.map((g) => g.code);
    expect(codes.filter((code) => code === '3A')).toHaveLength(2);
    const members = (code: string) => population.memberships.filter((m) => m.groupeCode === code).length;
    expect(members('CLUB-ECHECS')).toBe(0);
    expect(members('5E')).toBe(0);
    expect(members('ESP-4e')).toBeLessThan(members('ESP-5e'));
    const spellings = new Set(population.persons.flatMap((p) => p.profils.map((pr) => pr.profil)));
    // Casing is normalised by the parser; the raw files mix it.
    expect(spellings.has('National_elv')).toBe(true);
    const college = generateSeed({ profile: 'college', seed: 1, referenceDate: DATE });
    const raw = [...college.values()].join('');
    expect(raw).toContain('national_ELV');
    expect(raw).toContain('National_ENS');
  });

  it('never assigns more licences than bought, twice to a person, outside publicCible or on ETABL', () => {
    expect(licenceViolations(seed('college'))).toEqual([]);
    expect(licenceViolations(seed('lycee'))).toEqual([]);
  });

  it('writes subscriptions for the expiry features: soon, expired, not started, deleted, automatic, never assigned', () => {
    const { abonnements, affectations } = seed('college');
    const ends = abonnements.map((a) => a.finValidite ?? '').filter(Boolean);
    expect(ends).toContain('2026-12-03T23:59:59.000+01:00');
    expect(ends).toContain('2026-11-25T23:59:59.000+01:00');
    expect(abonnements.some((a) => a.supprime)).toBe(true);
    expect(abonnements.some((a) => a.automatique)).toBe(true);
    expect(abonnements.some((a) => a.debutValidite > '2026-12')).toBe(true);
    const assigned = new Set(affectations.map((a) => a.idAbonnement));
    expect(
      abonnements.filter((a) => a.typeAffectation === 'INDIV' && !assigned.has(a.idAbonnement)).length,
    ).toBeGreaterThan(0);
    expect(affectations.some((a) => a.locked)).toBe(true);
  });

  it('writes seeds of every profile that the simulator loads back whole', async () => {
    for (const profile of ['college', 'lycee', 'multi'] as const) {
      const dir = mkdtempSync(join(tmpdir(), `seed-${profile}-`));
      try {
        const files = generateSeed({ profile, seed: 3, referenceDate: DATE });
        for (const [name, content] of files) writeFileSync(join(dir, name), content);
        const loaded = await loadSeed(dir);
        expect(loaded.meta.profil).toBe(profile);
        expect(loaded.abonnements).toHaveLength(read(files).abonnements.length);
        expect(loaded.affectations.length).toBe(read(files).affectations.length);
        expect(loaded.statistiques.length).toBeGreaterThan(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
