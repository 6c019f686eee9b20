import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * Tells when the page's address has really changed. WXT's `wxt:locationchange` comes from the
 * Navigation API's `navigate` event, which fires *before* `location.href` changes — and also for
 * navigations that never change it (a download link, a cancelled navigation, one that leaves the
 * page). So the event is only a cue: the address is compared with the one the helpers run for,
 * right after the page's own code has finished, then for a short while in case the site updates
 * it later. Back and forward (`popstate`, `hashchange`) are cues too, which also covers browsers
 * where WXT falls back to polling once a second.
 */

/** How long after a cue the address is still checked, and how often. */
const FOLLOW_MS = 1000;
const STEP_MS = 50;

export interface AddressWatch {
  /** The address the helpers currently run for. */
  current(): URL;
}

export function watchAddress(
  content: Pick<ContentScriptContext, 'addEventListener' | 'setTimeout'>,
  onChange: (url: URL) => void,
  read: () => string = () => location.href,
): AddressWatch {
  let shown = read();
  let timer: number | undefined;

  const check = (): boolean => {
    const now = read();
    if (now === shown) return false;
    shown = now;
    onChange(new URL(now));
    return true;
  };

  const follow = (started: number, delay: number): void => {
    // WXT's timers are the window's, also cancelled when the extension goes away.
    if (timer !== undefined) clearTimeout(timer);
    // A task later at the soonest: the page's pushState has returned and its router has started
    // rendering the new view.
    timer = content.setTimeout(() => {
      timer = undefined;
      if (!check() && Date.now() - started < FOLLOW_MS) follow(started, STEP_MS);
    }, delay);
  };

  const cue = (): void => {
    // Synchronous change (popstate, hashchange): at once; otherwise follow for a while.
    if (!check()) follow(Date.now(), STEP_MS);
  };

  content.addEventListener(window, 'wxt:locationchange', () => follow(Date.now(), 0));
  content.addEventListener(window, 'popstate', cue);
  content.addEventListener(window, 'hashchange', cue);
  return { current: () => new URL(shown) };
}
