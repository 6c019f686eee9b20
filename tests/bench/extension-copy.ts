import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR } from '../e2e/support/browser';

/**
 * A private copy of the built extension for the time of `use`. Other builds of the same checkout
 * cannot swap the code under a benchmark mid-run, and the reference pages a benchmark adds
 * (`extraFiles`, by path in the extension) live in the copy only: they never ship.
 */
export async function withExtensionCopy<T>(
  extraFiles: Readonly<Record<string, string>>,
  use: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-extension-'));
  try {
    cpSync(EXTENSION_DIR, dir, { recursive: true });
    for (const [path, content] of Object.entries(extraFiles)) writeFileSync(join(dir, path), content);
    return await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
