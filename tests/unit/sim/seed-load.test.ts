// @vitest-environment node
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAbonnementsXml } from '../../../utils/gar/abonnement-xml';
import { generateSeed } from '../../sim/seed/generate';
import { loadSeed } from '../../sim/server/seed-loader';
import { MINI_SEED, seedRefusal as refusal } from './fixtures/sim-harness';

// The generator's own checks are in seed.test.ts; this one closes the loop through the simulator.
describe('generated seeds and the simulator', () => {
  // Three whole seeds, the lycée's 2,671 persons among them: 1.6 s alone, over 5 s (vitest's
  // default) when CI runs every test file at once on two cores.
  const THREE_SEEDS_MS = 30_000;

  it(
    'loads a seed of every profile back whole',
    async () => {
      for (const profile of ['college', 'lycee', 'multi'] as const) {
        const dir = mkdtempSync(join(tmpdir(), `seed-${profile}-`));
        try {
          const files = generateSeed({ profile, seed: 3, referenceDate: '2026-11-28' });
          for (const [name, content] of files) writeFileSync(join(dir, name), content);
          const loaded = await loadSeed(dir);
          const affectations = (files.get('affectations.csv') ?? '').trim().split('\n').length - 1;
          expect(loaded.meta.profil).toBe(profile);
          expect(loaded.abonnements).toHaveLength(
            parseAbonnementsXml(files.get('abonnements.xml') ?? '').length,
          );
          expect(loaded.affectations).toHaveLength(affectations);
          expect(loaded.statistiques.length).toBeGreaterThan(0);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    },
    THREE_SEEDS_MS,
  );
});

/** The mini seed as GAR itself would send it: its XML only, no file of the simulator's own. */
function garOnlyFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seed-gar-'));
  cpSync(MINI_SEED, dir, {
    recursive: true,
    filter: (source) => !/(simulateur\.json|affectations\.csv|statistiques\.csv)$/.test(source),
  });
  return dir;
}

describe('a seed of GAR files only', () => {
  it('loads, names its schools from GAR-ENT-Etab and keeps the dates as written', async () => {
    const dir = garOnlyFolder();
    try {
      // A year after the mini seed's dateReference: with simulateur.json every date would move.
      const seed = await loadSeed(dir, new Date('2026-03-01T12:00:00Z'));
      expect(seed.meta.etablissements).toEqual([
        { uai: '0561622J', nom: 'Collège Jules Verne' },
        { uai: '0290009C', nom: 'Collège Anne de Bretagne' },
      ]);
      expect(seed.meta.dateReference).toBeUndefined();
      expect(seed.abonnements).toHaveLength(10);
      expect(seed.abonnements[0]?.debutValidite).toBe('2024-09-01T00:00:00.000+02:00');
      expect(seed.affectations).toEqual([]);
      expect(seed.statistiques).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a broken GAR-ENT-Etab, naming the file, the element and the problem', async () => {
    const dir = garOnlyFolder();
    try {
      const etab = join(dir, 'GAR-ENT-Etab.xml');
      writeFileSync(
        etab,
        readFileSync(etab, 'utf8').replace(
          '<GARStructureNomCourant>Collège Jules Verne</GARStructureNomCourant>',
          '',
        ),
      );
      const error = await refusal(dir);
      expect(error.file).toBe('GAR-ENT-Etab.xml');
      expect(error.element).toContain('GAREtab[1]');
      expect(error.element).toContain('GARStructureNomCourant');
      expect(error.problem).not.toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a folder with neither simulateur.json nor GAR-ENT-Etab, saying both are missing', async () => {
    const dir = garOnlyFolder();
    try {
      rmSync(join(dir, 'GAR-ENT-Etab.xml'));
      const error = await refusal(dir);
      expect(error.file).toBe('simulateur.json');
      expect(error.problem).toContain('GAR-ENT-Etab');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
