import { browser } from 'wxt/browser';
import type { FeatureContext } from './features';
import { type MessageType, type RequestOf, type ResponseOf, sendRequest } from './messaging';

/** Asks the background, from a content script or an extension page. */
export function askBackground<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  return sendRequest((message) => browser.runtime.sendMessage(message), type, payload);
}

/** The RA's settings, asked once per page run whichever features need them. */
export function settingsOnce(context: Pick<FeatureContext, 'shared'>): Promise<ResponseOf<'settings.get'>> {
  return context.shared('reglages', () => askBackground('settings.get', {}));
}
