import { afterEach, describe, expect, it } from 'vitest';
import { attachRowBadge, type RowBadge } from '../../../components/attach-expiry-badge';

const MARKS = { hostAttribute: 'data-test-hote', dataName: 'data-test-badge' };
const URGENT: RowBadge = { tone: 'urgent', icon: '⚠', label: 'expire dans 5 j', detail: 'Fin : 09/12/2026' };

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

function rows(count: number): HTMLElement[] {
  document.body.innerHTML = Array.from({ length: count }, (_, index) => `<p id="r${index}"></p>`).join('');
  return [...document.querySelectorAll<HTMLElement>('p')];
}

describe('row badges without a shadow root', () => {
  it('put one stylesheet in the document for all of them, and put it back if the page removed it', () => {
    const signal = new AbortController().signal;
    for (const row of rows(3)) attachRowBadge(row, URGENT, signal, MARKS);
    expect(document.querySelectorAll('style[data-cg-badges]')).toHaveLength(1);
    document.querySelector('style[data-cg-badges]')?.remove();
    const added = document.body.appendChild(document.createElement('p'));
    attachRowBadge(added, URGENT, signal, MARKS);
    expect(document.querySelectorAll('style[data-cg-badges]')).toHaveLength(1);
  });

  it('say their tone in the attributes the stylesheet, the feature and the tests read', () => {
    const [row] = rows(1);
    const badge = attachRowBadge(row as HTMLElement, URGENT, new AbortController().signal, MARKS);
    const element = row?.querySelector('[data-cg-badge]');
    expect(element?.getAttribute('data-cg-badge')).toBe('urgent');
    expect(element?.getAttribute('data-test-hote')).toBe('urgent');
    expect(element?.getAttribute('data-test-badge')).toBe('urgent');
    expect(element?.textContent).toBe('⚠ expire dans 5 j');
    expect(element?.getAttribute('title')).toBe('Fin : 09/12/2026');
    badge?.update({ ...URGENT, tone: 'expire', icon: '✖', label: 'expiré depuis 1 j' });
    expect(element?.getAttribute('data-cg-badge')).toBe('expire');
    expect(element?.textContent).toBe('✖ expiré depuis 1 j');
  });

  it('are added once per host and feature, and go with the run', () => {
    const [row] = rows(1);
    const controller = new AbortController();
    attachRowBadge(row as HTMLElement, URGENT, controller.signal, MARKS);
    expect(attachRowBadge(row as HTMLElement, URGENT, controller.signal, MARKS)).toBeUndefined();
    expect(row?.querySelectorAll('[data-cg-badge]')).toHaveLength(1);
    controller.abort();
    expect(row?.querySelectorAll('[data-cg-badge]')).toHaveLength(0);
  });
});
