/**
 * A selector observer in the manner of Refined GitHub's: instead of a MutationObserver that
 * wakes on every DOM change of a busy console, a CSS animation is attached to the selector and
 * the browser tells us through `animationstart` when a matching element is inserted. Elements
 * already present are handled at once. Each element is handled once per observer.
 */

let observerCount = 0;

export interface ObserveOptions {
  signal: AbortSignal;
  /** The document to watch; a parameter so tests can pass their own. */
  root?: Document;
}

export function observe<E extends Element = Element>(
  selector: string,
  onMatch: (element: E) => void,
  { signal, root = document }: ObserveOptions,
): void {
  if (signal.aborted) return;
  const animationName = `cg-seen-${++observerCount}`;
  const seen = new WeakSet<Element>();
  const handle = (element: Element): void => {
    if (seen.has(element) || !element.matches(selector)) return;
    seen.add(element);
    onMatch(element as E);
  };

  const style = root.createElement('style');
  // 1 ms with a zero-cost keyframe: invisible, but enough for `animationstart` to fire.
  style.textContent = `@keyframes ${animationName} {} :is(${selector}) { animation: 1ms ${animationName}; }`;
  root.head.append(style);

  const onAnimationStart = (event: Event): void => {
    const { animationName: name } = event as AnimationEvent;
    if (name === animationName && event.target instanceof Element) handle(event.target);
  };
  root.addEventListener('animationstart', onAnimationStart, true);
  signal.addEventListener('abort', () => {
    root.removeEventListener('animationstart', onAnimationStart, true);
    style.remove();
  });

  for (const element of root.querySelectorAll(selector)) handle(element);
}

export interface SettleOptions extends ObserveOptions {
  /** A page that never clears its mark still gets its helpers after this long. */
  timeoutMs: number;
}

/**
 * Resolves once no element matches `selector` — a host's « view loading » mark such as
 * `[aria-busy="true"]` — or after `timeoutMs`, or when the signal is aborted. One observer of
 * attribute and child changes, for the short while a view loads.
 */
export function whenNoneMatch(
  selector: string,
  { signal, root = document, timeoutMs }: SettleOptions,
): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || !root.querySelector(selector)) {
      resolve();
      return;
    }
    const done = (): void => {
      observer.disconnect();
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const observer = new MutationObserver(() => {
      if (!root.querySelector(selector)) done();
    });
    observer.observe(root.documentElement, { attributes: true, childList: true, subtree: true });
    const timer = setTimeout(done, timeoutMs);
    signal.addEventListener('abort', done, { once: true });
  });
}
