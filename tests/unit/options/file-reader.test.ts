import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runFileJob } from '../../../entrypoints/options/shared/file-jobs';
import { type FileWorker, readFileInWorker } from '../../../entrypoints/options/shared/file-reader';
import { bombWorkbook, rowsXml, workbook } from '../gar/zip-fixture';
import { speakWith } from '../speak';

/** The importers' file reading: the worker's dispatch (pure) and its client's time limit. */

beforeEach(() => {
  speakWith((key, substitutions) => `${key}:${substitutions ?? ''}`);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A worker that runs the job in this thread, or never answers (`hang`), or crashes. */
function fakeWorker(mode: 'run' | 'hang' | 'crash') {
  const worker: FileWorker & { terminated: boolean } = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    terminated: false,
    postMessage(message) {
      if (mode === 'run') {
        void runFileJob(message as never).then((result) =>
          worker.onmessage?.({ data: result } as MessageEvent),
        );
      } else if (mode === 'crash') {
        queueMicrotask(() => worker.onerror?.(new Event('error') as ErrorEvent));
      }
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker;
}

describe('runFileJob', () => {
  it('reads orders as CSV or XLSX by the file name, and statistics exports', async () => {
    const csv = await runFileJob({
      kind: 'orderTable',
      fileName: 'c.csv',
      bytes: utf8('Titre;Quantité\nMaths;30\n'),
    });
    expect(csv.ok && 'table' in csv && csv.table.rows).toEqual([['Maths', '30']]);
    const xlsx = await runFileJob({
      kind: 'orderTable',
      fileName: 'c.XLSX',
      bytes: workbook(
        rowsXml([
          ['Titre', 'Quantité'],
          ['Maths', '30'],
        ]),
      ),
    });
    expect(xlsx.ok && 'table' in xlsx && xlsx.table.encoding).toBe('xlsx');
    const usage = await runFileJob({
      kind: 'usageExport',
      fileName: 'statistiques-0561622J.csv',
      bytes: utf8(
        'idRessource;libelleRessource;mois;profil;acces;utilisateurs\nark:/1;T;2025-09;ELEVE;3;2\n',
      ),
    });
    expect(usage.ok && 'rows' in usage && usage.rows).toHaveLength(1);
  });

  it('refuses a zip bomb with the workbook bounds’ message', async () => {
    const bomb = await runFileJob({
      kind: 'orderTable',
      fileName: 'b.xlsx',
      bytes: bombWorkbook(40 * 1024 * 1024),
    });
    expect(bomb.ok ? 'accepté' : bomb.message).toMatch(/^xlsxBoundsInflatedTooLarge:/);
  });
});

describe('readFileInWorker', () => {
  it('answers with what the worker read, and ends it', async () => {
    const worker = fakeWorker('run');
    const result = await readFileInWorker(
      { kind: 'orderTable', fileName: 'c.csv', bytes: utf8('Titre;Quantité\nMaths;30\n') },
      { createWorker: () => worker },
    );
    expect(result.ok).toBe(true);
    expect(worker.terminated).toBe(true);
  });

  it('refuses a file still being read after the time limit, and ends its worker', async () => {
    vi.useFakeTimers();
    const worker = fakeWorker('hang');
    const reading = readFileInWorker(
      { kind: 'orderTable', fileName: 'lent.xlsx', bytes: new Uint8Array(4) },
      { createWorker: () => worker, timeoutMs: 5_000 },
    );
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await reading).toEqual({ ok: false, message: 'fileReadTooLong:5' });
    expect(worker.terminated).toBe(true);
  });

  it('refuses a file whose worker crashed', async () => {
    const worker = fakeWorker('crash');
    const result = await readFileInWorker(
      { kind: 'usageExport', fileName: 's.csv', bytes: new Uint8Array(4) },
      { createWorker: () => worker },
    );
    expect(result).toEqual({ ok: false, message: 'fileReadFailed:' });
    expect(worker.terminated).toBe(true);
  });
});
