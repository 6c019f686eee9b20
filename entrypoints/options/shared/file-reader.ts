import { t } from '../../../utils/i18n';
import type { AnyFileJobResult, FileJob, FileJobRequest, FileJobResult } from './file-jobs';

/**
 * The one way the options page's importers (orders, statistics) read a CSV or XLSX file: in a
 * worker (file-worker.ts), bounded in time. A file still being read after `timeoutMs` is refused
 * in French and its worker ended, so a forged file costs the RA five seconds at most and the page
 * answers all along. Nothing is stored here: importers store only what a result lets them.
 */

/** A real export reads in well under a second; five leave room for a slow computer. */
export const FILE_READ_TIMEOUT_MS = 5_000;

/** The part of `Worker` used here, so tests can give a stand-in. */
export interface FileWorker {
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
}

export interface ReadOptions {
  timeoutMs?: number;
  createWorker?: () => FileWorker | Promise<FileWorker>;
}

/**
 * Vite bundles the worker as its own file of the extension (same origin: MV3's CSP allows it).
 * Through `?worker` rather than `new URL('./file-worker.ts', import.meta.url)`: WXT defines
 * `import.meta.url` as `self.location.href` for its service worker, which hides that pattern from
 * Vite. Imported when first needed, so unit tests (which pass `createWorker`) never load it.
 */
async function startWorker(): Promise<FileWorker> {
  const { default: FileReaderWorker } = await import('./file-worker.ts?worker');
  return new FileReaderWorker();
}

const refusal = (message: string) => ({ ok: false as const, message });

/** Reads `job` in a fresh worker; always settles, with the reader's result or a French refusal. */
export async function readFileInWorker<J extends FileJob>(
  job: J,
  options: ReadOptions = {},
): Promise<FileJobResult<J>> {
  const timeoutMs = options.timeoutMs ?? FILE_READ_TIMEOUT_MS;
  let worker: FileWorker;
  try {
    worker = await (options.createWorker ?? startWorker)();
  } catch {
    return refusal(t('fileReadFailed')) as FileJobResult<J>;
  }
  return new Promise<AnyFileJobResult>((resolve) => {
    const finish = (result: AnyFileJobResult): void => {
      clearTimeout(timer);
      worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish(refusal(t('fileReadTooLong', String(Math.round(timeoutMs / 1000))))),
      timeoutMs,
    );
    worker.onmessage = (event) => {
      const data: unknown = event.data;
      const crashed = typeof data === 'object' && data !== null && 'crashed' in data;
      finish(crashed ? refusal(t('fileReadFailed')) : (data as AnyFileJobResult));
    };
    // A worker out of memory, or one that cannot start: the file is refused, never half-read.
    worker.onerror = () => finish(refusal(t('fileReadFailed')));
    worker.onmessageerror = () => finish(refusal(t('fileReadFailed')));
    // The bytes move to the worker (no copy); the page keeps only the File it was given. The
    // worker has no extension API: it is told which catalogue the page speaks.
    const request: FileJobRequest = { ...job, language: t('pluralRule') };
    worker.postMessage(request, [job.bytes.buffer]);
  }) as Promise<FileJobResult<J>>;
}

/** The bytes of a chosen file, copied out of it for the worker to own. */
export async function fileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}
