import { useMemo, useRef } from 'preact/hooks';
import type uPlot from 'uplot';
import { bucketTitle } from '../../../utils/gar/bucket-labels';
import { formatCalendarMonth } from '../../../utils/gar/paris-time';
import {
  type MonthlySeries,
  monthlySeries,
  type Period,
  previousYear,
  seriesCsvRows,
  type UsageFact,
  type UsageFilter,
} from '../../../utils/gar/usage-stats';
import { t } from '../../../utils/i18n';
import { StatisticsChart } from './StatisticsChart';
import { StatisticsExports } from './StatisticsExports';
import { evolutionDescription, evolutionSpec, shownProfiles } from './statistics-specs';
import { statisticsFileName } from './statistics-view';
import { formatCount, UNKNOWN } from './statistics-words';

export interface ViewProps {
  uai: string;
  facts: readonly UsageFact[];
  period: Period;
  filter: UsageFilter;
}

function cell(value: number | null | undefined): string {
  return value === null || value === undefined ? UNKNOWN : formatCount(value);
}

/** The month × profile figures the chart draws, for reading and for screen readers. */
function EvolutionTable({
  series,
  before,
  filter,
}: {
  series: MonthlySeries;
  before: MonthlySeries;
  filter: UsageFilter;
}) {
  const profiles = shownProfiles(series, filter);
  return (
    <details class="cg-stats-details">
      <summary>{t('statsEvolutionTableSummary')}</summary>
      <div class="cg-stats-defilement">
        <table class="cg-stats-table">
          <caption class="cg-invisible">{t('statsEvolutionTableSummary')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('statsChartMonth')}</th>
              {profiles.map((profil) => (
                <th key={profil} scope="col" class="cg-nombre">
                  {bucketTitle(profil)}
                </th>
              ))}
              <th scope="col" class="cg-nombre">
                {t('statsChartTotal')}
              </th>
              <th scope="col" class="cg-nombre">
                {t('statsChartYearBefore')}
              </th>
            </tr>
          </thead>
          <tbody>
            {series.mois.map((mois, index) => (
              <tr key={mois}>
                <th scope="row">{formatCalendarMonth(mois)}</th>
                {profiles.map((profil) => (
                  <td key={profil} class="cg-nombre">
                    {cell(series.parProfil[profil][index])}
                  </td>
                ))}
                <td class="cg-nombre">{cell(series.total[index])}</td>
                <td class="cg-nombre">{cell(before.total[index])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** « Évolution »: accès month by month, per profile, against the same months a year earlier. */
export function StatisticsEvolution({ uai, facts, period, filter }: ViewProps) {
  const plotRef = useRef<uPlot | null>(null);
  const series = useMemo(() => monthlySeries(facts, period, filter), [facts, period, filter]);
  const before = useMemo(() => monthlySeries(facts, previousYear(period), filter), [facts, period, filter]);
  const spec = useMemo(() => evolutionSpec(series, before, filter), [series, before, filter]);
  return (
    <>
      <p class="cg-aide">{t('statsEvolutionHint')}</p>
      <StatisticsChart
        spec={spec}
        description={evolutionDescription(series, before, period)}
        plotRef={plotRef}
      />
      <StatisticsExports
        baseName={statisticsFileName(uai, 'evolution', [period])}
        csvRows={() => seriesCsvRows(series)}
        plotRef={plotRef}
        spec={spec}
      />
      <EvolutionTable series={series} before={before} filter={filter} />
    </>
  );
}
