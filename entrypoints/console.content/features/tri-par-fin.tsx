import { useSignal } from '@preact/signals';
import { mountShadowUi } from '../../../components/mount-shadow-ui';
import { settingsOnce } from '../../../utils/client';
import type { FeatureDefinition } from '../../../utils/features';
import { type ExpiryThresholds, expiryThresholdsOf } from '../../../utils/gar/expiry';
import { daysLeft } from '../../../utils/gar/validity';
import {
  CONSOLE_SELECTORS,
  consoleViewOf,
  resourceRows,
  rowEndDate,
} from '../../../utils/hosts/console/page';
import { t, tn } from '../../../utils/i18n';

type Filter = 'toutes' | 'expirees' | 'bientot' | 'plusTard';

/** Whether a row passes the filter, from the end date the row shows. */
function keeps(filter: Filter, end: Date | null, now: Date, soon: number, later: number): boolean {
  if (filter === 'toutes') return true;
  if (!end) return false;
  const left = daysLeft(end, now);
  if (filter === 'expirees') return end.getTime() < now.getTime();
  return end.getTime() >= now.getTime() && left <= (filter === 'bientot' ? soon : later);
}

/** The rows as the console shows them now (the page in front of the RA). */
function rows(): HTMLElement[] {
  return resourceRows(document);
}

/** Soonest end first, rows without a date last; a stable sort keeps the console's order otherwise. */
function sortRowsByEnd(): void {
  const list = rows();
  const body = list[0]?.parentElement;
  if (!body) return;
  const end = (row: HTMLElement): number => rowEndDate(row)?.getTime() ?? Number.POSITIVE_INFINITY;
  body.append(...[...list].sort((a, b) => end(a) - end(b)));
}

/** Rows listed but none shows its end date: the console changed, sorting would mislead. */
function Unavailable() {
  return (
    <div class="cg-tri" role="group" aria-label={t('sortToolbar')}>
      <p class="cg-indisponible" role="status" data-cg-indisponible>
        <span aria-hidden="true">⚠ </span>
        {t('sortUnavailable')}
      </p>
    </div>
  );
}

function Toolbar({ thresholds }: { thresholds: ExpiryThresholds }) {
  const { soonDays: soon, laterDays: later } = thresholds;
  const filter = useSignal<Filter>('toutes');
  const shown = useSignal<number | null>(null);
  const list = rows();
  if (list.length > 0 && !list.some((row) => rowEndDate(row))) return <Unavailable />;
  const apply = (next: Filter): void => {
    filter.value = next;
    const now = new Date();
    let count = 0;
    for (const row of rows()) {
      const visible = keeps(next, rowEndDate(row), now, soon, later);
      row.hidden = !visible;
      if (visible) count++;
    }
    shown.value = next === 'toutes' ? null : count;
  };
  return (
    <div class="cg-tri" role="group" aria-label={t('sortToolbar')}>
      <span class="cg-tri__logo" aria-hidden="true">
        ◆
      </span>
      <label>
        {t('sortFilterLabel')}{' '}
        <select value={filter.value} onChange={(event) => apply(event.currentTarget.value as Filter)}>
          <option value="toutes">{t('sortFilterAll')}</option>
          <option value="expirees">{t('sortFilterExpired')}</option>
          <option value="bientot">{t('sortFilterSoon', String(soon))}</option>
          <option value="plusTard">{t('sortFilterLater', String(later))}</option>
        </select>
      </label>
      <button type="button" class="cg-bouton" onClick={sortRowsByEnd}>
        {t('sortByEnd')}
      </button>
      {shown.value !== null && (
        <span role="status" class="cg-tri__compte">
          {tn(shown.value, 'sortShown')}
        </span>
      )}
    </div>
  );
}

/** Sort and filter Parcours ressource by end date: "what ends before June?" in two clicks. */
export const triParFin: FeatureDefinition = {
  id: 'tri-par-fin',
  anchors: () => ['resourceTable', 'resourceRowEnd'],
  label: 'featureTriParFin',
  include: [(url) => consoleViewOf(url) === 'ressources'],
  async init(context) {
    const { content, signal, observe } = context;
    const settings = await settingsOnce(context);
    // What the sort reads: if the console stops showing it, the health report says so.
    observe(CONSOLE_SELECTORS.resourceRowEnd, () => undefined);
    observe(CONSOLE_SELECTORS.resourceTable, (table) => {
      void mountShadowUi(
        content,
        {
          name: 'cg-tri-par-fin',
          label: t('sortToolbar'),
          anchor: table,
          append: 'before',
          position: 'inline',
          signal,
          onError: context.fail,
        },
        () => <Toolbar thresholds={expiryThresholdsOf(settings)} />,
      );
    });
  },
};
