/// <reference lib="webworker" />
import { type FileJob, runFileJob } from './file-jobs';

/**
 * The options page's file worker: reads one imported file off the page's thread, so a file that
 * takes long (or a forged one) never freezes the page; file-reader.ts starts it, bounds its time
 * and ends it. One file per worker: ending the worker frees whatever the file made it allocate.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<FileJob>) => {
  void runFileJob(event.data).then(
    (result) => scope.postMessage(result),
    // The readers answer in French for every file they can judge; anything else is a crash.
    (error: unknown) => scope.postMessage({ crashed: String(error) }),
  );
};
