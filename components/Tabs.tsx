import type { ComponentChildren } from 'preact';

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

/** The index a key moves to among `count` tabs (wrapping), or null for another key. */
export function tabMoveOf(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'ArrowRight') return (index + 1) % count;
  if (key === 'ArrowLeft') return (index - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/** The ids that link a tab and its panel (aria-controls, aria-labelledby). */
export function tabIdsOf(prefix: string, id: string): { tab: string; panel: string } {
  return { tab: `${prefix}-onglet-${id}`, panel: `${prefix}-panneau-${id}` };
}

export interface TabsProps<T extends string> {
  /** Prefixes the tabs' and panels' ids: unique in the document, or in the shadow root. */
  idPrefix: string;
  /** The tab list's accessible name. */
  label: string;
  tabs: readonly TabItem<T>[];
  selected: T;
  onSelect(id: T): void;
  /** The list's, each tab's and each panel's class; the selected tab says so by aria-selected. */
  classes: { root?: string; list: string; tab: string; panel?: string };
  /** A panel that does not start with something focusable joins the Tab order (WAI-ARIA). */
  panelFocusable?: boolean;
  /** The selected panel's content; the other panels stay empty. */
  children: ComponentChildren;
}

/**
 * A tab list as WAI-ARIA describes it: one tab in the Tab order (roving tabindex), arrows, Home
 * and End move and select. The tab to focus is found in the list itself rather than by id, so it
 * works inside a shadow root as well as in a page.
 */
export function Tabs<T extends string>({
  idPrefix,
  label,
  tabs,
  selected,
  onSelect,
  classes,
  panelFocusable = false,
  children,
}: TabsProps<T>) {
  const onKeyDown = (event: KeyboardEvent): void => {
    const index = tabs.findIndex((tab) => tab.id === selected);
    const next = tabMoveOf(event.key, index, tabs.length) ?? -1;
    const target = tabs[next];
    if (!target) return;
    event.preventDefault();
    onSelect(target.id);
    const list = event.currentTarget as HTMLElement;
    list.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div class={classes.root}>
      <div role="tablist" aria-label={label} class={classes.list} onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const active = tab.id === selected;
          const ids = tabIdsOf(idPrefix, tab.id);
          return (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={ids.tab}
              class={classes.tab}
              aria-selected={active}
              aria-controls={ids.panel}
              tabIndex={active ? 0 : -1}
              onClick={() => onSelect(tab.id)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => {
        const ids = tabIdsOf(idPrefix, tab.id);
        const active = tab.id === selected;
        return (
          <div
            key={tab.id}
            role="tabpanel"
            id={ids.panel}
            aria-labelledby={ids.tab}
            tabIndex={panelFocusable ? 0 : undefined}
            hidden={!active}
            class={classes.panel}
          >
            {active && children}
          </div>
        );
      })}
    </div>
  );
}
