import { useSignal } from '@preact/signals';
import { useState } from 'preact/hooks';
import { describeError } from '../utils/describe-error';
import { t } from '../utils/i18n';
import { type GarDb, openGarDb } from '../utils/store/db';
import type { Loaded } from './use-background';

let database: Promise<GarDb> | undefined;

/**
 * Reads the store directly, for extension pages only (the popup, the options page): they share the
 * extension's origin with the background, so they need not wake the service worker — which can
 * take longer than the popup's whole first-render budget (npm run bench). The database is opened
 * once per page, by the first read.
 */
export function readStore<T>(read: (db: GarDb) => Promise<T>): Promise<T> {
  database ??= openGarDb();
  return database.then(read);
}

/** Follows a read already under way: its value, or a French error, lands in signals. */
export function useReading<T>(reading: Promise<T>): Loaded<T> {
  const data = useSignal<T | null>(null);
  const error = useSignal<string | null>(null);
  useState(() =>
    reading.then(
      (value) => {
        data.value = value;
      },
      (cause: unknown) => {
        error.value = t('loadError', describeError(cause));
      },
    ),
  );
  return { data, error };
}

/**
 * Reads the store once per mounted component. The read starts during the first render, not after
 * its paint: the store opens while the page draws.
 */
export function useStore<T>(read: (db: GarDb) => Promise<T>): Loaded<T> {
  const [reading] = useState(() => readStore(read));
  return useReading(reading);
}
