import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { t } from '../utils/i18n';
import { describeError } from '../utils/messaging';
import { type GarDb, openGarDb } from '../utils/store/db';
import type { Loaded } from './use-background';

let database: Promise<GarDb> | undefined;

/**
 * Reads the store directly, for extension pages only (the popup, the options page): they share the
 * extension's origin with the background, so they need not wake the service worker — which can
 * take longer than the popup's whole first-render budget (npm run bench).
 */
export function useStore<T>(read: (db: GarDb) => Promise<T>): Loaded<T> {
  const data = useSignal<T | null>(null);
  const error = useSignal<string | null>(null);
  useEffect(() => {
    database ??= openGarDb();
    database
      .then(read)
      .then((value) => {
        data.value = value;
      })
      .catch((cause: unknown) => {
        error.value = t('loadError', describeError(cause));
      });
  }, []);
  return { data, error };
}
