import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house rule « dates and times in Paris time through the one formatter »
 * (utils/gar/paris-time.ts). A formatter built elsewhere, or a clock field read elsewhere, follows
 * the computer's time zone and the RA reads the wrong hour, or the wrong day, outside Paris.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SCANNED = ['utils', 'components', 'entrypoints'];

const FORBIDDEN = {
  'Intl.DateTimeFormat': /\bIntl\.DateTimeFormat\b/,
  'toLocale…String': /\.toLocale(?:Date|Time)?String\b/,
  // The machine's local time zone: getUTC… and getTime are fine.
  'local clock field': /\.get(?:FullYear|Month|Date|Day|Hours|Minutes|Seconds)\(\)/,
} as const;

type Kind = keyof typeof FORBIDDEN;

/** Where a formatter may still be, and why: every entry must still be true, or be removed. */
const EXCEPTIONS: Record<string, Kind[]> = {
  // The one formatter itself.
  'utils/gar/paris-time.ts': ['Intl.DateTimeFormat'],
  // Paris wall-time parts for day arithmetic (days left, day numbers): calculation, never shown.
  'utils/gar/validity.ts': ['Intl.DateTimeFormat'],
};

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** `file: kind` for every forbidden kind a file holds. */
function findings(): string[] {
  const found: string[] = [];
  for (const file of SCANNED.flatMap((folder) => sourceFiles(join(ROOT, folder)))) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const [kind, pattern] of Object.entries(FORBIDDEN)) {
      if (pattern.test(text)) found.push(`${file}: ${kind}`);
    }
  }
  return found.sort();
}

const allowed = Object.entries(EXCEPTIONS)
  .flatMap(([file, kinds]) => kinds.map((kind) => `${file}: ${kind}`))
  .sort();

describe('one formatter for the dates and times the RA reads', () => {
  it('finds no date formatter or local clock field outside utils/gar/paris-time.ts and the listed exceptions', () => {
    const found = findings();
    expect(found.filter((finding) => !allowed.includes(finding))).toEqual([]);
  });

  it('lists no exception that no longer holds (remove the file from EXCEPTIONS once migrated)', () => {
    const found = findings();
    expect(allowed.filter((exception) => !found.includes(exception))).toEqual([]);
  });
});
