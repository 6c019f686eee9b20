// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import type { Abonnement, Profil } from '../../../utils/gar/abonnement';
import { parseAbonnementsXml } from '../../../utils/gar/abonnement-xml';
import { mergePopulation, type Population, parsePopulationXml } from '../../../utils/gar/population';
import { generateSeed, type SeedFiles, type SeedProfile } from '../../sim/seed/generate';

const DATE = '2026-11-28';
const GAR_ENT_NAME = /^0000000A_GAR-ENT_Complet_20261128_(Etab|Eleve|Enseignant|Groupe|RespAff)_\d{4}\.xml$/;

interface Affectation {
  uai: string;
  idAbonnement: string;
  idPersonne: string;
  profil: string;
  verrouillee: boolean;
}

interface Statistique {
  uai: string;
  idRessource: string;
  mois: string;
  profil: string;
  acces: number;
  utilisateurs: number;
}

interface ReadSeed {
  files: SeedFiles;
  population: Population;
  abonnements: Abonnement[];
  affectations: Affectation[];
  statistiques: Statistique[];
}

function csvRows(files: SeedFiles, name: string, header: string): string[][] {
  const [first, ...lines] = (files.get(name) ?? '').trimEnd().split('\n');
  expect(first).toBe(header);
  return lines.map((line) => line.split(';'));
}

/** Reads a generated seed back through the product's own parsers (utils/gar). */
function readBack(files: SeedFiles): ReadSeed {
  const population = mergePopulation(
    [...files].filter(([name]) => GAR_ENT_NAME.test(name)).map(([, xml]) => parsePopulationXml(xml)),
  );
  const abonnements = parseAbonnementsXml(files.get('abonnements.xml') ?? '');
  const affectations = csvRows(
    files,
    'affectations.csv',
    'uai;idAbonnement;idPersonne;profil;verrouillee',
  ).map(([uai = '', idAbonnement = '', idPersonne = '', profil = '', verrouillee = '']) => {
    expect(['0', '1']).toContain(verrouillee);
    return { uai, idAbonnement, idPersonne, profil, verrouillee: verrouillee === '1' };
  });
  const statistiques = csvRows(
    files,
    'statistiques.csv',
    'uai;idRessource;mois;profil;acces;utilisateurs',
  ).map(([uai = '', idRessource = '', mois = '', profil = '', acces = '', utilisateurs = '']) => ({
    uai,
    idRessource,
    mois,
    profil,
    acces: Number(acces),
    utilisateurs: Number(utilisateurs),
  }));
  return { files, population, abonnements, affectations, statistiques };
}

interface Figures {
  pupils: number;
  divisions: number;
  groups: number;
  staff: number;
  subscriptions: number;
  affectations: number;
}

function figures(seed: ReadSeed): Figures {
  const { population } = seed;
  const divisions = population.groupes.filter((g) => g.statut === 'DIVISION').length;
  return {
    pupils: population.persons.filter((p) => p.kind === 'eleve').length,
    divisions,
    groups: population.groupes.length - divisions,
    staff: population.persons.filter((p) => p.kind === 'enseignant').length,
    subscriptions: seed.abonnements.length,
    affectations: seed.affectations.length,
  };
}

/** Per-row breaches: unknown subscription, other school, ETABL, outside publicCible, duplicates. */
function rowViolations(byId: Map<string, Abonnement>, affectations: Affectation[]): string[] {
  const violations: string[] = [];
  const seen = new Set<string>();
  for (const row of affectations) {
    const abonnement = byId.get(row.idAbonnement);
    const key = `${row.idAbonnement}/${row.idPersonne}`;
    if (!abonnement) violations.push(`${key}: abonnement inconnu`);
    else if (!abonnement.uaiEtab.includes(row.uai)) violations.push(`${key}: autre établissement`);
    else if (abonnement.typeAffectation === 'ETABL') violations.push(`${key}: ETABL`);
    else if (!abonnement.publicCible.some((p) => p === row.profil))
      violations.push(`${key}: hors public cible`);
    if (seen.has(key)) violations.push(`${key}: en double`);
    seen.add(key);
  }
  return violations;
}

/** Licences used beyond those bought, per subscription and bucket (global or profile). */
function countViolations(byId: Map<string, Abonnement>, affectations: Affectation[]): string[] {
  const used = new Map<string, number>();
  for (const row of affectations) {
    const licences = byId.get(row.idAbonnement)?.licences;
    const usedKey = `${row.idAbonnement}|${licences?.kind === 'global' ? 'GLOBAL' : row.profil}`;
    used.set(usedKey, (used.get(usedKey) ?? 0) + 1);
  }
  const violations: string[] = [];
  for (const [key, count] of used) {
    const [id = '', bucket = ''] = key.split('|');
    const licences = byId.get(id)?.licences;
    const bought = licences?.kind === 'global' ? licences.count : licences?.counts[bucket as Profil];
    if (bought === undefined) violations.push(`${key}: aucune licence pour ce profil`);
    else if (bought !== 'ILLIMITE' && count > bought) violations.push(`${key}: ${count} > ${bought}`);
  }
  return violations;
}

/** Every way the affectations break GAR's licence rules, as readable lines (none expected). */
function licenceViolations({ abonnements, affectations }: ReadSeed): string[] {
  const byId = new Map(abonnements.map((a) => [a.idAbonnement, a]));
  return [...rowViolations(byId, affectations), ...countViolations(byId, affectations)];
}

const seeds = new Map<SeedProfile, ReadSeed>();

function seedOf(profile: SeedProfile): ReadSeed {
  const seed = seeds.get(profile);
  if (!seed) throw new Error(`seed ${profile} not generated`);
  return seed;
}

// Three whole seeds, read back: a few seconds alone, over vitest's 10 s hook default when every
// test file runs at once on a loaded two-core machine.
const THREE_SEEDS_MS = 30_000;

beforeAll(() => {
  for (const profile of ['college', 'lycee', 'multi'] as const) {
    seeds.set(profile, readBack(generateSeed({ profile, seed: 1, referenceDate: DATE })));
  }
}, THREE_SEEDS_MS);

describe('generateSeed', () => {
  it('is deterministic: the same seed gives identical files, another seed other files', () => {
    const a = generateSeed({ profile: 'college', seed: 42, referenceDate: DATE });
    const b = generateSeed({ profile: 'college', seed: 42, referenceDate: DATE });
    const c = generateSeed({ profile: 'college', seed: 43, referenceDate: DATE });
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, content] of a) expect(b.get(name), name).toBe(content);
    expect(c.get('affectations.csv')).not.toBe(a.get('affectations.csv'));
    expect(c.get('0000000A_GAR-ENT_Complet_20261128_Eleve_0000.xml')).not.toBe(
      a.get('0000000A_GAR-ENT_Complet_20261128_Eleve_0000.xml'),
    );
  });

  it('refuses an impossible reference date', () => {
    expect(() => generateSeed({ profile: 'college', seed: 1, referenceDate: '2026-02-30' })).toThrow(
      /date de référence/,
    );
  });

  it('writes the seed folder format the simulator reads', () => {
    for (const profile of ['college', 'lycee', 'multi'] as const) {
      const { files } = seedOf(profile);
      const names = [...files.keys()];
      const others = names.filter((name) => !GAR_ENT_NAME.test(name)).sort();
      expect(others).toEqual(['abonnements.xml', 'affectations.csv', 'simulateur.json', 'statistiques.csv']);
      for (const type of ['Etab', 'Eleve', 'Enseignant', 'Groupe', 'RespAff'])
        expect(names).toContain(`0000000A_GAR-ENT_Complet_20261128_${type}_0000.xml`);
      for (const name of names.filter((n) => GAR_ENT_NAME.test(n))) {
        const content = files.get(name) ?? '';
        expect(content).toMatch(
          /^<\?xml version="1.0" encoding="UTF-8"\?>\n<GAR-ENT-\w+ xmlns="http:\/\/data\.education\.fr\/ns\/gar" Version="1\.7">/,
        );
        // At most 10,000 nodes per file: one node per line between the root's tags.
        expect(content.trimEnd().split('\n').length - 3, name).toBeLessThanOrEqual(10_000);
      }
      expect(files.get('abonnements.xml')).toContain(
        '<abonnements xmlns="http://www.atosworldline.com/wsabonnement/v1.0/">',
      );
      const meta = JSON.parse(files.get('simulateur.json') ?? '{}');
      expect(meta).toMatchObject({ format: 'compagnon-gar-seed', version: 1, profil: profile, graine: 1 });
      expect(meta.dateReference).toBe(DATE);
    }
  });

  it('sizes a typical collège as DOMAIN.md §8 says', () => {
    const f = figures(seedOf('college'));
    expect(f.pupils).toBeGreaterThanOrEqual(430);
    expect(f.pupils).toBeLessThanOrEqual(490);
    expect(f.divisions).toBe(18);
    expect(f.groups).toBeGreaterThanOrEqual(30);
    expect(f.groups).toBeLessThanOrEqual(60);
    expect(f.staff).toBeGreaterThanOrEqual(40);
    expect(f.staff).toBeLessThanOrEqual(50);
    expect(f.subscriptions).toBeGreaterThanOrEqual(20);
    expect(f.subscriptions).toBeLessThanOrEqual(60);
    expect(f.affectations).toBeGreaterThanOrEqual(5000);
    expect(f.affectations).toBeLessThanOrEqual(10_000);
  });

  it('sizes the large lycée as DOMAIN.md §8 says, with 12 months of statistics', () => {
    const seed = seedOf('lycee');
    const f = figures(seed);
    expect(f.pupils).toBeGreaterThanOrEqual(2300);
    expect(f.pupils).toBeLessThanOrEqual(2700);
    expect(f.divisions).toBeGreaterThanOrEqual(60);
    expect(f.divisions).toBeLessThanOrEqual(80);
    expect(f.groups).toBeGreaterThanOrEqual(300);
    expect(f.groups).toBeLessThanOrEqual(400);
    expect(f.staff).toBeGreaterThanOrEqual(170);
    expect(f.staff).toBeLessThanOrEqual(230);
    expect(f.subscriptions).toBeGreaterThanOrEqual(150);
    expect(f.subscriptions).toBeLessThanOrEqual(300);
    expect(f.affectations).toBeGreaterThanOrEqual(30_000);
    expect(f.affectations).toBeLessThanOrEqual(50_000);
    expect(new Set(seed.statistiques.map((s) => s.mois)).size).toBe(12);
  });

  it('gives the multi seed two collèges and one RA who assigns in both', () => {
    const { population, abonnements } = seedOf('multi');
    expect(population.etablissements.map((e) => e.uai)).toEqual(['0561622J', '0290009C']);
    expect(population.respAffs).toHaveLength(1);
    expect(population.respAffs[0]?.uais).toEqual(['0561622J', '0290009C']);
    expect(new Set(abonnements.flatMap((a) => a.uaiEtab))).toEqual(new Set(['0561622J', '0290009C']));
  });

  it('gives every pupil exactly one division, a MEF and enseignements; staff their profiles', () => {
    const { population, files } = seedOf('college');
    // The first Groupe part holds the divisions and their members; the atelier sharing a
    // division's code (a defect) comes in the next part and is left out here.
    const groupe = parsePopulationXml(files.get('0000000A_GAR-ENT_Complet_20261128_Groupe_0000.xml') ?? '');
    if (groupe.kind !== 'groupe') throw new Error('not a Groupe file');
    const divisions = new Set(groupe.groupes.filter((g) => g.statut === 'DIVISION').map((g) => g.code));
    expect(divisions.size).toBe(18);
    const pupils = population.persons.filter((p) => p.kind === 'eleve');
    const divisionsOf = new Map<string, number>();
    for (const m of groupe.memberships)
      if (divisions.has(m.groupeCode)) divisionsOf.set(m.personId, (divisionsOf.get(m.personId) ?? 0) + 1);
    const mefs = new Set(population.personMefs.map((m) => m.personId));
    const enseignements = new Set(population.enseignements.map((e) => e.personId));
    for (const pupil of pupils) {
      expect(divisionsOf.get(pupil.id), pupil.id).toBe(1);
      expect(mefs.has(pupil.id), pupil.id).toBe(true);
      expect(enseignements.has(pupil.id), pupil.id).toBe(true);
    }
    expect(population.mefs.map((m) => m.libelle)).toEqual(['6EME', '5EME', '4EME', '3EME']);
    const staffProfils = population.persons
      .filter((p) => p.kind === 'enseignant')
      .flatMap((p) => p.profils.map((pr) => pr.profil));
    expect(staffProfils.filter((p) => p === 'National_doc')).toHaveLength(1);
    for (const other of ['National_dir', 'National_evs', 'National_col'])
      expect(staffProfils).toContain(other);
    expect(population.teaching.some((t) => t.via === 'classe')).toBe(true);
    expect(population.teaching.some((t) => t.via === 'groupe')).toBe(true);
    const groups = population.groupes.filter((g) => g.statut === 'GROUPE');
    expect(groups.filter((g) => g.divisions.length > 0).length).toBeGreaterThan(20);
  });

  it('builds in the real-world defects of DOMAIN.md §4', () => {
    const { population, files } = seedOf('college');
    const members = (code: string): number =>
      population.memberships.filter((m) => m.groupeCode === code).length;
    // A division with no pupils (its sync failed), an empty group, a group missing members.
    expect(population.groupes.some((g) => g.code === '5E' && g.statut === 'DIVISION')).toBe(true);
    expect(members('5E')).toBe(0);
    expect(population.groupes.some((g) => g.code === 'CLUB-ECHECS')).toBe(true);
    expect(members('CLUB-ECHECS')).toBe(0);
    const espagnol4e = population.groupes.find((g) => g.code === 'ESP-4e');
    const lv2Espagnol4e = population.enseignements.filter(
      (e) =>
        e.matiere === '030602' &&
        population.memberships.some(
          (m) => m.personId === e.personId && (espagnol4e?.divisions ?? []).includes(m.groupeCode),
        ),
    ).length;
    expect(members('ESP-4e')).toBeLessThan(lv2Espagnol4e);
    // A division and a group sharing a code.
    const threeA = population.groupes.filter((g) => g.code === '3A').map((g) => g.statut);
    expect(threeA.sort()).toEqual(['DIVISION', 'GROUPE']);
    // Mixed profile casing in the raw files (the parser normalises it).
    const raw = [...files.values()].join('');
    expect(raw).toContain('<GARPersonProfil>National_ENS</GARPersonProfil>');
    expect(raw).toContain('<GARPersonProfil>national_elv</GARPersonProfil>');
  });

  it('never gives more licences than bought, twice to a person, outside publicCible or on ETABL', () => {
    for (const profile of ['college', 'lycee', 'multi'] as const)
      expect(licenceViolations(seedOf(profile)), profile).toEqual([]);
  });

  it('locks a handful of licences per school, held by people who left', () => {
    const { population, affectations } = seedOf('multi');
    const ids = new Set(population.persons.map((p) => p.id));
    for (const uai of ['0561622J', '0290009C']) {
      const locked = affectations.filter((a) => a.uai === uai && a.verrouillee);
      expect(locked.length).toBeGreaterThanOrEqual(3);
      expect(locked.length).toBeLessThanOrEqual(12);
      for (const row of locked) expect(ids.has(row.idPersonne), row.idPersonne).toBe(false);
    }
    const unlocked = affectations.filter((a) => !a.verrouillee);
    expect(unlocked.every((a) => ids.has(a.idPersonne))).toBe(true);
  });

  it('writes subscriptions for every end-date case, with Paris offsets', () => {
    const { abonnements, affectations } = seedOf('college');
    const reference = Date.parse('2026-11-28T00:00:00+01:00');
    const days = (a: Abonnement): number | null =>
      a.finValidite ? (Date.parse(a.finValidite) - reference) / 86_400_000 : null;
    const soon = abonnements.filter((a) => {
      const d = days(a);
      return d !== null && d > 0 && d <= 30;
    });
    expect(soon.length).toBeGreaterThanOrEqual(3);
    expect(abonnements.filter((a) => (days(a) ?? 1) < 0).length).toBeGreaterThanOrEqual(2);
    expect(abonnements.some((a) => a.anneeFinValidite === '2026-2027' && !a.finValidite)).toBe(true);
    expect(abonnements.some((a) => a.anneeFinValidite && a.finValidite)).toBe(true);
    expect(abonnements.some((a) => a.supprime && a.idAbonnement.startsWith('_'))).toBe(true);
    expect(abonnements.some((a) => a.automatique && a.idAbonnement.startsWith('AUTO_'))).toBe(true);
    expect(abonnements.some((a) => a.typeAffectation === 'ETABL')).toBe(true);
    expect(abonnements.some((a) => a.licences.kind === 'global' && a.licences.count === 'ILLIMITE')).toBe(
      true,
    );
    expect(abonnements.some((a) => a.licences.kind === 'parProfil')).toBe(true);
    expect(abonnements.some((a) => a.codeProjetRessource)).toBe(true);
    const assigned = new Set(affectations.map((a) => a.idAbonnement));
    expect(
      abonnements.some((a) => a.typeAffectation === 'INDIV' && !a.supprime && !assigned.has(a.idAbonnement)),
    ).toBe(true);
    // Winter dates carry +01:00, summer dates +02:00.
    for (const a of abonnements) {
      for (const date of [a.debutValidite, a.finValidite].filter((d) => d !== undefined)) {
        const month = Number(date.slice(5, 7));
        if (month >= 11 || month <= 2) expect(date, a.idAbonnement).toMatch(/\+01:00$/);
        if (month >= 4 && month <= 9) expect(date, a.idAbonnement).toMatch(/\+02:00$/);
      }
    }
    for (const a of abonnements) expect(a.idDistributeurCom).toMatch(/^\d{9}_\d{16}$/);
  });

  it('writes usage statistics consistent with the affectations', () => {
    for (const profile of ['college', 'lycee'] as const) {
      const { abonnements, affectations, statistiques } = seedOf(profile);
      const resourceOf = new Map(abonnements.map((a) => [a.idAbonnement, a.idRessource]));
      const holders = new Map<string, Set<string>>();
      for (const row of affectations) {
        const key = `${resourceOf.get(row.idAbonnement)}|${row.profil}`;
        const set = holders.get(key) ?? new Set<string>();
        set.add(row.idPersonne);
        holders.set(key, set);
      }
      const months = [...new Set(statistiques.map((s) => s.mois))].sort();
      expect(months[0]).toBe('2025-11');
      expect(months.at(-1)).toBe('2026-10');
      for (const s of statistiques) {
        expect(s.acces).toBeGreaterThanOrEqual(s.utilisateurs);
        expect(s.utilisateurs).toBeLessThanOrEqual(holders.get(`${s.idRessource}|${s.profil}`)?.size ?? 0);
      }
    }
    const { abonnements, statistiques } = seedOf('college');
    const accesPerMonth = (titleStart: string): number => {
      const id = abonnements.find((a) => a.libelleRessource.startsWith(titleStart))?.idRessource;
      const rows = statistiques.filter((s) => s.idRessource === id && !/-0[78]$/.test(s.mois));
      return rows.reduce((sum, s) => sum + s.acces, 0) / new Set(rows.map((s) => s.mois)).size;
    };
    const presse = abonnements.find((a) => a.libelleRessource.startsWith('Presse junior'));
    expect(presse?.licences).toEqual({ kind: 'global', count: 300 });
    expect(accesPerMonth('Presse junior')).toBeLessThan(25);
    expect(accesPerMonth('Exercices en ligne')).toBeGreaterThan(3000);
  });
});

describe('the next school year of a seed', () => {
  it('renews every subscription under a new id, drops the never-assigned one, and assigns nobody', () => {
    const ids = (files: SeedFiles): string[] =>
      parseAbonnementsXml(files.get('abonnements.xml') ?? '').map((a) => a.idAbonnement);
    const thisYear = generateSeed({ profile: 'multi', seed: 1, referenceDate: DATE });
    const next = generateSeed({ profile: 'multi', seed: 1, referenceDate: DATE, nextYear: true });

    const before = ids(thisYear).filter((id) => !id.startsWith('_'));
    const after = ids(next).filter((id) => !id.startsWith('_'));
    expect(after.filter((id) => before.includes(id))).toEqual([]);
    expect(after).toHaveLength(before.length - 2); // one ATLAS per collège
    expect(after.some((id) => id.includes('ATLAS'))).toBe(false);
    expect(next.get('affectations.csv')?.trim().split('\n')).toHaveLength(1);
    // Same people: the population files do not change from one year to the next here.
    for (const [name, content] of thisYear)
      if (name.endsWith('.xml') && name !== 'abonnements.xml') expect(next.get(name)).toBe(content);
  });
});
