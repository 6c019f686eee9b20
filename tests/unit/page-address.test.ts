import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { whenNoneMatch } from '../../utils/observe';
import { watchAddress } from '../../utils/page-address';

/** Enough of WXT's context: listeners on the window, the window's timers. */
function fakeContent(): Pick<ContentScriptContext, 'addEventListener' | 'setTimeout'> {
  return {
    addEventListener: ((target: EventTarget, type: string, handler: EventListener) =>
      target.addEventListener(type, handler)) as ContentScriptContext['addEventListener'],
    setTimeout: ((handler: () => void, ms?: number) => window.setTimeout(handler, ms)) as never,
  };
}

/** WXT's event as the Navigation API raises it: before the address has changed. */
function navigate(): void {
  window.dispatchEvent(new Event('wxt:locationchange'));
}

describe('watchAddress', () => {
  let address = 'https://affectation.gar.education.fr/tableau-de-bord';
  const read = () => address;

  beforeEach(() => {
    vi.useFakeTimers();
    address = 'https://affectation.gar.education.fr/tableau-de-bord';
  });
  afterEach(() => vi.useRealTimers());

  it('reports the address the page shows after the navigation, not the one it leaves', () => {
    const seen: string[] = [];
    watchAddress(fakeContent(), (url) => seen.push(url.pathname), read);
    navigate();
    // The page's pushState returns after the event: the address changes then.
    address = 'https://affectation.gar.education.fr/ressources';
    vi.advanceTimersByTime(0);
    expect(seen).toEqual(['/ressources']);
  });

  it('follows a site that changes its address a little later, and reports it once', () => {
    const seen: string[] = [];
    watchAddress(fakeContent(), (url) => seen.push(url.pathname), read);
    navigate();
    vi.advanceTimersByTime(200);
    expect(seen).toEqual([]);
    address = 'https://affectation.gar.education.fr/population';
    vi.advanceTimersByTime(60);
    vi.advanceTimersByTime(2000);
    expect(seen).toEqual(['/population']);
  });

  it('ignores a navigation that never changes the address (a download link, a cancelled one)', () => {
    const seen: string[] = [];
    watchAddress(fakeContent(), (url) => seen.push(url.pathname), read);
    navigate();
    vi.advanceTimersByTime(5000);
    expect(seen).toEqual([]);
  });

  it('reacts to back and forward at once', () => {
    const seen: string[] = [];
    const watch = watchAddress(fakeContent(), (url) => seen.push(url.href), read);
    address = 'https://affectation.gar.education.fr/ressources?filtre=maths';
    window.dispatchEvent(new Event('popstate'));
    expect(seen).toEqual([address]);
    expect(watch.current().href).toBe(address);
    window.dispatchEvent(new Event('popstate'));
    expect(seen).toHaveLength(1);
  });
});

describe('whenNoneMatch', () => {
  it('resolves at once when the view is not loading', async () => {
    document.body.innerHTML = '<main data-gar-vue="ressources"></main>';
    await whenNoneMatch('main[aria-busy="true"]', { signal: new AbortController().signal, timeoutMs: 1000 });
  });

  it('waits until the view has loaded', async () => {
    document.body.innerHTML = '<main data-gar-vue="ressources" aria-busy="true"></main>';
    let settled = false;
    const waiting = whenNoneMatch('main[aria-busy="true"]', {
      signal: new AbortController().signal,
      timeoutMs: 5000,
    }).then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    document.querySelector('main')?.removeAttribute('aria-busy');
    await waiting;
    expect(settled).toBe(true);
  });

  it('gives up waiting after its timeout or when aborted', async () => {
    document.body.innerHTML = '<main aria-busy="true"></main>';
    const started = Date.now();
    await whenNoneMatch('main[aria-busy="true"]', { signal: new AbortController().signal, timeoutMs: 30 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const controller = new AbortController();
    const aborted = whenNoneMatch('main[aria-busy="true"]', { signal: controller.signal, timeoutMs: 60_000 });
    controller.abort();
    await aborted;
  });
});
