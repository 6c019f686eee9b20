import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** What takes focus with Tab in the UI we render: nothing exotic, so no library is needed. */
const TABBABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

/**
 * Where Tab (or Shift+Tab) goes among `count` tabbable elements so that it cycles and wraps.
 * `at` is the focused element's index among them when `onIt`; otherwise focus is on something
 * that is not tabbable (the dialog itself, a step's heading) and `at` is the index of the first
 * tabbable element after it (`count` if none).
 */
export function cycleIndex(count: number, at: number, onIt: boolean, backwards: boolean): number {
  const target = backwards ? at - 1 : onIt ? at + 1 : at;
  return (target + count) % count;
}

/** Hidden, disabled, inert, out of the Tab order, or not rendered (inside a closed <details>). */
function isTabbable(element: HTMLElement): boolean {
  const index = element.getAttribute('tabindex');
  if (index !== null && Number(index) < 0) return false;
  if (element.matches(':disabled') || element.closest('[hidden], [inert]')) return false;
  // What is really drawn: display none, a closed <details>' content (older browsers: taken as drawn).
  return typeof element.checkVisibility === 'function' ? element.checkVisibility() : true;
}

/** The elements Tab reaches inside `container`, in order. */
export function tabbablesIn(container: Element): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter(isTabbable);
}

/**
 * The element that has focus, looked for through open shadow roots: `document.activeElement`
 * is only the host of the shadow root that holds it.
 */
export function deepActiveElement(root: DocumentOrShadowRoot = document): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Moves focus to the next (or previous) tabbable element of `container`, wrapping at both ends. */
export function cycleFocus(container: HTMLElement, backwards: boolean): void {
  const items = tabbablesIn(container);
  if (items.length === 0) {
    container.focus();
    return;
  }
  const active = deepActiveElement();
  const inside = active !== null && container.contains(active);
  const onIt = inside ? items.indexOf(active as HTMLElement) : -1;
  const after = inside
    ? items.findIndex((item) => active.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING)
    : 0;
  const at = onIt >= 0 ? onIt : after < 0 ? items.length : after;
  items[cycleIndex(items.length, at, onIt >= 0, backwards)]?.focus();
}

function isPlainTab(event: KeyboardEvent): boolean {
  return event.key === 'Tab' && !event.altKey && !event.ctrlKey && !event.metaKey;
}

/** Escape and Tab for a modal dialog; every other key goes its way. */
function handleKey(event: KeyboardEvent, dialog: HTMLElement | null, onEscape: () => void): void {
  if (!dialog) return;
  if (event.key === 'Escape') {
    onEscape();
  } else if (isPlainTab(event)) {
    event.preventDefault();
    cycleFocus(dialog, event.shiftKey);
  }
}

/** Focus fell to <body>: the focused control was removed or disabled under it. */
function focusLost(): boolean {
  const active = deepActiveElement();
  return active === null || active === document.body;
}

export interface FocusTrapOptions {
  onEscape(): void;
  /** Where focus goes when the control that held it goes away (a step's heading, say). */
  onFocusLost(): void;
}

/**
 * Keeps the keyboard inside a modal dialog: Tab and Shift+Tab cycle through its controls and
 * wrap, Escape calls `onEscape`. Returns the dialog's keydown handler. When the focused control
 * goes away, focus is given back to the dialog instead of falling to <body>; and keys pressed
 * while focus is outside it anyway (the page behind) are caught on the document and brought back.
 */
export function useFocusTrap(
  dialog: RefObject<HTMLElement>,
  options: FocusTrapOptions,
): (event: KeyboardEvent) => void {
  // The latest callbacks, read when needed: the listeners are installed once.
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    const container = dialog.current;
    if (!container) return;
    const stray = (event: KeyboardEvent): void => {
      const active = deepActiveElement();
      if (active && container.contains(active)) return;
      handleKey(event, container, latest.current.onEscape);
    };
    // Capture: the page behind must not act on a key meant for the dialog.
    document.addEventListener('keydown', stray, true);
    const watcher = new MutationObserver(() => {
      if (container.isConnected && focusLost()) latest.current.onFocusLost();
    });
    watcher.observe(container, { childList: true, subtree: true, attributeFilter: ['disabled', 'hidden'] });
    return () => {
      watcher.disconnect();
      document.removeEventListener('keydown', stray, true);
    };
  }, [dialog]);
  return (event) => handleKey(event, dialog.current, latest.current.onEscape);
}
