// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { runSequence, type SequenceReport } from './sequence';

/**
 * The chaos suite (issue 14, item 8): random sequences of jobs, closed tabs, reloads, outages,
 * stalled requests, session expiries, another RA, second tabs, resumes, abandons and undos, against
 * the simulator in process and the real journal. README.md in this folder says what is checked.
 *
 * `CHAOS_SEED=n npx vitest run tests/unit/chaos` replays one sequence; `CHAOS_RUNS=n` sets how many.
 */

const replay = process.env.CHAOS_SEED === undefined ? undefined : Number(process.env.CHAOS_SEED);
const RUNS = Number(process.env.CHAOS_RUNS ?? 300);
const seeds = replay === undefined ? Array.from({ length: RUNS }, (_, i) => i + 1) : [replay];

function report({ seed, violations, log }: SequenceReport): string {
  return [
    `Chaos sequence ${seed} broke ${violations.length} invariant(s) — replay: CHAOS_SEED=${seed} npx vitest run tests/unit/chaos`,
    ...violations.map((v) => `  ✗ ${v}`),
    'Actions:',
    ...log,
  ].join('\n');
}

describe('chaos: random RA sequences against the simulator keep the console exact and the journal true', () => {
  it.each(seeds)('sequence %i', async (seed) => {
    const result = await runSequence(seed);
    expect(result.violations, report(result)).toEqual([]);
  });
});
