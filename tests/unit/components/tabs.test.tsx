import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { Tabs, tabIdsOf, tabMoveOf } from '../../../components/Tabs';

afterEach(() => {
  render(null, document.body);
  document.body.innerHTML = '';
});

describe('tabMoveOf', () => {
  it('Right and Left move one tab and wrap; Home and End go to the ends', () => {
    expect(tabMoveOf('ArrowRight', 0, 3)).toBe(1);
    expect(tabMoveOf('ArrowRight', 2, 3)).toBe(0);
    expect(tabMoveOf('ArrowLeft', 0, 3)).toBe(2);
    expect(tabMoveOf('ArrowLeft', 2, 3)).toBe(1);
    expect(tabMoveOf('Home', 2, 3)).toBe(0);
    expect(tabMoveOf('End', 0, 3)).toBe(2);
  });

  it('other keys, or no tab at all, move nothing', () => {
    expect(tabMoveOf('ArrowDown', 1, 3)).toBeNull();
    expect(tabMoveOf('Enter', 1, 3)).toBeNull();
    expect(tabMoveOf('ArrowRight', 0, 0)).toBeNull();
  });
});

type Kind = 'division' | 'groupe' | 'niveau';
const TABS: { id: Kind; label: string }[] = [
  { id: 'division', label: 'Divisions' },
  { id: 'groupe', label: 'Groupes' },
  { id: 'niveau', label: 'Niveaux' },
];

function Example() {
  const [selected, select] = useState<Kind>('division');
  return (
    <Tabs
      idPrefix="essai"
      label="Type de cible"
      tabs={TABS}
      selected={selected}
      onSelect={(id) => select(id)}
      classes={{ list: 'liste', tab: 'onglet' }}
    >
      <p>Contenu {selected}</p>
    </Tabs>
  );
}

function mount(): { tabs: HTMLElement[]; panels: HTMLElement[]; list: HTMLElement } {
  const container = document.createElement('div');
  document.body.append(container);
  act(() => render(<Example />, container));
  return {
    tabs: [...container.querySelectorAll<HTMLElement>('[role="tab"]')],
    panels: [...container.querySelectorAll<HTMLElement>('[role="tabpanel"]')],
    list: container.querySelector<HTMLElement>('[role="tablist"]') as HTMLElement,
  };
}

function press(target: HTMLElement, key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  act(() => {
    target.dispatchEvent(event);
  });
  return event;
}

describe('Tabs', () => {
  it('links each tab and its panel, and puts only the selected tab in the Tab order', () => {
    const { tabs, panels, list } = mount();
    expect(list.getAttribute('aria-label')).toBe('Type de cible');
    tabs.forEach((tab, index) => {
      const ids = tabIdsOf('essai', TABS[index]?.id ?? '');
      expect(tab.id).toBe(ids.tab);
      expect(tab.getAttribute('aria-controls')).toBe(ids.panel);
      expect(panels[index]?.id).toBe(ids.panel);
      expect(panels[index]?.getAttribute('aria-labelledby')).toBe(ids.tab);
    });
    expect(tabs.map((tab) => tab.getAttribute('tabindex'))).toEqual(['0', '-1', '-1']);
    expect(tabs.map((tab) => tab.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(panels.map((panel) => panel.hidden)).toEqual([false, true, true]);
    expect(panels[0]?.textContent).toBe('Contenu division');
    expect(panels[1]?.textContent).toBe('');
  });

  it('arrows, Home and End select the tab they reach and move focus to it', () => {
    const { tabs, panels } = mount();
    tabs[0]?.focus();
    expect(press(tabs[0] as HTMLElement, 'ArrowRight').defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(tabs[1]);
    expect(tabs[1]?.getAttribute('aria-selected')).toBe('true');
    expect(tabs.map((tab) => tab.getAttribute('tabindex'))).toEqual(['-1', '0', '-1']);
    expect(panels[1]?.textContent).toBe('Contenu groupe');

    press(tabs[1] as HTMLElement, 'End');
    expect(document.activeElement).toBe(tabs[2]);
    press(tabs[2] as HTMLElement, 'ArrowRight');
    expect(document.activeElement).toBe(tabs[0]);
    expect(tabs[0]?.getAttribute('aria-selected')).toBe('true');
    press(tabs[0] as HTMLElement, 'ArrowLeft');
    expect(document.activeElement).toBe(tabs[2]);
    press(tabs[2] as HTMLElement, 'Home');
    expect(document.activeElement).toBe(tabs[0]);
  });

  it('leaves other keys to the page', () => {
    const { tabs } = mount();
    tabs[0]?.focus();
    expect(press(tabs[0] as HTMLElement, 'Tab').defaultPrevented).toBe(false);
    expect(tabs[0]?.getAttribute('aria-selected')).toBe('true');
  });

  it('works inside a shadow root, where the tabs cannot be found by document.getElementById', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    act(() => render(<Example />, root));
    const tabs = [...root.querySelectorAll<HTMLElement>('[role="tab"]')];
    tabs[0]?.focus();
    press(tabs[0] as HTMLElement, 'ArrowRight');
    expect(root.activeElement).toBe(tabs[1]);
    act(() => render(null, root));
  });
});
