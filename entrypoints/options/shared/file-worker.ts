/// <reference lib="webworker" />
// First: the readers' i18n needs the extension API's stand-in before it loads (worker-i18n.ts).
import './worker-i18n';
import { type FileJobRequest, runFileJob } from './file-jobs';
import { useLanguage } from './worker-i18n';

/**
 * The options page's file worker: reads one imported file off the page's thread, so a file that
 * takes long (or a forged one) never freezes the page; file-reader.ts starts it, bounds its time
 * and ends it. One file per worker: ending the worker frees whatever the file made it allocate.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<FileJobRequest>) => {
  void useLanguage(event.data.language)
    .then(() => runFileJob(event.data))
    .then(
      (result) => scope.postMessage(result),
      // The readers answer in the RA's language for every file they can judge; anything else is a crash.
      (error: unknown) => scope.postMessage({ crashed: String(error) }),
    );
};
