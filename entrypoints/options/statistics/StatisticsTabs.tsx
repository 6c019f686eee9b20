import type { Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { type TabItem, Tabs } from '../../../components/Tabs';
import { t } from '../../../utils/i18n';
import type { StatisticsView } from './statistics-view';

export type Tab = TabItem<StatisticsView>;

/**
 * The statistics views as a WAI-ARIA tab list (the shared Tabs): arrows select as they move, the
 * views draw fast; only the selected panel holds content, and it joins the Tab order.
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
  return (
    <Tabs
      idPrefix="cg-stats"
      label={t('statsTabsLabel')}
      tabs={tabs}
      selected={selected.value}
      onSelect={(view) => {
        selected.value = view;
      }}
      classes={{
        root: 'cg-stats-vues',
        list: 'cg-stats-onglets',
        tab: 'cg-stats-onglet',
        panel: 'cg-stats-panneau',
      }}
      panelFocusable
    >
      {children}
    </Tabs>
  );
}
