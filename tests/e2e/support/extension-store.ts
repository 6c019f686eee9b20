import type { Page } from '@playwright/test';
import type { UsageMonth } from '../../../utils/gar/usage-month';
import { readAllRecords, replaceAllRecords } from './idb-in-page';

/** Replaces a whole store's records, as the extension's own page (same origin) would. */
export async function replaceStore(page: Page, storeName: string, records: unknown[]): Promise<void> {
  await page.evaluate(replaceAllRecords, [storeName, records] as const);
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
  return (await page.evaluate(readAllRecords, storeName)) as T[];
}
