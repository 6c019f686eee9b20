import { readCsv, readXlsx } from '../../../utils/gar/table-file';
import { readUsageExport } from '../../../utils/gar/usage-import';

/**
 * What the options page's importers ask the file worker (file-worker.ts) to read, and what it
 * answers: the domain's own pure readers, called unchanged, so unit tests call `runFileJob`
 * directly. Requests and results are plain data (structured-clonable).
 */

export type FileJob =
  /** An order export: XLSX when the name says so, else CSV (table-file.ts). */
  | { kind: 'orderTable'; fileName: string; bytes: Uint8Array }
  /** The portail's statistics export (usage-import.ts). */
  | { kind: 'usageExport'; fileName: string; bytes: Uint8Array };

/** What the page posts: the job, and the language the readers answer in (worker-i18n.ts). */
export type FileJobRequest = FileJob & { language: string };

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
