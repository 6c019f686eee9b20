import type { Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { t } from '../../utils/i18n';
import type { StatisticsView } from './statistics-view';

export interface Tab {
  id: StatisticsView;
  label: string;
}

const tabId = (view: StatisticsView): string => `cg-stats-onglet-${view}`;
const panelId = (view: StatisticsView): string => `cg-stats-panneau-${view}`;

/** The index a key moves to among `count` tabs (wrapping), or null for another key. */
function moveOf(key: string, index: number, count: number): number | null {
  if (key === 'ArrowRight') return (index + 1) % count;
  if (key === 'ArrowLeft') return (index - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/**
 * A tab list as WAI-ARIA describes it: one tab in the Tab order, arrows, Home and End move and
 * select (the views draw fast); only the selected panel holds content.
 */
export function StatisticsTabs({
  tabs,
  selected,
  children,
}: {
  tabs: Tab[];
  selected: Signal<StatisticsView>;
  children: ComponentChildren;
}) {
  const onKeyDown = (event: KeyboardEvent): void => {
    const index = tabs.findIndex((tab) => tab.id === selected.value);
    const next = tabs[moveOf(event.key, index, tabs.length) ?? -1];
    if (!next) return;
    event.preventDefault();
    selected.value = next.id;
    document.getElementById(tabId(next.id))?.focus();
  };
  return (
    <div class="cg-stats-vues">
      <div role="tablist" aria-label={t('statsTabsLabel')} class="cg-stats-onglets" onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const active = tab.id === selected.value;
          return (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={tabId(tab.id)}
              class="cg-stats-onglet"
              aria-selected={active}
              aria-controls={panelId(tab.id)}
              tabIndex={active ? 0 : -1}
              onClick={() => {
                selected.value = tab.id;
              }}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={panelId(tab.id)}
          aria-labelledby={tabId(tab.id)}
          tabIndex={0}
          hidden={tab.id !== selected.value}
          class="cg-stats-panneau"
        >
          {tab.id === selected.value && children}
        </div>
      ))}
    </div>
  );
}
