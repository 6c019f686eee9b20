import type { Page } from '@playwright/test';
import type { UsageMonth } from '../../../utils/gar/usage-month';

/** Replaces a whole store's records, as the extension's own page (same origin) would. */
export async function replaceStore(page: Page, storeName: string, records: unknown[]): Promise<void> {
  await page.evaluate(
    ([name, toPut]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('compagnon-gar');
        open.onsuccess = () => {
          const tx = open.result.transaction(name, 'readwrite');
          tx.objectStore(name).clear();
          for (const record of toPut) tx.objectStore(name).put(record);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    [storeName, records] as const,
  );
}

/** Replaces the whole templates store. */
export async function writeTemplatesStore(page: Page, records: unknown[]): Promise<void> {
  await replaceStore(page, 'templates', records);
}

/** Replaces the whole usage history (the `snapshots` store: one record per school and month). */
export async function writeUsageStore(page: Page, records: UsageMonth[]): Promise<void> {
  await replaceStore(page, 'snapshots', records);
}

/** Every record of a store, as the extension's own page reads it. */
export async function readStore<T>(page: Page, storeName: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('compagnon-gar');
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
        open.onerror = () => reject(open.error);
      }),
    storeName,
  );
}
