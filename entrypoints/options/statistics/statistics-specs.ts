import { PROFILS, type Profil } from '../../../utils/gar/abonnement';
import { bucketTitle } from '../../../utils/gar/bucket-labels';
import { formatCalendarMonth } from '../../../utils/gar/paris-time';
import {
  type MonthlySeries,
  type Period,
  type PeriodComparisonRow,
  periodLabel,
  RARELY_USED_PER_LICENCE_PER_MONTH,
  type ResourceIndicators,
  type UsageFilter,
} from '../../../utils/gar/usage-stats';
import { t } from '../../../utils/i18n';
import { CHART_COLORS, type ChartSpec } from './statistics-chart';
import { formatCount, formatRatio } from './statistics-words';

/** What each view's chart draws, and the sentence that stands for it to a screen reader. */

const PROFILE_COLORS: Record<Profil, string> = {
  ELEVE: CHART_COLORS.eleve,
  ENSEIGNANT: CHART_COLORS.enseignant,
  DOCUMENTALISTE: CHART_COLORS.documentaliste,
  'AUTRE PERSONNEL': CHART_COLORS.autre,
};

/** The profiles drawn one by one: those with accès, unless one profile is chosen (then the total is it). */
export function shownProfiles(series: MonthlySeries, filter: UsageFilter): Profil[] {
  if (filter.profils.length > 0) return [];
  return PROFILS.filter((profil) => series.parProfil[profil].some((value) => value !== null && value > 0));
}

function sum(values: readonly (number | null)[]): number {
  return values.reduce<number>((total, value) => total + (value ?? 0), 0);
}

/** Accès per month per profile and in total, with the same months a year earlier, dashed. */
export function evolutionSpec(series: MonthlySeries, before: MonthlySeries, filter: UsageFilter): ChartSpec {
  const profiles = shownProfiles(series, filter);
  return {
    kind: 'lignes',
    title: t('statsChartEvolutionTitle'),
    categoryLabel: t('statsChartMonth'),
    labels: series.mois.map(formatCalendarMonth),
    series: [
      ...profiles.map((profil) => ({ label: bucketTitle(profil), color: PROFILE_COLORS[profil] })),
      { label: t('statsChartTotal'), color: CHART_COLORS.total, width: 3 },
      { label: t('statsChartYearBefore'), color: CHART_COLORS.precedent, width: 2, dash: [8, 5] },
    ],
    values: [...profiles.map((profil) => series.parProfil[profil]), series.total, before.total],
    valueLabel: t('statsChartAcces'),
    format: formatCount,
  };
}

export function evolutionDescription(series: MonthlySeries, before: MonthlySeries, period: Period): string {
  return t(
    'statsChartEvolutionDescription',
    periodLabel(period),
    formatCount(sum(series.total)),
    formatCount(sum(before.total)),
  );
}

/** Accès per assigned licence and per month, one bar per resource, with the « peu utilisée » line. */
export function resourcesSpec(rows: readonly ResourceIndicators[]): ChartSpec {
  return {
    kind: 'barres',
    title: t('statsChartResourcesTitle'),
    categoryLabel: t('statsChartResource'),
    labels: rows.map((row) => row.libelle),
    series: [
      { label: t('statsChartPerLicence'), color: CHART_COLORS.eleve, bar: true },
      {
        label: t('statsChartThreshold', formatCount(RARELY_USED_PER_LICENCE_PER_MONTH)),
        color: CHART_COLORS.seuil,
        width: 2,
        dash: [5, 4],
      },
    ],
    values: [
      rows.map((row) => row.accesParLicenceParMois),
      rows.map(() => RARELY_USED_PER_LICENCE_PER_MONTH),
    ],
    valueLabel: t('statsChartPerLicence'),
    format: formatRatio,
  };
}

export function resourcesDescription(rows: readonly ResourceIndicators[]): string {
  const first = rows[0];
  if (!first) return t('statsChartResourcesNone');
  return t(
    'statsChartResourcesDescription',
    formatCount(rows.length),
    first.libelle,
    formatRatio(first.accesParLicenceParMois),
  );
}

/** Accès in period A and in period B, side by side, for the resources opened most. */
export function comparisonSpec(rows: readonly PeriodComparisonRow[], a: Period, b: Period): ChartSpec {
  return {
    kind: 'barres',
    title: t('statsChartCompareTitle'),
    categoryLabel: t('statsChartResource'),
    labels: rows.map((row) => row.libelle),
    series: [
      {
        label: t('statsComparePeriodA', periodLabel(a)),
        color: CHART_COLORS.precedent,
        bar: true,
        align: -1,
      },
      { label: t('statsComparePeriodB', periodLabel(b)), color: CHART_COLORS.eleve, bar: true, align: 1 },
    ],
    values: [rows.map((row) => row.accesA), rows.map((row) => row.accesB)],
    valueLabel: t('statsChartAcces'),
    format: formatCount,
  };
}

export function comparisonDescription(rows: readonly PeriodComparisonRow[], a: Period, b: Period): string {
  return t(
    'statsChartCompareDescription',
    formatCount(rows.length),
    periodLabel(a),
    formatCount(rows.reduce((total, row) => total + row.accesA, 0)),
    periodLabel(b),
    formatCount(rows.reduce((total, row) => total + row.accesB, 0)),
  );
}
