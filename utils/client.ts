import { browser } from 'wxt/browser';
import { type MessageType, type RequestOf, type ResponseOf, sendRequest } from './messaging';

/** Asks the background, from a content script or an extension page. */
export function askBackground<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  return sendRequest((message) => browser.runtime.sendMessage(message), type, payload);
}
