import { browser } from 'wxt/browser';
import type { FeatureContext } from './features';
import { type MessageType, type RequestOf, type ResponseOf, sendRequest } from './messaging';

let gate: () => Promise<void> = () => Promise.resolve();

/**
 * Makes every request of this document wait for `until` first. A content script waits for its
 * presence to be announced (utils/presence.ts): the background scopes its requests to the school
 * declared on the presence port, and a port message and a runtime message travel separately —
 * a request sent right after a school switch could otherwise arrive before the switch is known.
 */
export function holdRequestsUntil(until: () => Promise<void>): void {
  gate = until;
}

/** Asks the background, from a content script or an extension page. */
export async function askBackground<T extends MessageType>(
  type: T,
  payload: RequestOf<T>,
): Promise<ResponseOf<T>> {
  await gate();
  return sendRequest((message) => browser.runtime.sendMessage(message), type, payload);
}

/** The RA's settings, asked once per page run whichever features need them. */
export function settingsOnce(context: Pick<FeatureContext, 'shared'>): Promise<ResponseOf<'settings.get'>> {
  return context.shared('reglages', () => askBackground('settings.get', {}));
}
