import { describe, expect, it } from 'vitest';
import { observe } from '../../utils/observe';

function fireAnimationStart(element: Element, animationName: string): void {
  const event = new Event('animationstart', { bubbles: true });
  Object.defineProperty(event, 'animationName', { value: animationName });
  element.dispatchEvent(event);
}

function observerAnimationName(): string {
  const style = [...document.head.querySelectorAll('style')].at(-1);
  const name = style?.textContent?.match(/@keyframes (\S+)/)?.[1];
  if (!name) throw new Error('no observer style');
  return name;
}

describe('observe', () => {
  it('handles elements already in the page at once', () => {
    document.body.innerHTML = '<table><tr class="ligne"></tr><tr class="ligne"></tr></table>';
    const seen: Element[] = [];
    observe('.ligne', (element) => seen.push(element), { signal: new AbortController().signal });
    expect(seen).toHaveLength(2);
  });

  it('handles inserted elements once, when their animation starts', () => {
    document.body.innerHTML = '';
    const seen: Element[] = [];
    observe('.ligne', (element) => seen.push(element), { signal: new AbortController().signal });
    const row = document.createElement('div');
    row.className = 'ligne';
    document.body.append(row);
    const name = observerAnimationName();
    fireAnimationStart(row, name);
    fireAnimationStart(row, name);
    expect(seen).toEqual([row]);
  });

  it('ignores animations that are not its own', () => {
    document.body.innerHTML = '';
    const seen: Element[] = [];
    observe('.ligne', (element) => seen.push(element), { signal: new AbortController().signal });
    const row = document.createElement('div');
    row.className = 'ligne';
    document.body.append(row);
    fireAnimationStart(row, 'fondu-de-la-console');
    expect(seen).toEqual([]);
  });

  it('stops and removes its style when the signal aborts', () => {
    document.body.innerHTML = '';
    const controller = new AbortController();
    const seen: Element[] = [];
    observe('.ligne', (element) => seen.push(element), { signal: controller.signal });
    const name = observerAnimationName();
    controller.abort();
    expect(document.head.textContent).not.toContain(name);
    const row = document.createElement('div');
    row.className = 'ligne';
    document.body.append(row);
    fireAnimationStart(row, name);
    expect(seen).toEqual([]);
  });
});
