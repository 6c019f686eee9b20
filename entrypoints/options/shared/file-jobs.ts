import { readCsv, readXlsx } from '../../../utils/gar/order-import';
import { readUsageExport } from '../../../utils/gar/usage-import';

/**
 * What the options page's importers ask the file worker (file-worker.ts) to read, and what it
 * answers: the domain's own pure readers, called unchanged, so unit tests call `runFileJob`
 * directly. Requests and results are plain data (structured-clonable).
 */

export type FileJob =
  /** An order export: XLSX when the name says so, else CSV (order-import.ts). */
  | { kind: 'orderTable'; fileName: string; bytes: Uint8Array }
  /** The portail's statistics export (usage-import.ts). */
  | { kind: 'usageExport'; fileName: string; bytes: Uint8Array };

export type FileJobResult<J extends FileJob> = J['kind'] extends 'orderTable'
  ? Awaited<ReturnType<typeof readXlsx>>
  : ReturnType<typeof readUsageExport>;

export type AnyFileJobResult =
  | FileJobResult<FileJob & { kind: 'orderTable' }>
  | FileJobResult<FileJob & { kind: 'usageExport' }>;

export async function runFileJob(job: FileJob): Promise<AnyFileJobResult> {
  if (job.kind === 'usageExport') return readUsageExport(job.bytes, job.fileName);
  return /\.xlsx$/i.test(job.fileName) ? readXlsx(job.bytes) : readCsv(job.bytes);
}
