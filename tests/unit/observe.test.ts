import { describe, expect, it } from 'vitest';
import { observe } from '../../utils/observe';

/** Mutation callbacks run as microtasks: after this, every one queued so far has run. */
const mutationsHandled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function row(className = 'ligne'): HTMLElement {
  const element = document.createElement('div');
  element.className = className;
  return element;
}

describe('observe', () => {
  it('handles elements already in the page at once', () => {
    document.body.innerHTML = '<table><tr class="ligne"></tr><tr class="ligne"></tr></table>';
    const seen: Element[] = [];
    observe('.ligne', (element) => seen.push(element), { signal: new AbortController().signal });
    expect(seen).toHaveLength(2);
  });

  it('handles inserted elements once, before the page is laid out again', async () => {
    document.body.innerHTML = '';
    const seen: Element[] = [];
    observe('.ligne', (element) => seen.push(element), { signal: new AbortController().signal });
    const first = row();
    document.body.append(first);
    first.remove();
    document.body.append(first);
    await mutationsHandled();
    expect(seen).toEqual([first]);
  });

  it('finds matches inside an inserted subtree, such as a table body rendered at once', async () => {
    document.body.innerHTML = '';
    const seen: Element[] = [];
    observe('.ligne', (element) => seen.push(element), { signal: new AbortController().signal });
    const body = document.createElement('section');
    const rows = [row(), row(), row()];
    body.append(...rows, row('autre'));
    document.body.append(body);
    await mutationsHandled();
    expect(seen).toEqual(rows);
  });

  it('handles an element an attribute change makes match, on it or on an ancestor', async () => {
    document.body.innerHTML = '<div id="vue"><p class="ligne"></p></div><p id="seule"></p>';
    const seen: string[] = [];
    observe('[data-pret] .ligne, p[data-pret]', (element) => seen.push(element.id || 'ligne'), {
      signal: new AbortController().signal,
    });
    document.getElementById('vue')?.setAttribute('data-pret', '');
    document.getElementById('seule')?.setAttribute('data-pret', '');
    await mutationsHandled();
    expect(seen.sort()).toEqual(['ligne', 'seule']);
  });

  it('lets two observers of the same selector both see each element', async () => {
    document.body.innerHTML = '';
    const first: Element[] = [];
    const second: Element[] = [];
    const { signal } = new AbortController();
    observe('.ligne', (element) => first.push(element), { signal });
    observe('.ligne', (element) => second.push(element), { signal });
    const inserted = row();
    document.body.append(inserted);
    await mutationsHandled();
    expect([first, second]).toEqual([[inserted], [inserted]]);
  });

  it('ignores elements removed before it could look at them', async () => {
    document.body.innerHTML = '';
    const seen: Element[] = [];
    observe('.ligne', (element) => seen.push(element), { signal: new AbortController().signal });
    const gone = row();
    document.body.append(gone);
    gone.remove();
    await mutationsHandled();
    expect(seen).toEqual([]);
  });

  it('stops when its signal aborts, and the others go on', async () => {
    document.body.innerHTML = '';
    const controller = new AbortController();
    const stopped: Element[] = [];
    const going: Element[] = [];
    observe('.ligne', (element) => stopped.push(element), { signal: controller.signal });
    observe('.ligne', (element) => going.push(element), { signal: new AbortController().signal });
    controller.abort();
    const inserted = row();
    document.body.append(inserted);
    await mutationsHandled();
    expect([stopped, going]).toEqual([[], [inserted]]);
  });

  it('refuses a selector the browser refuses, at the call', () => {
    expect(() => observe('tr:::', () => undefined, { signal: new AbortController().signal })).toThrow();
  });
});
