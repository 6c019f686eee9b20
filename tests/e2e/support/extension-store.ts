import type { Page } from '@playwright/test';

/** Replaces the whole templates store, as the extension's own page (same origin) would. */
export async function writeTemplatesStore(page: Page, records: unknown[]): Promise<void> {
  await page.evaluate(
    (toPut) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('compagnon-gar');
        open.onsuccess = () => {
          const tx = open.result.transaction('templates', 'readwrite');
          tx.objectStore('templates').clear();
          for (const record of toPut) tx.objectStore('templates').put(record);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    records,
  );
}
