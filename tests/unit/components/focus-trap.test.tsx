import { render } from 'preact';
import { useRef } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cycleFocus,
  cycleIndex,
  deepActiveElement,
  tabbablesIn,
  useFocusTrap,
} from '../../../components/focus-trap';

afterEach(() => {
  render(null, document.body);
  document.body.innerHTML = '';
});

describe('cycleIndex', () => {
  it('moves one step from a tabbable element, and wraps at both ends', () => {
    expect(cycleIndex(4, 1, true, false)).toBe(2);
    expect(cycleIndex(4, 1, true, true)).toBe(0);
    expect(cycleIndex(4, 3, true, false)).toBe(0);
    expect(cycleIndex(4, 0, true, true)).toBe(3);
  });

  it('from something before every tabbable element (the dialog itself): the first, or the last backwards', () => {
    expect(cycleIndex(4, 0, false, false)).toBe(0);
    expect(cycleIndex(4, 0, false, true)).toBe(3);
  });

  it('from a heading between two controls: the one after it, or the one before it', () => {
    expect(cycleIndex(4, 2, false, false)).toBe(2);
    expect(cycleIndex(4, 2, false, true)).toBe(1);
  });

  it('from something after every tabbable element: wraps to the first, or the last backwards', () => {
    expect(cycleIndex(4, 4, false, false)).toBe(0);
    expect(cycleIndex(4, 4, false, true)).toBe(3);
  });

  it('with a single control, stays on it', () => {
    expect(cycleIndex(1, 0, true, false)).toBe(0);
    expect(cycleIndex(1, 0, true, true)).toBe(0);
  });
});

function dialogOf(html: string): HTMLElement {
  const dialog = document.createElement('div');
  dialog.tabIndex = -1;
  dialog.innerHTML = html;
  document.body.append(dialog);
  return dialog;
}

describe('tabbablesIn', () => {
  it('lists what Tab reaches, in order, and leaves out the disabled, the hidden and tabindex -1', () => {
    const dialog = dialogOf(`
      <button id="a">a</button>
      <h3 tabindex="-1">heading</h3>
      <button id="disabled" disabled>x</button>
      <div hidden><button id="hidden">x</button></div>
      <div style="display: none"><button id="undrawn">x</button></div>
      <details><summary id="summary">more</summary></details>
      <input id="field" type="search">
      <a id="link" href="#x">link</a>
      <a id="no-href">not a link</a>
      <select id="select"><option>1</option></select>
      <div id="focusable" tabindex="0">panel</div>
      <button id="z">z</button>`);
    expect(tabbablesIn(dialog).map((element) => element.id)).toEqual([
      'a',
      'summary',
      'field',
      'link',
      'select',
      'focusable',
      'z',
    ]);
  });
});

describe('cycleFocus', () => {
  const html = '<button id="first">1</button><h3 id="title" tabindex="-1">t</h3><button id="last">2</button>';

  it('wraps from the last control to the first, and back', () => {
    const dialog = dialogOf(html);
    dialog.querySelector<HTMLElement>('#last')?.focus();
    cycleFocus(dialog, false);
    expect(document.activeElement?.id).toBe('first');
    cycleFocus(dialog, true);
    expect(document.activeElement?.id).toBe('last');
  });

  it('from the dialog itself or a heading, goes to the control after it (or before it, backwards)', () => {
    const dialog = dialogOf(html);
    dialog.focus();
    cycleFocus(dialog, true);
    expect(document.activeElement?.id).toBe('last');
    dialog.querySelector<HTMLElement>('#title')?.focus();
    cycleFocus(dialog, false);
    expect(document.activeElement?.id).toBe('last');
    dialog.querySelector<HTMLElement>('#title')?.focus();
    cycleFocus(dialog, true);
    expect(document.activeElement?.id).toBe('first');
  });

  it('from outside the dialog, goes into it', () => {
    const outside = document.createElement('button');
    document.body.append(outside);
    const dialog = dialogOf(html);
    outside.focus();
    cycleFocus(dialog, false);
    expect(document.activeElement?.id).toBe('first');
  });

  it('with nothing to focus, focus stays on the dialog', () => {
    const dialog = dialogOf('<p>only text</p>');
    cycleFocus(dialog, false);
    expect(document.activeElement).toBe(dialog);
  });
});

describe('deepActiveElement', () => {
  it('finds the focused element inside an open shadow root, where document.activeElement is the host', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const button = document.createElement('button');
    host.attachShadow({ mode: 'open' }).append(button);
    button.focus();
    expect(document.activeElement).toBe(host);
    expect(deepActiveElement()).toBe(button);
  });
});

function Trapped({
  onEscape,
  onFocusLost,
  withMiddle,
}: {
  onEscape(): void;
  onFocusLost(): void;
  withMiddle: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const onKeyDown = useFocusTrap(ref, { onEscape, onFocusLost });
  return (
    <div ref={ref} tabIndex={-1} onKeyDown={onKeyDown} data-testid="dialog">
      <button id="first" type="button">
        1
      </button>
      {withMiddle && (
        <button id="middle" type="button">
          2
        </button>
      )}
      <details>
        <summary id="last">3</summary>
      </details>
    </div>
  );
}

function key(target: EventTarget, init: KeyboardEventInit): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, composed: true, ...init });
  target.dispatchEvent(event);
  return event;
}

describe('useFocusTrap', () => {
  function mount(withMiddle = true) {
    const onEscape = vi.fn();
    const onFocusLost = vi.fn();
    const container = document.createElement('div');
    document.body.append(container);
    act(() => {
      render(<Trapped onEscape={onEscape} onFocusLost={onFocusLost} withMiddle={withMiddle} />, container);
    });
    const byId = (id: string) => container.querySelector<HTMLElement>(`#${id}`) as HTMLElement;
    return { onEscape, onFocusLost, container, byId };
  }

  it('Tab on the last control goes to the first; Shift+Tab on the first, to the last', () => {
    const { byId } = mount();
    byId('last').focus();
    const event = key(byId('last'), { key: 'Tab' });
    expect(event.defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('first');
    key(byId('first'), { key: 'Tab', shiftKey: true });
    expect(document.activeElement?.id).toBe('last');
  });

  it('Escape from a nested control calls onEscape; other keys are left alone', () => {
    const { byId, onEscape } = mount();
    byId('middle').focus();
    expect(key(byId('middle'), { key: 'ArrowDown' }).defaultPrevented).toBe(false);
    key(byId('middle'), { key: 'Escape' });
    expect(onEscape).toHaveBeenCalledTimes(1);
  });

  it('keys pressed while focus has fallen to <body> are brought back to the dialog', () => {
    const { onEscape } = mount();
    (document.activeElement as HTMLElement | null)?.blur();
    const tab = key(document.body, { key: 'Tab' });
    expect(tab.defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('first');
    (document.activeElement as HTMLElement).blur();
    key(document.body, { key: 'Escape' });
    expect(onEscape).toHaveBeenCalledTimes(1);
  });

  it('when the focused control goes away, onFocusLost is called', async () => {
    const { byId, onFocusLost, container } = mount(true);
    byId('middle').focus();
    act(() => {
      render(<Trapped onEscape={vi.fn()} onFocusLost={onFocusLost} withMiddle={false} />, container);
    });
    await vi.waitFor(() => expect(onFocusLost).toHaveBeenCalled());
  });

  it('stops listening once the dialog is gone', () => {
    const { onEscape, container } = mount();
    act(() => render(null, container));
    key(document.body, { key: 'Escape' });
    expect(onEscape).not.toHaveBeenCalled();
  });
});
