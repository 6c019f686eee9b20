/**
 * A selector observer: each element matching a selector is handled once, whether it is in the
 * page already, inserted later, or made to match by an attribute change.
 *
 * Why a MutationObserver rather than Refined GitHub's CSS-animation trick, which this replaced:
 * an `animationstart` arrives one frame after the page rendered its rows, so every badge written
 * then made the browser lay the whole table out again, and each row's event cost a dispatch; two
 * observers of one selector also fought over its single `animation` property. A mutation
 * callback runs in the same turn as the page's insertion, before any layout: the page's rows and
 * what the helpers add to them are laid out once (npm run bench, « console, coût par 100
 * lignes »). Every observer of a document shares one MutationObserver, and each added subtree is
 * searched once per selector, so the cost follows what the page adds, not its size.
 */

export interface ObserveOptions {
  signal: AbortSignal;
  /** The document to watch; a parameter so tests can pass their own. */
  root?: Document;
}

interface Watch {
  selector: string;
  handle(element: Element): void;
}

const ELEMENT_NODE = 1;

/** The observers of one document, behind one MutationObserver. */
class DocumentWatcher {
  private readonly watches = new Set<Watch>();
  private readonly observer = new MutationObserver((records) => this.onMutations(records));

  constructor(private readonly root: Document) {}

  add(watch: Watch): void {
    if (this.watches.size === 0) {
      this.observer.observe(this.root, { childList: true, subtree: true, attributes: true });
    }
    this.watches.add(watch);
  }

  remove(watch: Watch): void {
    this.watches.delete(watch);
    if (this.watches.size === 0) this.observer.disconnect();
  }

  private onMutations(records: MutationRecord[]): void {
    const changed = new Set<Element>();
    for (const record of records) {
      if (record.type === 'attributes') addElement(changed, record.target);
      else for (const node of record.addedNodes) addElement(changed, node);
    }
    // A copy: a handler may stop an observer (or start one) while the batch is handled.
    for (const watch of [...this.watches]) {
      for (const element of changed) {
        if (!element.isConnected || !this.watches.has(watch)) continue;
        if (element.matches(watch.selector)) watch.handle(element);
        for (const inside of element.querySelectorAll(watch.selector)) watch.handle(inside);
      }
    }
  }
}

function addElement(elements: Set<Element>, node: Node): void {
  if (node.nodeType === ELEMENT_NODE) elements.add(node as Element);
}

const watchers = new WeakMap<Document, DocumentWatcher>();

function watcherOf(root: Document): DocumentWatcher {
  let watcher = watchers.get(root);
  if (!watcher) {
    watcher = new DocumentWatcher(root);
    watchers.set(root, watcher);
  }
  return watcher;
}

export function observe<E extends Element = Element>(
  selector: string,
  onMatch: (element: E) => void,
  { signal, root = document }: ObserveOptions,
): void {
  if (signal.aborted) return;
  // A selector the browser refuses throws here, at the call, as it did with a stylesheet.
  const present = root.querySelectorAll(selector);
  const seen = new WeakSet<Element>();
  const watch: Watch = {
    selector,
    handle(element) {
      if (seen.has(element)) return;
      seen.add(element);
      onMatch(element as E);
    },
  };
  const watcher = watcherOf(root);
  watcher.add(watch);
  signal.addEventListener('abort', () => watcher.remove(watch), { once: true });
  for (const element of present) watch.handle(element);
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
