/**
 * `npm run bench` — every benchmark in one run: a table on screen, JSON in bench-results/, and a
 * non-zero exit when a budget is exceeded. Later features add their benchmarks to the list below.
 */
// First: the domain's messages need the French catalogue before wxt/browser loads.
import '../support/node-i18n';
import { mkdirSync, writeFileSync } from 'node:fs';
import { assignmentBenchmarks } from './assignment.bench';
import { consoleBenchmarks } from './console.bench';
import { domainBenchmarks } from './domain.bench';
import { executorBenchmarks } from './executor.bench';
import { filesBenchmarks } from './files.bench';
import { type Benchmark, formatTable, withinBudget } from './harness';
import { memoryBenchmarks } from './memory.bench';
import { ordersBenchmarks } from './orders.bench';
import { popupBenchmarks } from './popup.bench';
import { rentreeBenchmarks } from './rentree.bench';
import { statisticsBenchmarks } from './statistics.bench';

const benchmarks: Benchmark[] = [
  ...domainBenchmarks,
  ...assignmentBenchmarks,
  ...executorBenchmarks,
  ...rentreeBenchmarks,
  ...ordersBenchmarks,
  ...consoleBenchmarks,
  ...popupBenchmarks,
  ...statisticsBenchmarks,
  ...filesBenchmarks,
  ...memoryBenchmarks,
];

async function main(): Promise<void> {
  const results = [];
  for (const benchmark of benchmarks) {
    results.push(...[await benchmark.run()].flat());
  }
  console.log(formatTable(results));
  mkdirSync('bench-results', { recursive: true });
  const file = 'bench-results/bench.json';
  writeFileSync(
    file,
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`,
  );
  console.log(`\nRésultats écrits dans ${file}`);
  const over = results.filter((result) => !withinBudget(result));
  if (over.length > 0) {
    console.error(`Budget dépassé : ${over.map((result) => result.name).join(', ')}`);
    process.exitCode = 1;
  }
}

void main();
