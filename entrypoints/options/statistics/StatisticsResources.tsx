import { type Signal, useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useMemo, useRef } from 'preact/hooks';
import type uPlot from 'uplot';
import { indicatorsCsvRows, type Period, type ResourceIndicators } from '../../../utils/gar/usage-stats';
import { type MessageKey, t, tnShown } from '../../../utils/i18n';
import { StatisticsChart } from './StatisticsChart';
import { StatisticsExports } from './StatisticsExports';
import { resourcesDescription, resourcesSpec } from './statistics-specs';
import {
  CHART_MAX_BARS,
  DEFAULT_SORT,
  type IndicatorColumn,
  type IndicatorSort,
  leastUsedPerLicence,
  nextSort,
  sortIndicators,
  statisticsFileName,
} from './statistics-view';
import {
  formatCount,
  formatLicences,
  formatPercent,
  formatRatio,
  UNKNOWN,
  USAGE_LOOKS,
  usageRuleText,
} from './statistics-words';

/** A resource's verdict: icon and words, the colour only doubles them. */
export function UsageVerdict({ row }: { row: Pick<ResourceIndicators, 'usage'> }) {
  const look = USAGE_LOOKS[row.usage];
  return (
    <span class={`cg-stats-usage cg-stats-usage--${look.tone}`}>
      <span aria-hidden="true">{look.icon}</span> {t(look.key)}
    </span>
  );
}

function count(value: number | null): string {
  return value === null ? UNKNOWN : formatCount(value);
}

interface Column {
  column: IndicatorColumn;
  label: MessageKey;
  /** The whole name, when the visible label leans on its group's heading (« Licences », « Accès »). */
  name?: MessageKey;
  numeric: boolean;
  show: (row: ResourceIndicators) => ComponentChildren;
}

const TITLE: Column = {
  column: 'libelle',
  label: 'statsColResource',
  numeric: false,
  show: (row) => row.libelle,
};

const LICENCE_COLUMNS: Column[] = [
  {
    column: 'licencesAchetees',
    label: 'statsColBought',
    name: 'statsCardBought',
    numeric: true,
    show: (row) => formatLicences(row.licencesAchetees),
  },
  {
    column: 'licencesAffectees',
    label: 'statsColAssigned',
    name: 'statsCardAssigned',
    numeric: true,
    show: (row) => count(row.licencesAffectees),
  },
  {
    column: 'tauxAffectation',
    label: 'statsColAssignedRate',
    numeric: true,
    show: (row) => formatPercent(row.tauxAffectation),
  },
  {
    column: 'licencesNonAffectees',
    label: 'statsColUnassigned',
    name: 'statsCardUnassigned',
    numeric: true,
    show: (row) => count(row.licencesNonAffectees),
  },
];

const ACCESS_COLUMNS: Column[] = [
  {
    column: 'acces',
    label: 'statsColAcces',
    name: 'statsColAccesName',
    numeric: true,
    show: (row) => formatCount(row.acces),
  },
  {
    column: 'utilisateursMaxMois',
    label: 'statsColUsers',
    numeric: true,
    show: (row) => count(row.utilisateursMaxMois),
  },
  {
    column: 'accesParLicence',
    label: 'statsColPerLicence',
    name: 'statsColPerLicenceName',
    numeric: true,
    show: (row) => formatRatio(row.accesParLicence),
  },
  {
    column: 'accesParLicenceParMois',
    label: 'statsColPerLicenceMonth',
    name: 'statsColPerLicenceMonthName',
    numeric: true,
    show: (row) => formatRatio(row.accesParLicenceParMois),
  },
];

const VERDICT: Column = {
  column: 'usage',
  label: 'statsColUsage',
  numeric: false,
  show: (row) => <UsageVerdict row={row} />,
};

/** Every column in order: the title, the licences, the accès, the verdict. */
const COLUMNS = [TITLE, ...LICENCE_COLUMNS, ...ACCESS_COLUMNS, VERDICT];

/** A column header that sorts by its column; `aria-sort` says how the table is sorted now. */
function SortHeader({
  column,
  sort,
  rowSpan,
}: {
  column: Column;
  sort: Signal<IndicatorSort>;
  rowSpan?: number;
}) {
  const active = sort.value.column === column.column;
  return (
    <th
      scope="col"
      rowSpan={rowSpan}
      class={column.numeric ? 'cg-nombre' : undefined}
      aria-sort={active ? sort.value.direction : undefined}
    >
      <button
        type="button"
        class="cg-stats-tri"
        aria-label={column.name ? t(column.name) : undefined}
        onClick={() => {
          sort.value = nextSort(sort.value, column.column);
        }}
      >
        {t(column.label)}
        <span aria-hidden="true" class="cg-stats-tri__sens">
          {active ? (sort.value.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}
        </span>
      </button>
    </th>
  );
}

/** Every indicator of every resource; a header click sorts by it (and again, the other way). */
function IndicatorsTable({ rows }: { rows: readonly ResourceIndicators[] }) {
  const sort = useSignal<IndicatorSort>(DEFAULT_SORT);
  const sorted = useMemo(() => sortIndicators(rows, sort.value), [rows, sort.value]);
  return (
    <div class="cg-stats-defilement">
      <table class="cg-stats-table cg-stats-table--indicateurs">
        <caption class="cg-invisible">{t('statsResourcesCaption')}</caption>
        <thead>
          <tr>
            <SortHeader column={TITLE} sort={sort} rowSpan={2} />
            <th scope="colgroup" colSpan={LICENCE_COLUMNS.length} class="cg-stats-groupe">
              {t('statsColGroupLicences')}
            </th>
            <th scope="colgroup" colSpan={ACCESS_COLUMNS.length} class="cg-stats-groupe">
              {t('statsColGroupAcces')}
            </th>
            <SortHeader column={VERDICT} sort={sort} rowSpan={2} />
          </tr>
          <tr>
            {[...LICENCE_COLUMNS, ...ACCESS_COLUMNS].map((column) => (
              <SortHeader key={column.column} column={column} sort={sort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.idRessource}>
              {COLUMNS.map(({ column, numeric, show }) =>
                column === 'libelle' ? (
                  <th key={column} scope="row">
                    {show(row)}
                  </th>
                ) : (
                  <td key={column} class={numeric ? 'cg-nombre' : undefined}>
                    {show(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface Props {
  uai: string;
  period: Period;
  indicators: readonly ResourceIndicators[];
}

/** « Ressources et renouvellement »: which licences are used, which are paid for nothing. */
export function StatisticsResources({ uai, period, indicators }: Props) {
  const plotRef = useRef<uPlot | null>(null);
  const bars = useMemo(() => leastUsedPerLicence(indicators).slice(0, CHART_MAX_BARS), [indicators]);
  const spec = useMemo(() => resourcesSpec(bars), [bars]);
  const others = indicators.length - bars.length;
  return (
    <>
      <p class="cg-aide">{t('statsResourcesHint')}</p>
      {bars.length > 0 ? (
        <StatisticsChart spec={spec} description={resourcesDescription(bars)} plotRef={plotRef} />
      ) : (
        <p class="cg-vide">{t('statsChartResourcesNone')}</p>
      )}
      {bars.length > 0 && others > 0 && (
        <p class="cg-stats-note">
          {t(
            'statsResourcesMore',
            formatCount(bars.length),
            tnShown(others, formatCount(others), 'statsOthersInTable'),
          )}
        </p>
      )}
      <StatisticsExports
        baseName={statisticsFileName(uai, 'ressources', [period])}
        csvRows={() => indicatorsCsvRows(indicators)}
        plotRef={plotRef}
        spec={bars.length > 0 ? spec : null}
      />
      <p class="cg-stats-regle">
        <strong>{t('statsUsageRuleTitle')}</strong> {usageRuleText()}
      </p>
      <IndicatorsTable rows={indicators} />
    </>
  );
}
