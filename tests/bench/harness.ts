import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAbonnementsXml } from '../../utils/gar/abonnement-xml';
import { generateSeed } from '../sim/seed/generate';
import { type RunningSimulator, startSimulator } from '../sim/server/index';

/** One line of the benchmark table: a measured figure, what it is compared with, and its budget. */
export interface BenchResult {
  name: string;
  /** Median of the runs, in milliseconds. */
  medianMs: number;
  /** The same work done the reference way, measured in the same run (for a ratio), if any. */
  baselineMs?: number;
  budgetMs: number;
  detail: string;
}

export interface Benchmark {
  name: string;
  /** One figure, or several measured in the same set-up. */
  run(): Promise<BenchResult | BenchResult[]> | BenchResult | BenchResult[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * The generated large lycée (DOMAIN.md §8: 150–300 subscriptions, ~2,500 pupils) written to a
 * temporary folder for the time of `use`, dated `referenceDate` (today unless said).
 */
export async function withLyceeSeed<T>(
  use: (dir: string, files: ReadonlyMap<string, string>) => Promise<T>,
  referenceDate = new Date().toISOString().slice(0, 10),
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-lycee-'));
  try {
    const files = generateSeed({ profile: 'lycee', seed: 1, referenceDate });
    for (const [name, content] of files) writeFileSync(join(dir, name), content);
    return await use(dir, files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The simulator (RA logged in automatically) serving the generated lycée for the time of `run`,
 * with the number of its live subscriptions (the rows of Parcours ressource).
 */
export async function withLycee<T>(
  run: (simulator: RunningSimulator, rows: number) => Promise<T>,
): Promise<T> {
  return withLyceeSeed(async (dir, files) => {
    const rows = parseAbonnementsXml(files.get('abonnements.xml') ?? '').filter((a) => !a.supprime).length;
    const simulator = await startSimulator({ seedDir: dir, autoLogin: true });
    try {
      return await run(simulator, rows);
    } finally {
      await simulator.close();
    }
  });
}

/** Median process CPU time of `fn` over `runs` runs, after one warm-up: steadier than wall time. */
export function medianCpuMs(fn: () => unknown, runs = 9): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  return median(times);
}

/** Median wall time of `fn` over `runs` runs, after one warm-up. */
export function medianMs(fn: () => unknown, runs = 7): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export function withinBudget(result: BenchResult): boolean {
  return result.medianMs <= result.budgetMs;
}

const ms = (value: number | undefined): string => (value === undefined ? '—' : value.toFixed(2));

export function formatTable(results: BenchResult[]): string {
  const rows = results.map((r) => [
    r.name,
    ms(r.medianMs),
    ms(r.baselineMs),
    r.baselineMs ? (r.medianMs / r.baselineMs).toFixed(2) : '—',
    ms(r.budgetMs),
    withinBudget(r) ? 'ok' : 'DÉPASSÉ',
    r.detail,
  ]);
  const header = ['benchmark', 'médiane ms', 'référence ms', 'ratio', 'budget ms', 'verdict', 'détail'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
