// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAbonnementsXml } from '../../../utils/gar/abonnement-xml';
import { generateSeed } from '../../sim/seed/generate';
import { loadSeed } from '../../sim/server/seed-loader';

// The generator's own checks are in seed.test.ts; this one closes the loop through the simulator.
describe('generated seeds and the simulator', () => {
  it('loads a seed of every profile back whole', async () => {
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
  });
});
