import { useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { formatParisDate } from '../../../utils/gar/paris-time';
import {
  comparePeriods,
  type Mois,
  monthlySeries,
  type Period,
  periodLabel,
  previousYear,
  type ResourceIndicators,
  type UsageFact,
  type UsageFilter,
  type UsageSummary,
} from '../../../utils/gar/usage-stats';
import { t } from '../../../utils/i18n';
import { UsageVerdict } from './StatisticsResources';
import { StatisticsSummary } from './StatisticsSummary';
import { chartImage } from './statistics-chart';
import { evolutionDescription, evolutionSpec } from './statistics-specs';
import { REPORT_MAX_ROWS, reportRows, upToLatest } from './statistics-view';
import { evolutionLook, formatCount, formatLicences, formatRatio, usageRuleText } from './statistics-words';

/** The chart's size in the report: the width of an A4 page between 12 mm margins, at 96 dpi. */
const CHART_WIDTH = 700;
const CHART_HEIGHT = 140;

const REPORT_HEADING_ID = 'cg-stats-rapport-titre';

interface Props {
  uai: string;
  facts: readonly UsageFact[];
  period: Period;
  /** The last month with figures: the trend compares the period up to it with the same months a year earlier. */
  latest: Mois;
  filter: UsageFilter;
  /** The chosen profile or resource, in words, when the figures are not the whole school's. */
  scope: string | null;
  indicators: readonly ResourceIndicators[];
  summary: UsageSummary;
  /** Bumped by each « Rapport » click: the report prints once its chart image is in place. */
  printRequest: number;
  onClose: () => void;
}

/**
 * « Rapport pour le conseil pédagogique »: one A4 page — the figures, the year's curve, and per
 * resource what was paid, assigned and used, the resources to examine first. The only part of
 * the options page that prints (statistics.css); shown on screen as its preview.
 */
export function StatisticsReport(props: Props) {
  const { uai, facts, period, latest, filter, scope, indicators, summary, printRequest, onClose } = props;
  const image = useSignal<string | null>(null);
  const loaded = useSignal(false);
  const printed = useRef(0);
  const heading = useRef<HTMLHeadingElement>(null);

  const observed = useMemo(() => upToLatest(period, latest), [period, latest]);
  const rows = useMemo(
    () => reportRows(indicators, comparePeriods(facts, previousYear(observed), observed, filter)),
    [indicators, facts, observed, filter],
  );
  const series = useMemo(() => monthlySeries(facts, period, filter), [facts, period, filter]);
  const seriesBefore = useMemo(
    () => monthlySeries(facts, previousYear(period), filter),
    [facts, period, filter],
  );

  useEffect(() => {
    let current = true;
    void chartImage(evolutionSpec(series, seriesBefore, filter), CHART_WIDTH, CHART_HEIGHT).then((url) => {
      // The same figures read again draw the same image: it stays loaded (no new `load` event).
      if (!current || url === image.value) return;
      loaded.value = false;
      image.value = url;
    });
    return () => {
      current = false;
    };
  }, [series, seriesBefore, filter]);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  useEffect(() => {
    if (loaded.value && printRequest > printed.current) {
      printed.current = printRequest;
      window.print();
    }
  }, [loaded.value, printRequest]);

  const shown = rows.slice(0, REPORT_MAX_ROWS);
  const others = rows.length - shown.length;
  return (
    <article class="cg-stats-rapport" aria-labelledby={REPORT_HEADING_ID}>
      <div class="cg-stats-rapport__outils">
        <p>{t('statsReportPreview')}</p>
        <button type="button" class="cg-bouton" onClick={() => window.print()}>
          {t('statsReportPrint')}
        </button>
        <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={onClose}>
          {t('statsReportClose')}
        </button>
      </div>
      <h3 id={REPORT_HEADING_ID} ref={heading} tabIndex={-1}>
        {t('statsReportTitle')}
      </h3>
      <p class="cg-stats-rapport__meta">
        {t('statsReportSchool', uai)} · {t('statsReportPeriod', periodLabel(period))}
        {scope && ` · ${scope}`} · {t('statsReportDate', formatParisDate(new Date()))}
      </p>
      <StatisticsSummary summary={summary} compact />
      {image.value && (
        <img
          class="cg-stats-rapport__graphique"
          src={image.value}
          alt={evolutionDescription(series, seriesBefore, period)}
          onLoad={() => {
            loaded.value = true;
          }}
        />
      )}
      <table class="cg-stats-rapport__table">
        <caption>
          {t('statsReportTableCaption', periodLabel(observed), periodLabel(previousYear(observed)))}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('statsColResource')}</th>
            <th scope="col" class="cg-nombre">
              {t('statsReportColPaid')}
            </th>
            <th scope="col" class="cg-nombre">
              {t('statsColAssigned')}
            </th>
            <th scope="col" class="cg-nombre">
              {t('statsReportColPerLicence')}
            </th>
            <th scope="col" class="cg-nombre">
              {t('statsReportColTrend')}
            </th>
            <th scope="col">{t('statsColUsage')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map(({ indicators: row, comparison }) => (
            <tr key={row.idRessource}>
              <th scope="row">{row.libelle}</th>
              <td class="cg-nombre">{formatLicences(row.licencesAchetees)}</td>
              <td class="cg-nombre">{formatLicences(row.licencesAffectees)}</td>
              <td class="cg-nombre">{formatRatio(row.accesParLicence)}</td>
              <td class="cg-nombre">{evolutionLook(comparison).text}</td>
              <td>
                <UsageVerdict row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {others > 0 && (
        <p class="cg-stats-rapport__suite">
          {others === 1 ? t('statsReportMoreOne') : t('statsReportMore', formatCount(others))}
        </p>
      )}
      <p class="cg-stats-rapport__pied">{usageRuleText()}</p>
    </article>
  );
}
