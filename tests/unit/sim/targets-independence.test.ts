// @vitest-environment node
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The simulator stands for the console: it must decide who a target designates on its own. If it
 * imported the extension's planner rule, a bug in that rule would be the console's too and pass
 * every test (issue 14, item 8).
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const SIM = join(ROOT, 'tests/sim');
/** The planner's modules, by their path without extension. */
const FORBIDDEN = ['utils/gar/targets', 'utils/gar/assignment-plan'];
const SOURCE = /\.(ts|tsx|js|mjs)$/;
/** Every module specifier in the file: static and dynamic imports, re-exports. */
const SPECIFIER = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

async function sourcesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourcesUnder(path);
      return SOURCE.test(entry.name) ? [path] : [];
    }),
  );
  return nested.flat();
}

function importsOf(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((match) => match[1] ?? match[2] ?? '');
}

/** The repository path a relative specifier points to, without its extension. */
function targetOf(file: string, specifier: string): string {
  const absolute = specifier.startsWith('.') ? resolve(file, '..', specifier) : join(ROOT, specifier);
  return relative(ROOT, absolute).replace(/\.(ts|tsx|js|mjs)$/, '');
}

describe('the simulator does not share the planner’s rules', () => {
  it('finds the imports it checks (the scan is not blind)', async () => {
    const files = await sourcesUnder(SIM);
    expect(files.length).toBeGreaterThan(10);
    const rules = await readFile(join(SIM, 'server/rules.ts'), 'utf8');
    expect(importsOf(rules).map((s) => targetOf(join(SIM, 'server/rules.ts'), s))).toContain(
      'tests/sim/server/targets',
    );
  });

  it('no file under tests/sim imports utils/gar/targets or utils/gar/assignment-plan', async () => {
    const offenders: string[] = [];
    for (const file of await sourcesUnder(SIM)) {
      for (const specifier of importsOf(await readFile(file, 'utf8'))) {
        if (FORBIDDEN.includes(targetOf(file, specifier))) {
          offenders.push(`${relative(ROOT, file)} imports ${specifier}`);
        }
      }
    }
    expect(offenders, 'the simulator must resolve targets on its own').toEqual([]);
  });
});
