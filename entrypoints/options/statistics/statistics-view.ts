import { isProfil } from '../../../utils/gar/abonnement';
import type { UsageMonth } from '../../../utils/gar/usage-month';
import {
  addMonths,
  type Mois,
  type Period,
  type PeriodComparisonRow,
  type ResourceIndicators,
  schoolYearOfMonth,
  schoolYearPeriod,
  type UsageFact,
  type UsageFilter,
  type UsageLevel,
} from '../../../utils/gar/usage-stats';

/** `localeCompare(…, 'fr')` with one collator for the page instead of one looked up per call. */
const frenchOrder = new Intl.Collator('fr');

/**
 * What the « Statistiques d’usage » section shows, as data: the schools and resources present,
 * the period the filters describe, the tables' order and the file names. No DOM, no words.
 */

export function schoolsOf(months: readonly UsageMonth[]): string[] {
  return [...new Set(months.map((month) => month.uai))].sort();
}

export function factsOfSchool(months: readonly UsageMonth[], uai: string): UsageFact[] {
  return months.filter((month) => month.uai === uai).flatMap((month) => month.lignes);
}

/** The last month with figures (the store lists months in order, but facts may come from any). */
export function latestMonthOf(facts: readonly UsageFact[]): Mois | null {
  let latest: Mois | null = null;
  for (const fact of facts) if (latest === null || fact.mois > latest) latest = fact.mois;
  return latest;
}

export interface ResourceChoice {
  id: string;
  libelle: string;
}

/**
 * Each resource once, under the title of its latest month that has a real one (the id stands in
 * when a page gave none, as in the indicators' table), sorted as a French reader expects.
 */
export function resourcesOf(facts: readonly UsageFact[]): ResourceChoice[] {
  const titles = new Map<string, { libelle: string; mois: Mois; real: boolean }>();
  for (const fact of facts) {
    const known = titles.get(fact.idRessource);
    const real = fact.libelle !== fact.idRessource;
    const better = !known || (real && !known.real) || (real === known.real && fact.mois > known.mois);
    if (better) titles.set(fact.idRessource, { libelle: fact.libelle, mois: fact.mois, real });
  }
  return [...titles]
    .map(([id, { libelle }]) => ({ id, libelle }))
    .sort((a, b) => frenchOrder.compare(a.libelle, b.libelle) || a.id.localeCompare(b.id));
}

/** One profile or all (`''`), one resource or all (`''`). */
export function usageFilterOf(profil: string, ressource: string): UsageFilter {
  return { profils: isProfil(profil) ? [profil] : [], ressources: ressource ? [ressource] : [] };
}

/** The period select: a school year (`annee:2025-2026`), the last twelve months, or custom. */
export const LAST_TWELVE_MONTHS = 'douze-mois';
export const CUSTOM_PERIOD = 'personnalisee';
const SCHOOL_YEAR_PREFIX = 'annee:';

export function schoolYearChoice(schoolYear: string): string {
  return `${SCHOOL_YEAR_PREFIX}${schoolYear}`;
}

export type PeriodCheck = { ok: true; period: Period } | { ok: false; problem: 'incomplet' | 'inverse' };

/** `YYYY-MM`, as `<input type="month">` gives it (or types it, where it is a text field). */
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Two months, the first not after the second. */
export function checkPeriod(depuis: string, jusqua: string): PeriodCheck {
  if (!MONTH.test(depuis) || !MONTH.test(jusqua)) return { ok: false, problem: 'incomplet' };
  if (depuis > jusqua) return { ok: false, problem: 'inverse' };
  return { ok: true, period: { depuis, jusqua } };
}

/** The period the select and, for a custom one, the two month fields describe. */
export function periodOfChoice(choice: string, latest: Mois, depuis: string, jusqua: string): PeriodCheck {
  if (choice === CUSTOM_PERIOD) return checkPeriod(depuis, jusqua);
  if (choice === LAST_TWELVE_MONTHS)
    return { ok: true, period: { depuis: addMonths(latest, -11), jusqua: latest } };
  const schoolYear = choice.startsWith(SCHOOL_YEAR_PREFIX)
    ? choice.slice(SCHOOL_YEAR_PREFIX.length)
    : schoolYearOfMonth(latest);
  return { ok: true, period: schoolYearPeriod(schoolYear) };
}

/** The school year a period is exactly, if it is one. */
function schoolYearOf(period: Period): string | null {
  const schoolYear = schoolYearOfMonth(period.depuis);
  const whole = schoolYearPeriod(schoolYear);
  return whole.depuis === period.depuis && whole.jusqua === period.jusqua ? schoolYear : null;
}

/**
 * The part of a period that has figures yet: a school year still running stops at its latest
 * month, so that comparing it with the year before compares the same months.
 */
export function upToLatest(period: Period, latest: Mois): Period {
  return latest >= period.depuis && latest < period.jusqua
    ? { depuis: period.depuis, jusqua: latest }
    : period;
}

/** `2025-2026` for a school year, `2025-01_2025-06` otherwise: for file names. */
export function periodSlug(period: Period): string {
  return schoolYearOf(period) ?? `${period.depuis}_${period.jusqua}`;
}

export type StatisticsView = 'evolution' | 'ressources' | 'comparaison';

/** `statistiques-0561622J-ressources-2025-2026`, to which `.csv` or `.png` is added. */
export function statisticsFileName(uai: string, view: StatisticsView, periods: Period[]): string {
  return `statistiques-${uai}-${view}-${periods.map(periodSlug).join('_')}`;
}

// The resources table: every column sortable.

export type IndicatorColumn =
  | 'libelle'
  | 'licencesAchetees'
  | 'licencesAffectees'
  | 'tauxAffectation'
  | 'licencesNonAffectees'
  | 'acces'
  | 'utilisateursMaxMois'
  | 'accesParLicence'
  | 'accesParLicenceParMois'
  | 'usage';

export type SortDirection = 'ascending' | 'descending';

export interface IndicatorSort {
  column: IndicatorColumn;
  direction: SortDirection;
}

/** The resources to examine first: the least used per assigned licence. */
export const DEFAULT_SORT: IndicatorSort = { column: 'accesParLicenceParMois', direction: 'ascending' };

/** The order a verdict sorts in: the resources to examine first. */
const USAGE_ORDER: Record<UsageLevel, number> = { jamais: 0, faible: 1, regulier: 2, inconnu: 3 };

function sortValue(row: ResourceIndicators, column: IndicatorColumn): number | string | null {
  // « inconnu » is no verdict: like a missing figure, it goes last whichever way the column is sorted.
  if (column === 'usage') return row.usage === 'inconnu' ? null : USAGE_ORDER[row.usage];
  const value = row[column];
  return value === 'ILLIMITE' ? Number.POSITIVE_INFINITY : value;
}

function compareValues(x: number | string, y: number | string): number {
  if (typeof x === 'number' && typeof y === 'number') return x === y ? 0 : x < y ? -1 : 1;
  return frenchOrder.compare(String(x), String(y));
}

/** Sorted by one column; unknown values (no licence figures) last either way, then by title. */
export function sortIndicators(
  rows: readonly ResourceIndicators[],
  sort: IndicatorSort,
): ResourceIndicators[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.column);
    const y = sortValue(b, sort.column);
    const byTitle = frenchOrder.compare(a.libelle, b.libelle);
    if (x === null || y === null) return x === y ? byTitle : x === null ? 1 : -1;
    return sign * compareValues(x, y) || byTitle;
  });
}

/** Clicking the sorted column turns it around; another column starts ascending. */
export function nextSort(current: IndicatorSort, column: IndicatorColumn): IndicatorSort {
  if (current.column !== column) return { column, direction: 'ascending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

/** The bar chart shows this many resources; the table has them all. */
export const CHART_MAX_BARS = 30;

/** Resources with a figure per assigned licence, the least used first. */
export function leastUsedPerLicence(rows: readonly ResourceIndicators[]): ResourceIndicators[] {
  return sortIndicators(
    rows.filter((row) => row.accesParLicenceParMois !== null),
    DEFAULT_SORT,
  );
}

/** The comparison chart shows the resources opened most over both periods. */
export const COMPARISON_MAX_BARS = 15;

/** The resources opened most over both periods first. */
export function mostOpenedFirst(rows: readonly PeriodComparisonRow[]): PeriodComparisonRow[] {
  return [...rows].sort(
    (a, b) => b.accesA + b.accesB - (a.accesA + a.accesB) || frenchOrder.compare(a.libelle, b.libelle),
  );
}

// The printed report.

/** Rows that fit one A4 page under the title, the figures and the chart. */
export const REPORT_MAX_ROWS = 32;

export interface ReportRow {
  indicators: ResourceIndicators;
  /** Accès compared with the same months a year earlier. */
  comparison: PeriodComparisonRow | null;
}

/**
 * Resources never used first, then rarely used, then the others; within each, the least used per
 * licence first and, among equals, the one with the most licences assigned: the most paid for nothing.
 */
export function reportRows(
  indicators: readonly ResourceIndicators[],
  comparison: readonly PeriodComparisonRow[],
): ReportRow[] {
  const byId = new Map(comparison.map((row) => [row.idRessource, row]));
  const sorted = [...indicators].sort(
    (a, b) =>
      USAGE_ORDER[a.usage] - USAGE_ORDER[b.usage] ||
      (a.accesParLicence ?? Number.POSITIVE_INFINITY) - (b.accesParLicence ?? Number.POSITIVE_INFINITY) ||
      (b.licencesAffectees ?? 0) - (a.licencesAffectees ?? 0) ||
      frenchOrder.compare(a.libelle, b.libelle),
  );
  return sorted.map((row) => ({ indicators: row, comparison: byId.get(row.idRessource) ?? null }));
}

/** Accès per assigned licence over the whole summary, when any licence is assigned. */
export function accesPerAssignedLicence(acces: number, licencesAffectees: number): number | null {
  return licencesAffectees > 0 ? acces / licencesAffectees : null;
}
