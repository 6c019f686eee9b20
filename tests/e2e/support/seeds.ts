import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSeed, type SeedProfile } from '../../sim/seed/generate';

/** Writes a generated seed into a fresh temporary folder and returns the folder. */
export function writeTemporarySeed(profile: SeedProfile, seed = 1): string {
  const dir = mkdtempSync(join(tmpdir(), `compagnon-gar-${profile}-`));
  mkdirSync(dir, { recursive: true });
  const files = generateSeed({ profile, seed, referenceDate: new Date().toISOString().slice(0, 10) });
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
  return dir;
}

/**
 * Rewrites a seed folder as the multi seed's next school year (new idAbonnement everywhere, one
 * resource not renewed, nobody assigned) or back as this year; the simulator reads it on reset.
 */
export function rewriteMultiSeed(dir: string, { nextYear }: { nextYear: boolean }): void {
  const files = generateSeed({
    profile: 'multi',
    seed: 1,
    referenceDate: new Date().toISOString().slice(0, 10),
    nextYear,
  });
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
}
