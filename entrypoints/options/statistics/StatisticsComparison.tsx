import { useSignal } from '@preact/signals';
import { useMemo, useRef } from 'preact/hooks';
import type uPlot from 'uplot';
import {
  comparePeriods,
  comparisonCsvRows,
  type Mois,
  type PeriodComparisonRow,
  previousYear,
  schoolYearOfMonth,
  schoolYearPeriod,
  type UsageFact,
  type UsageFilter,
} from '../../../utils/gar/usage-stats';
import { t } from '../../../utils/i18n';
import { StatisticsChart } from './StatisticsChart';
import { StatisticsExports } from './StatisticsExports';
import { StatisticsPeriodFields } from './StatisticsPeriodFields';
import { comparisonDescription, comparisonSpec } from './statistics-specs';
import {
  COMPARISON_MAX_BARS,
  checkPeriod,
  mostOpenedFirst,
  statisticsFileName,
  upToLatest,
} from './statistics-view';
import { evolutionLook, formatCount, formatRatio, periodProblemText } from './statistics-words';

function ComparisonTable({ rows }: { rows: readonly PeriodComparisonRow[] }) {
  return (
    <div class="cg-stats-defilement">
      <table class="cg-stats-table">
        <caption class="cg-invisible">{t('statsCompareCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statsColResource')}</th>
            <th scope="col" class="cg-nombre">
              {t('statsColAccesA')}
            </th>
            <th scope="col" class="cg-nombre">
              {t('statsColAccesB')}
            </th>
            <th scope="col" class="cg-nombre">
              {t('statsColEvolution')}
            </th>
            <th scope="col" class="cg-nombre">
              {t('statsColPerLicenceA')}
            </th>
            <th scope="col" class="cg-nombre">
              {t('statsColPerLicenceB')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const evolution = evolutionLook(row);
            return (
              <tr key={row.idRessource}>
                <th scope="row">{row.libelle}</th>
                <td class="cg-nombre">{formatCount(row.accesA)}</td>
                <td class="cg-nombre">{formatCount(row.accesB)}</td>
                <td class={`cg-nombre cg-stats-evolution--${evolution.tone}`}>{evolution.text}</td>
                <td class="cg-nombre">{formatRatio(row.accesParLicenceA)}</td>
                <td class="cg-nombre">{formatRatio(row.accesParLicenceB)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface Props {
  uai: string;
  facts: readonly UsageFact[];
  filter: UsageFilter;
  /** The last month with figures: period B is its school year up to it, period A the same months a year earlier. */
  latest: Mois;
}

/** « Comparaison de deux périodes »: accès in A and in B, resource by resource. */
export function StatisticsComparison({ uai, facts, filter, latest }: Props) {
  const plotRef = useRef<uPlot | null>(null);
  const current = upToLatest(schoolYearPeriod(schoolYearOfMonth(latest)), latest);
  const before = previousYear(current);
  const depuisA = useSignal(before.depuis);
  const jusquaA = useSignal(before.jusqua);
  const depuisB = useSignal(current.depuis);
  const jusquaB = useSignal(current.jusqua);
  const checkA = useMemo(() => checkPeriod(depuisA.value, jusquaA.value), [depuisA.value, jusquaA.value]);
  const checkB = useMemo(() => checkPeriod(depuisB.value, jusquaB.value), [depuisB.value, jusquaB.value]);
  const a = checkA.ok ? checkA.period : null;
  const b = checkB.ok ? checkB.period : null;
  const rows = useMemo(
    () => (a && b ? mostOpenedFirst(comparePeriods(facts, a, b, filter)) : null),
    [facts, a, b, filter],
  );
  const top = useMemo(() => rows?.slice(0, COMPARISON_MAX_BARS) ?? [], [rows]);
  const spec = useMemo(() => (a && b ? comparisonSpec(top, a, b) : null), [top, a, b]);

  return (
    <>
      <p class="cg-aide">{t('statsCompareHint')}</p>
      <div class="cg-stats-periodes">
        <StatisticsPeriodFields
          id="cg-stats-a"
          legend={t('statsCompareLegendA')}
          depuis={depuisA}
          jusqua={jusquaA}
          problem={periodProblemText(checkA)}
        />
        <StatisticsPeriodFields
          id="cg-stats-b"
          legend={t('statsCompareLegendB')}
          depuis={depuisB}
          jusqua={jusquaB}
          problem={periodProblemText(checkB)}
        />
      </div>
      {a && b && rows && spec && (
        <>
          {top.length > 0 ? (
            <StatisticsChart spec={spec} description={comparisonDescription(top, a, b)} plotRef={plotRef} />
          ) : (
            <p class="cg-vide">{t('statsCompareNone')}</p>
          )}
          <StatisticsExports
            baseName={statisticsFileName(uai, 'comparaison', [a, b])}
            csvRows={() => comparisonCsvRows(rows, a, b)}
            plotRef={plotRef}
            spec={top.length > 0 ? spec : null}
          />
          {rows.length > 0 && <ComparisonTable rows={rows} />}
        </>
      )}
    </>
  );
}
