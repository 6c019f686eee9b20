import { type Signal, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { askBackground } from '../utils/client';
import { describeError } from '../utils/describe-error';
import { t } from '../utils/i18n';
import type { MessageType, RequestOf, ResponseOf } from '../utils/messaging';

export interface Loaded<T> {
  data: Signal<T | null>;
  /** A French message when the background could not answer. */
  error: Signal<string | null>;
}

/** Asks the background once when the component mounts; the answer or the error lands in signals. */
export function useBackground<T extends MessageType>(type: T, payload: RequestOf<T>): Loaded<ResponseOf<T>> {
  const data = useSignal<ResponseOf<T> | null>(null);
  const error = useSignal<string | null>(null);
  useEffect(() => {
    askBackground(type, payload)
      .then((response) => {
        data.value = response;
      })
      .catch((cause: unknown) => {
        error.value = t('loadError', describeError(cause));
      });
  }, [type]);
  return { data, error };
}
