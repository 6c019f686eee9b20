import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Changes files of a seed folder — the seed's own, or new ones — for one test, and returns what
 * puts the folder back exactly as it was (call it in afterEach, then `simulator.reset()`).
 * `change` receives a file's current content (undefined for a new file) and returns the new one.
 */
export function changeSeedFiles(
  dir: string,
  changes: Record<string, (current: string | undefined) => string>,
): () => void {
  const before = new Map<string, string | undefined>();
  for (const [name, change] of Object.entries(changes)) {
    const path = join(dir, name);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    before.set(name, current);
    writeFileSync(path, change(current));
  }
  return () => {
    for (const [name, content] of before) {
      if (content === undefined) rmSync(join(dir, name), { force: true });
      else writeFileSync(join(dir, name), content);
    }
  };
}
