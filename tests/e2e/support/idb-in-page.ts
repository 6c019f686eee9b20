/**
 * What an extension page runs to read or replace a store of the extension's IndexedDB (same
 * origin), for the tests to set up or check the data: passed to `page.evaluate` by both the
 * Chromium journeys (Playwright) and the Firefox ones (puppeteer), each with one argument.
 * Run in the page: nothing from outside the function may be used in it.
 */

export const readAllRecords = (name: string): Promise<unknown[]> =>
  new Promise((resolve, reject) => {
    const open = indexedDB.open('compagnon-gar');
    open.onsuccess = () => {
      const request = open.result.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => {
        open.result.close();
        resolve(request.result);
      };
      request.onerror = () => reject(request.error);
    };
    open.onerror = () => reject(open.error);
  });

export const replaceAllRecords = ([name, records]: readonly [string, readonly unknown[]]): Promise<void> =>
  new Promise((resolve, reject) => {
    const open = indexedDB.open('compagnon-gar');
    open.onsuccess = () => {
      const tx = open.result.transaction(name, 'readwrite');
      tx.objectStore(name).clear();
      for (const record of records) tx.objectStore(name).put(record);
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  });
