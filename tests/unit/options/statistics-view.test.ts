import { describe, expect, it } from 'vitest';
import {
  accesPerAssignedLicence,
  CHART_MAX_BARS,
  COMPARISON_MAX_BARS,
  CUSTOM_PERIOD,
  checkPeriod,
  DEFAULT_SORT,
  factsOfSchool,
  type IndicatorSort,
  LAST_TWELVE_MONTHS,
  latestMonthOf,
  leastUsedPerLicence,
  mostOpenedFirst,
  nextSort,
  periodOfChoice,
  periodSlug,
  REPORT_MAX_ROWS,
  reportRows,
  resourcesOf,
  schoolsOf,
  schoolYearChoice,
  sortIndicators,
  statisticsFileName,
  upToLatest,
  usageFilterOf,
} from '../../../entrypoints/options/statistics/statistics-view';
import { isProfil, PROFILS } from '../../../utils/gar/abonnement';
import type { UsageMonth } from '../../../utils/gar/usage-month';
import {
  comparePeriods,
  type Mois,
  type Period,
  type PeriodComparisonRow,
  previousYear,
  type ResourceIndicators,
  resourceIndicators,
  schoolYearPeriod,
  type UsageFact,
  type UsageFilter,
  type UsageLevel,
} from '../../../utils/gar/usage-stats';
import { usageMonths } from '../../e2e/support/usage-fixture';
import { usageFact } from '../gar/usage-fact-fixture';

// ---------------------------------------------------------------------------------------------
// Builders

const COLLEGE = '0561622J';
const LYCEE = '0690002B';
const ALL: UsageFilter = { profils: [], ressources: [] };

const fact = usageFact;

function usageMonth(uai: string, mois: Mois, lignes: UsageFact[] = [fact({ mois })]): UsageMonth {
  return { id: `${uai}:${mois}`, uai, mois, majLe: '2026-01-01T06:00:00.000Z', lignes };
}

/** A row as resourceIndicators gives it; only the figures a test is about need to be set. */
function indicators(overrides: Partial<ResourceIndicators> = {}): ResourceIndicators {
  return {
    idRessource: 'ark:/A',
    libelle: 'Atlas',
    acces: 100,
    moisObserves: 10,
    accesParMois: 10,
    utilisateursMaxMois: 20,
    licencesAchetees: 50,
    licencesAffectees: 40,
    tauxAffectation: 0.8,
    licencesNonAffectees: 10,
    licencesSansUsage: 20,
    accesParLicence: 2.5,
    accesParLicenceParMois: 0.25,
    usage: 'faible',
    ...overrides,
  };
}

/** A row whose per-licence figures follow from `acces`, `licencesAffectees` and `moisObserves`. */
function consistentRow(
  idRessource: string,
  libelle: string,
  acces: number,
  licencesAffectees: number | null,
  usage: UsageLevel,
): ResourceIndicators {
  const accesParLicence = licencesAffectees ? acces / licencesAffectees : null;
  return indicators({
    idRessource,
    libelle,
    acces,
    licencesAffectees,
    accesParLicence,
    accesParLicenceParMois: accesParLicence === null ? null : accesParLicence / 10,
    usage,
  });
}

function comparisonRow(overrides: Partial<PeriodComparisonRow> = {}): PeriodComparisonRow {
  return {
    idRessource: 'ark:/A',
    libelle: 'Atlas',
    accesA: 10,
    accesB: 10,
    accesParLicenceA: null,
    accesParLicenceB: null,
    evolution: 0,
    ...overrides,
  };
}

function ids(rows: readonly { idRessource: string }[]): string[] {
  return rows.map((row) => row.idRessource);
}

function sortedIds(rows: readonly ResourceIndicators[], sort: IndicatorSort): string[] {
  return ids(sortIndicators(rows, sort));
}

/** Sept. 2024 to Jan. 2026 of a college with 40 resources: the current school year is running. */
const HISTORY = usageMonths({ uai: COLLEGE, depuis: '2024-09', mois: 17, ressources: 40, seed: 7 });

// ---------------------------------------------------------------------------------------------
// Schools, facts and resources present

describe('schoolsOf', () => {
  it('lists each school once, sorted, whatever the order of the records', () => {
    const months = [
      usageMonth(LYCEE, '2025-10'),
      usageMonth(COLLEGE, '2025-10'),
      usageMonth(LYCEE, '2025-09'),
      usageMonth(COLLEGE, '2025-09'),
      usageMonth('0130001A', '2025-09'),
    ];
    expect(schoolsOf(months)).toEqual(['0130001A', COLLEGE, LYCEE]);
  });

  it('gives no school for no record', () => {
    expect(schoolsOf([])).toEqual([]);
  });
});

describe('factsOfSchool', () => {
  it("gives every fact of every month of that school, and none of another school's", () => {
    const months = [
      usageMonth(COLLEGE, '2025-09', [fact({ idRessource: 'ark:/A' }), fact({ idRessource: 'ark:/B' })]),
      usageMonth(LYCEE, '2025-09', [fact({ idRessource: 'ark:/Lycee' })]),
      usageMonth(COLLEGE, '2025-10', [fact({ idRessource: 'ark:/C', mois: '2025-10' })]),
    ];
    expect(ids(factsOfSchool(months, COLLEGE))).toEqual(['ark:/A', 'ark:/B', 'ark:/C']);
    expect(ids(factsOfSchool(months, LYCEE))).toEqual(['ark:/Lycee']);
    expect(factsOfSchool(months, '0130001A')).toEqual([]);
  });

  it('keeps all the facts of a generated history', () => {
    const other = usageMonths({ uai: LYCEE, depuis: '2025-01', mois: 3, ressources: 5, seed: 3 });
    const facts = factsOfSchool([...other, ...HISTORY], COLLEGE);
    expect(facts).toHaveLength(HISTORY.reduce((sum, month) => sum + month.lignes.length, 0));
    expect(facts.every((one) => one.idRessource.startsWith('ark:/12345/'))).toBe(true);
  });
});

describe('latestMonthOf', () => {
  it('gives the last month with figures, whatever the order of the facts', () => {
    const facts = [fact({ mois: '2025-11' }), fact({ mois: '2026-01' }), fact({ mois: '2025-12' })];
    expect(latestMonthOf(facts)).toBe('2026-01');
    expect(latestMonthOf([...facts].reverse())).toBe('2026-01');
  });

  it('gives null without facts', () => {
    expect(latestMonthOf([])).toBeNull();
  });

  it("gives a generated history's last month", () => {
    expect(latestMonthOf(factsOfSchool(HISTORY, COLLEGE))).toBe('2026-01');
  });
});

describe('resourcesOf', () => {
  it('lists each resource once, whatever its months and profiles', () => {
    const facts = [
      fact({ idRessource: 'ark:/A', profil: 'ELEVE' }),
      fact({ idRessource: 'ark:/A', profil: 'ENSEIGNANT' }),
      fact({ idRessource: 'ark:/A', mois: '2025-10' }),
      fact({ idRessource: 'ark:/B', libelle: 'Biologie' }),
    ];
    expect(resourcesOf(facts)).toEqual([
      { id: 'ark:/A', libelle: 'Atlas' },
      { id: 'ark:/B', libelle: 'Biologie' },
    ]);
  });

  it('names a renamed resource by the title of its latest month, whatever the order of the facts', () => {
    const facts = [
      fact({ mois: '2025-09', libelle: 'Atlas 2024' }),
      fact({ mois: '2026-01', libelle: 'Atlas 2026' }),
      fact({ mois: '2025-11', libelle: 'Atlas 2025' }),
    ];
    expect(resourcesOf(facts)).toEqual([{ id: 'ark:/A', libelle: 'Atlas 2026' }]);
    expect(resourcesOf([...facts].reverse())).toEqual([{ id: 'ark:/A', libelle: 'Atlas 2026' }]);
  });

  it('keeps a real title over the id a later month shows when the page gave none', () => {
    const facts = [fact({ mois: '2025-09', libelle: 'Atlas' }), fact({ mois: '2025-10', libelle: 'ark:/A' })];
    expect(resourcesOf(facts)).toEqual([{ id: 'ark:/A', libelle: 'Atlas' }]);
    expect(resourcesOf([...facts].reverse())).toEqual([{ id: 'ark:/A', libelle: 'Atlas' }]);
    expect(resourcesOf([fact({ libelle: 'ark:/A' })])).toEqual([{ id: 'ark:/A', libelle: 'ark:/A' }]);
  });

  it('sorts titles as a French reader expects: accents and case do not send a title to the end', () => {
    const facts = [
      fact({ idRessource: 'ark:/Z', libelle: 'Zoologie' }),
      fact({ idRessource: 'ark:/E', libelle: 'Écologie' }),
      fact({ idRessource: 'ark:/a', libelle: 'atlas' }),
      fact({ idRessource: 'ark:/B', libelle: 'Biologie' }),
      fact({ idRessource: 'ark:/e', libelle: 'Économie' }),
    ];
    expect(resourcesOf(facts).map((choice) => choice.libelle)).toEqual([
      'atlas',
      'Biologie',
      'Écologie',
      'Économie',
      'Zoologie',
    ]);
  });

  it('orders two resources of the same title by id', () => {
    const facts = [
      fact({ idRessource: 'ark:/2', libelle: 'Atlas' }),
      fact({ idRessource: 'ark:/1', libelle: 'Atlas' }),
    ];
    expect(resourcesOf(facts).map((choice) => choice.id)).toEqual(['ark:/1', 'ark:/2']);
  });

  it('lists the 40 resources of a generated history once each', () => {
    const choices = resourcesOf(factsOfSchool(HISTORY, COLLEGE));
    expect(choices).toHaveLength(40);
    expect(new Set(choices.map((choice) => choice.id)).size).toBe(40);
    const titles = choices.map((choice) => choice.libelle);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'fr')));
  });
});

// ---------------------------------------------------------------------------------------------
// Filters

describe('isProfil', () => {
  it('accepts the four profiles', () => {
    for (const profil of PROFILS) expect(isProfil(profil)).toBe(true);
  });

  it('refuses the global bucket, « all », and a profile written otherwise', () => {
    for (const value of ['GLOBAL', '', 'eleve', 'Eleve', 'ELEVES', ' ELEVE'])
      expect(isProfil(value)).toBe(false);
  });
});

describe('usageFilterOf', () => {
  it('filters on one profile and one resource', () => {
    expect(usageFilterOf('ENSEIGNANT', 'ark:/A')).toEqual({
      profils: ['ENSEIGNANT'],
      ressources: ['ark:/A'],
    });
  });

  it('lets everything through for `` (all)', () => {
    expect(usageFilterOf('', '')).toEqual({ profils: [], ressources: [] });
    expect(usageFilterOf('', 'ark:/A')).toEqual({ profils: [], ressources: ['ark:/A'] });
    expect(usageFilterOf('DOCUMENTALISTE', '')).toEqual({ profils: ['DOCUMENTALISTE'], ressources: [] });
  });

  it('reads a value that is no profile as all profiles', () => {
    expect(usageFilterOf('GLOBAL', '')).toEqual({ profils: [], ressources: [] });
    expect(usageFilterOf('inconnu', 'ark:/A')).toEqual({ profils: [], ressources: ['ark:/A'] });
  });
});

// ---------------------------------------------------------------------------------------------
// Periods

describe('schoolYearChoice', () => {
  it('names a school year in the period select', () => {
    expect(schoolYearChoice('2025-2026')).toBe('annee:2025-2026');
  });

  it('is none of the other choices', () => {
    expect(schoolYearChoice('2025-2026')).not.toBe(LAST_TWELVE_MONTHS);
    expect(schoolYearChoice('2025-2026')).not.toBe(CUSTOM_PERIOD);
  });
});

describe('checkPeriod', () => {
  it('accepts two months in order, the same month twice, and a period over the new year', () => {
    expect(checkPeriod('2025-01', '2025-06')).toEqual({
      ok: true,
      period: { depuis: '2025-01', jusqua: '2025-06' },
    });
    expect(checkPeriod('2025-03', '2025-03')).toEqual({
      ok: true,
      period: { depuis: '2025-03', jusqua: '2025-03' },
    });
    expect(checkPeriod('2025-11', '2026-02')).toEqual({
      ok: true,
      period: { depuis: '2025-11', jusqua: '2026-02' },
    });
  });

  it('finds a period incomplete when a month is missing or is no `YYYY-MM` month', () => {
    const incomplete = { ok: false, problem: 'incomplet' };
    expect(checkPeriod('', '')).toEqual(incomplete);
    expect(checkPeriod('2025-01', '')).toEqual(incomplete);
    expect(checkPeriod('', '2025-06')).toEqual(incomplete);
    for (const month of ['2025-1', '2025-00', '2025-13', '25-01', '2025-01-15', '2025/01', 'janv. 2025']) {
      expect(checkPeriod(month, '2025-12')).toEqual(incomplete);
      expect(checkPeriod('2025-01', month.replace('2025', '2026'))).toEqual(incomplete);
    }
  });

  it('finds a period reversed when its first month comes after its last', () => {
    expect(checkPeriod('2025-06', '2025-01')).toEqual({ ok: false, problem: 'inverse' });
    expect(checkPeriod('2026-01', '2025-12')).toEqual({ ok: false, problem: 'inverse' });
  });

  it('reports a missing month before a reversed order', () => {
    expect(checkPeriod('2026-01', '2025-1')).toEqual({ ok: false, problem: 'incomplet' });
  });
});

describe('periodOfChoice', () => {
  it('gives the chosen school year whole, whatever the latest month and the month fields', () => {
    expect(periodOfChoice(schoolYearChoice('2024-2025'), '2026-01', '', '')).toEqual({
      ok: true,
      period: { depuis: '2024-09', jusqua: '2025-08' },
    });
    expect(periodOfChoice(schoolYearChoice('2025-2026'), '2025-10', '2025-06', '2025-01')).toEqual({
      ok: true,
      period: { depuis: '2025-09', jusqua: '2026-08' },
    });
  });

  it('gives « 12 derniers mois » ending at the latest month with figures', () => {
    expect(periodOfChoice(LAST_TWELVE_MONTHS, '2026-02', '', '')).toEqual({
      ok: true,
      period: { depuis: '2025-03', jusqua: '2026-02' },
    });
    expect(periodOfChoice(LAST_TWELVE_MONTHS, '2025-12', '2025-06', '2025-01')).toEqual({
      ok: true,
      period: { depuis: '2025-01', jusqua: '2025-12' },
    });
  });

  it('gives a custom period from the two month fields, checked', () => {
    expect(periodOfChoice(CUSTOM_PERIOD, '2026-01', '2025-01', '2025-06')).toEqual({
      ok: true,
      period: { depuis: '2025-01', jusqua: '2025-06' },
    });
    expect(periodOfChoice(CUSTOM_PERIOD, '2026-01', '2025-06', '2025-01')).toEqual({
      ok: false,
      problem: 'inverse',
    });
    expect(periodOfChoice(CUSTOM_PERIOD, '2026-01', '2025-01', '')).toEqual({
      ok: false,
      problem: 'incomplet',
    });
  });

  it('falls back on the school year of the latest month for no choice', () => {
    expect(periodOfChoice('', '2026-02', '', '')).toEqual({
      ok: true,
      period: schoolYearPeriod('2025-2026'),
    });
    expect(periodOfChoice('', '2025-09', '', '')).toEqual({
      ok: true,
      period: schoolYearPeriod('2025-2026'),
    });
    expect(periodOfChoice('', '2025-08', '', '')).toEqual({
      ok: true,
      period: schoolYearPeriod('2024-2025'),
    });
  });
});

describe('upToLatest', () => {
  const year = schoolYearPeriod('2025-2026');

  it('stops a running school year at its latest month', () => {
    expect(upToLatest(year, '2026-01')).toEqual({ depuis: '2025-09', jusqua: '2026-01' });
    expect(upToLatest(year, '2025-09')).toEqual({ depuis: '2025-09', jusqua: '2025-09' });
  });

  it('leaves a period with figures to its end, or with none at all, as it is', () => {
    expect(upToLatest(year, '2026-08')).toEqual(year);
    expect(upToLatest(year, '2026-11')).toEqual(year);
    expect(upToLatest(year, '2025-06')).toEqual(year);
  });

  it('gives the same months as the year before, so that the comparison is fair', () => {
    const observed = upToLatest(year, '2026-01');
    expect(previousYear(observed)).toEqual({ depuis: '2024-09', jusqua: '2025-01' });
  });
});

describe('periodSlug', () => {
  it('names a whole school year by its years', () => {
    expect(periodSlug(schoolYearPeriod('2025-2026'))).toBe('2025-2026');
    expect(periodSlug({ depuis: '2019-09', jusqua: '2020-08' })).toBe('2019-2020');
  });

  it('names any other period by its two months', () => {
    expect(periodSlug({ depuis: '2025-01', jusqua: '2025-06' })).toBe('2025-01_2025-06');
    expect(periodSlug({ depuis: '2025-01', jusqua: '2025-12' })).toBe('2025-01_2025-12');
    expect(periodSlug({ depuis: '2025-09', jusqua: '2026-07' })).toBe('2025-09_2026-07');
    expect(periodSlug({ depuis: '2025-09', jusqua: '2027-08' })).toBe('2025-09_2027-08');
    expect(periodSlug({ depuis: '2025-10', jusqua: '2026-08' })).toBe('2025-10_2026-08');
    expect(periodSlug({ depuis: '2025-03', jusqua: '2025-03' })).toBe('2025-03_2025-03');
  });

  it('no longer names a running school year, cut at its latest month, as the whole year', () => {
    expect(periodSlug(upToLatest(schoolYearPeriod('2025-2026'), '2026-01'))).toBe('2025-09_2026-01');
  });
});

describe('statisticsFileName', () => {
  it('names the school, the view and the period', () => {
    expect(statisticsFileName(COLLEGE, 'ressources', [schoolYearPeriod('2025-2026')])).toBe(
      'statistiques-0561622J-ressources-2025-2026',
    );
    expect(statisticsFileName(LYCEE, 'evolution', [{ depuis: '2025-01', jusqua: '2025-06' }])).toBe(
      'statistiques-0690002B-evolution-2025-01_2025-06',
    );
  });

  it('names both periods of a comparison, in their order', () => {
    const periods: Period[] = [schoolYearPeriod('2024-2025'), { depuis: '2025-09', jusqua: '2026-01' }];
    expect(statisticsFileName(COLLEGE, 'comparaison', periods)).toBe(
      'statistiques-0561622J-comparaison-2024-2025_2025-09_2026-01',
    );
    expect(statisticsFileName(COLLEGE, 'comparaison', [...periods].reverse())).toBe(
      'statistiques-0561622J-comparaison-2025-09_2026-01_2024-2025',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The resources table

describe('sortIndicators', () => {
  const perMonth = [
    indicators({ idRessource: 'deux', libelle: 'B', accesParLicenceParMois: 2 }),
    indicators({ idRessource: 'demi', libelle: 'C', accesParLicenceParMois: 0.5 }),
    indicators({ idRessource: 'inconnu', libelle: 'A', accesParLicenceParMois: null }),
    indicators({ idRessource: 'zero', libelle: 'E', accesParLicenceParMois: 0 }),
    indicators({ idRessource: 'un', libelle: 'D', accesParLicenceParMois: 1 }),
  ];

  it('sorts a column ascending, unknown values last', () => {
    expect(sortedIds(perMonth, { column: 'accesParLicenceParMois', direction: 'ascending' })).toEqual([
      'zero',
      'demi',
      'un',
      'deux',
      'inconnu',
    ]);
  });

  it('sorts a column descending, unknown values still last', () => {
    expect(sortedIds(perMonth, { column: 'accesParLicenceParMois', direction: 'descending' })).toEqual([
      'deux',
      'un',
      'demi',
      'zero',
      'inconnu',
    ]);
  });

  it('orders the unknown values by French title in both directions', () => {
    const rows = [
      indicators({ idRessource: 'zoo', libelle: 'Zoologie', licencesAffectees: null }),
      indicators({ idRessource: 'eco', libelle: 'Écologie', licencesAffectees: null }),
      indicators({ idRessource: 'un', libelle: 'Musique', licencesAffectees: 1 }),
      indicators({ idRessource: 'atlas', libelle: 'atlas', licencesAffectees: null }),
    ];
    expect(sortedIds(rows, { column: 'licencesAffectees', direction: 'ascending' })).toEqual([
      'un',
      'atlas',
      'eco',
      'zoo',
    ]);
    expect(sortedIds(rows, { column: 'licencesAffectees', direction: 'descending' })).toEqual([
      'un',
      'atlas',
      'eco',
      'zoo',
    ]);
  });

  it('breaks ties by French title, ascending in both directions', () => {
    const rows = [
      indicators({ idRessource: 'zoo', libelle: 'Zoologie', acces: 5 }),
      indicators({ idRessource: 'eco', libelle: 'Écologie', acces: 5 }),
      indicators({ idRessource: 'big', libelle: 'Physique', acces: 9 }),
      indicators({ idRessource: 'atlas', libelle: 'Atlas', acces: 5 }),
    ];
    expect(sortedIds(rows, { column: 'acces', direction: 'ascending' })).toEqual([
      'atlas',
      'eco',
      'zoo',
      'big',
    ]);
    expect(sortedIds(rows, { column: 'acces', direction: 'descending' })).toEqual([
      'big',
      'atlas',
      'eco',
      'zoo',
    ]);
  });

  it('keeps the given order of rows equal in value and title (stable), in both directions', () => {
    const rows = [
      indicators({ idRessource: 'ark:/3', libelle: 'Atlas', acces: 5 }),
      indicators({ idRessource: 'ark:/1', libelle: 'Atlas', acces: 5 }),
      indicators({ idRessource: 'ark:/2', libelle: 'Atlas', acces: 5 }),
      indicators({ idRessource: 'ark:/n1', libelle: 'Atlas', acces: 5, accesParLicence: null }),
      indicators({ idRessource: 'ark:/n0', libelle: 'Atlas', acces: 5, accesParLicence: null }),
    ];
    for (const direction of ['ascending', 'descending'] as const) {
      expect(sortedIds(rows, { column: 'acces', direction })).toEqual([
        'ark:/3',
        'ark:/1',
        'ark:/2',
        'ark:/n1',
        'ark:/n0',
      ]);
      expect(sortedIds(rows, { column: 'accesParLicence', direction })).toEqual([
        'ark:/3',
        'ark:/1',
        'ark:/2',
        'ark:/n1',
        'ark:/n0',
      ]);
    }
  });

  it('sorts titles as a French reader expects, either way', () => {
    const rows = [
      indicators({ idRessource: 'zoo', libelle: 'Zoologie' }),
      indicators({ idRessource: 'eco', libelle: 'Économie' }),
      indicators({ idRessource: 'bio', libelle: 'biologie' }),
      indicators({ idRessource: 'atlas', libelle: 'Atlas' }),
    ];
    expect(sortedIds(rows, { column: 'libelle', direction: 'ascending' })).toEqual([
      'atlas',
      'bio',
      'eco',
      'zoo',
    ]);
    expect(sortedIds(rows, { column: 'libelle', direction: 'descending' })).toEqual([
      'zoo',
      'eco',
      'bio',
      'atlas',
    ]);
  });

  it('sorts unlimited licences above any count, and unknown ones last', () => {
    const rows = [
      indicators({ idRessource: 'illimite', libelle: 'A', licencesAchetees: 'ILLIMITE' }),
      indicators({ idRessource: 'cent', libelle: 'B', licencesAchetees: 100 }),
      indicators({ idRessource: 'inconnu', libelle: 'C', licencesAchetees: null }),
      indicators({ idRessource: 'dix', libelle: 'D', licencesAchetees: 10 }),
      indicators({ idRessource: 'mille', libelle: 'E', licencesAchetees: 1000 }),
    ];
    expect(sortedIds(rows, { column: 'licencesAchetees', direction: 'ascending' })).toEqual([
      'dix',
      'cent',
      'mille',
      'illimite',
      'inconnu',
    ]);
    expect(sortedIds(rows, { column: 'licencesAchetees', direction: 'descending' })).toEqual([
      'illimite',
      'mille',
      'cent',
      'dix',
      'inconnu',
    ]);
  });

  it('sorts the usage verdict by the resources to examine first, not alphabetically', () => {
    const rows = [
      indicators({ idRessource: 'regulier', libelle: 'A', usage: 'regulier' }),
      indicators({ idRessource: 'inconnu', libelle: 'B', usage: 'inconnu' }),
      indicators({ idRessource: 'faible', libelle: 'C', usage: 'faible' }),
      indicators({ idRessource: 'jamais', libelle: 'D', usage: 'jamais' }),
    ];
    expect(sortedIds(rows, { column: 'usage', direction: 'ascending' })).toEqual([
      'jamais',
      'faible',
      'regulier',
      'inconnu',
    ]);
    // « inconnu » is no verdict: last the other way round too, like any missing figure.
    expect(sortedIds(rows, { column: 'usage', direction: 'descending' })).toEqual([
      'regulier',
      'faible',
      'jamais',
      'inconnu',
    ]);
  });

  it('sorts numbers as numbers, not as text', () => {
    const rows = [
      indicators({ idRessource: 'cent', libelle: 'A', acces: 100 }),
      indicators({ idRessource: 'neuf', libelle: 'B', acces: 9 }),
      indicators({ idRessource: 'vingt', libelle: 'C', acces: 20 }),
    ];
    expect(sortedIds(rows, { column: 'acces', direction: 'ascending' })).toEqual(['neuf', 'vingt', 'cent']);
  });

  it('leaves its input as it was', () => {
    const rows = [
      indicators({ idRessource: 'un', libelle: 'A', acces: 1 }),
      indicators({ idRessource: 'trois', libelle: 'B', acces: 3 }),
      indicators({ idRessource: 'deux', libelle: 'C', acces: 2 }),
    ];
    expect(sortedIds(rows, { column: 'acces', direction: 'descending' })).toEqual(['trois', 'deux', 'un']);
    expect(ids(rows)).toEqual(['un', 'trois', 'deux']);
  });
});

describe('DEFAULT_SORT', () => {
  it('puts the least used per assigned licence and per month first, ascending', () => {
    expect(DEFAULT_SORT).toEqual({ column: 'accesParLicenceParMois', direction: 'ascending' });
  });
});

describe('nextSort', () => {
  it('turns the sorted column around, each way', () => {
    expect(nextSort({ column: 'acces', direction: 'ascending' }, 'acces')).toEqual({
      column: 'acces',
      direction: 'descending',
    });
    expect(nextSort({ column: 'acces', direction: 'descending' }, 'acces')).toEqual({
      column: 'acces',
      direction: 'ascending',
    });
  });

  it('starts another column ascending, whatever the current direction', () => {
    expect(nextSort({ column: 'acces', direction: 'descending' }, 'libelle')).toEqual({
      column: 'libelle',
      direction: 'ascending',
    });
    expect(nextSort(DEFAULT_SORT, 'usage')).toEqual({ column: 'usage', direction: 'ascending' });
  });

  it('turns the default order around on a click on its column', () => {
    expect(nextSort(DEFAULT_SORT, 'accesParLicenceParMois')).toEqual({
      column: 'accesParLicenceParMois',
      direction: 'descending',
    });
    expect(DEFAULT_SORT.direction).toBe('ascending');
  });
});

// ---------------------------------------------------------------------------------------------
// Charts

describe('leastUsedPerLicence', () => {
  it('keeps the resources with a figure per assigned licence, the least used first (0 included)', () => {
    const rows = [
      indicators({ idRessource: 'deux', libelle: 'A', accesParLicenceParMois: 2 }),
      indicators({ idRessource: 'sans-licence', libelle: 'B', accesParLicenceParMois: null }),
      indicators({ idRessource: 'zero', libelle: 'C', accesParLicenceParMois: 0, usage: 'jamais' }),
      indicators({ idRessource: 'demi', libelle: 'D', accesParLicenceParMois: 0.5 }),
    ];
    expect(ids(leastUsedPerLicence(rows))).toEqual(['zero', 'demi', 'deux']);
  });

  it('orders equal figures by French title', () => {
    const rows = [
      indicators({ idRessource: 'zoo', libelle: 'Zoologie', accesParLicenceParMois: 0.5 }),
      indicators({ idRessource: 'eco', libelle: 'Écologie', accesParLicenceParMois: 0.5 }),
      indicators({ idRessource: 'atlas', libelle: 'Atlas', accesParLicenceParMois: 0.5 }),
    ];
    expect(ids(leastUsedPerLicence(rows))).toEqual(['atlas', 'eco', 'zoo']);
  });

  it('gives every resource with a figure; the chart keeps the CHART_MAX_BARS least used', () => {
    expect(CHART_MAX_BARS).toBe(30);
    const rows = Array.from({ length: 45 }, (_, index) =>
      indicators({
        idRessource: `ark:/${index}`,
        libelle: `Ressource ${index}`,
        // 45 down to 1, and every 9th without licence figures.
        accesParLicenceParMois: index % 9 === 0 ? null : 45 - index,
      }),
    );
    const sorted = leastUsedPerLicence(rows);
    expect(sorted).toHaveLength(40);
    const bars = sorted.slice(0, CHART_MAX_BARS);
    expect(bars.map((row) => row.accesParLicenceParMois)).toEqual(
      [...Array.from({ length: 45 }, (_, index) => 45 - index)]
        .filter((value) => value % 9 !== 0)
        .reverse()
        .slice(0, CHART_MAX_BARS),
    );
    expect(Math.max(...bars.map((row) => row.accesParLicenceParMois ?? 0))).toBeLessThan(
      Math.min(...sorted.slice(CHART_MAX_BARS).map((row) => row.accesParLicenceParMois ?? 0)),
    );
  });

  it('leaves out a resource counted globally when one profile is chosen (its licences cannot be split)', () => {
    const facts = factsOfSchool(HISTORY, COLLEGE);
    const year = schoolYearPeriod('2025-2026');
    const unlimited = 'ark:/12345/ressource-2';
    const everyone = leastUsedPerLicence(resourceIndicators(facts, year, ALL));
    expect(ids(everyone)).toContain(unlimited);
    const pupils = resourceIndicators(facts, year, usageFilterOf('ELEVE', ''));
    expect(ids(pupils)).toContain(unlimited);
    expect(ids(leastUsedPerLicence(pupils))).not.toContain(unlimited);
    expect(leastUsedPerLicence(pupils)).toHaveLength(pupils.length - 1);
  });
});

describe('mostOpenedFirst', () => {
  it('puts the resources opened most over both periods first', () => {
    const rows = [
      comparisonRow({ idRessource: 'recent', libelle: 'A', accesA: 10, accesB: 50 }),
      comparisonRow({ idRessource: 'ancien', libelle: 'B', accesA: 100, accesB: 0 }),
      comparisonRow({ idRessource: 'peu', libelle: 'C', accesA: 1, accesB: 2 }),
      comparisonRow({ idRessource: 'jamais', libelle: 'D', accesA: 0, accesB: 0 }),
    ];
    expect(ids(mostOpenedFirst(rows))).toEqual(['ancien', 'recent', 'peu', 'jamais']);
  });

  it('orders equal totals by French title, then as given', () => {
    const rows = [
      comparisonRow({ idRessource: 'zoo', libelle: 'Zoologie', accesA: 30, accesB: 0 }),
      comparisonRow({ idRessource: 'eco', libelle: 'Écologie', accesA: 10, accesB: 20 }),
      comparisonRow({ idRessource: 'atlas-2', libelle: 'Atlas', accesA: 0, accesB: 30 }),
      comparisonRow({ idRessource: 'atlas-1', libelle: 'Atlas', accesA: 15, accesB: 15 }),
    ];
    expect(ids(mostOpenedFirst(rows))).toEqual(['atlas-2', 'atlas-1', 'eco', 'zoo']);
  });

  it('gives every row; the chart keeps the COMPARISON_MAX_BARS most opened', () => {
    expect(COMPARISON_MAX_BARS).toBe(15);
    const rows = Array.from({ length: 20 }, (_, index) =>
      comparisonRow({ idRessource: `ark:/${index}`, libelle: `R${index}`, accesA: index, accesB: index * 2 }),
    );
    const sorted = mostOpenedFirst(rows);
    expect(sorted).toHaveLength(20);
    expect(ids(sorted.slice(0, COMPARISON_MAX_BARS))).toEqual(
      Array.from({ length: COMPARISON_MAX_BARS }, (_, rank) => `ark:/${19 - rank}`),
    );
    expect(ids(rows)).toEqual(Array.from({ length: 20 }, (_, index) => `ark:/${index}`));
  });
});

// ---------------------------------------------------------------------------------------------
// The printed report

describe('reportRows', () => {
  it('puts never used resources first, then rarely used, then regularly used, then unknown', () => {
    const rows = [
      consistentRow('regulier', 'A', 500, 20, 'regulier'),
      consistentRow('inconnu', 'B', 40, null, 'inconnu'),
      consistentRow('faible', 'C', 50, 20, 'faible'),
      consistentRow('jamais', 'D', 0, 20, 'jamais'),
    ];
    expect(ids(reportRows(rows, []).map((row) => row.indicators))).toEqual([
      'jamais',
      'faible',
      'regulier',
      'inconnu',
    ]);
  });

  it('groups by the verdict before the figures', () => {
    // Not a pair resourceIndicators gives (one period has one verdict threshold), but the rule.
    const rows = [
      indicators({ idRessource: 'regulier', libelle: 'A', usage: 'regulier', accesParLicence: 0.1 }),
      indicators({ idRessource: 'faible', libelle: 'B', usage: 'faible', accesParLicence: 5 }),
      indicators({ idRessource: 'inconnu', libelle: 'C', usage: 'inconnu', accesParLicence: 0 }),
      indicators({ idRessource: 'jamais', libelle: 'D', usage: 'jamais', accesParLicence: 9 }),
    ];
    expect(ids(reportRows(rows, []).map((row) => row.indicators))).toEqual([
      'jamais',
      'faible',
      'regulier',
      'inconnu',
    ]);
  });

  it('puts the never used with the most licences assigned first: the most paid for nothing', () => {
    const rows = [
      consistentRow('dix', 'Atlas', 0, 10, 'jamais'),
      consistentRow('trois-cents', 'Zoologie', 0, 300, 'jamais'),
      consistentRow('cinquante', 'Musique', 0, 50, 'jamais'),
    ];
    expect(ids(reportRows(rows, []).map((row) => row.indicators))).toEqual([
      'trois-cents',
      'cinquante',
      'dix',
    ]);
  });

  it('puts the least used per assigned licence first within a group, whatever its licences', () => {
    const rows = [
      consistentRow('moins-gaspille', 'A', 150, 300, 'faible'), // 0.5 per licence
      consistentRow('pire', 'B', 2, 10, 'faible'), // 0.2 per licence
      consistentRow('entre', 'C', 40, 100, 'faible'), // 0.4 per licence
    ];
    expect(ids(reportRows(rows, []).map((row) => row.indicators))).toEqual([
      'pire',
      'entre',
      'moins-gaspille',
    ]);
  });

  it('among equal figures, puts the most licences assigned first, then orders by French title', () => {
    const rows = [
      consistentRow('zoo', 'Zoologie', 20, 40, 'faible'),
      consistentRow('petit', 'Atlas', 5, 10, 'faible'),
      consistentRow('eco', 'Écologie', 20, 40, 'faible'),
      consistentRow('grand', 'Musique', 100, 200, 'faible'),
      consistentRow('atlas', 'atlas', 20, 40, 'faible'),
    ];
    expect(ids(reportRows(rows, []).map((row) => row.indicators))).toEqual([
      'grand',
      'atlas',
      'eco',
      'zoo',
      'petit',
    ]);
  });

  it('orders unknown figures by licences assigned (unknown as none), then by title', () => {
    const rows = [
      indicators({
        idRessource: 'zero',
        libelle: 'Atlas',
        usage: 'inconnu',
        accesParLicence: null,
        licencesAffectees: 0,
      }),
      indicators({
        idRessource: 'cinq',
        libelle: 'Zoologie',
        usage: 'inconnu',
        accesParLicence: null,
        licencesAffectees: 5,
      }),
      indicators({
        idRessource: 'nul',
        libelle: 'Biologie',
        usage: 'inconnu',
        accesParLicence: null,
        licencesAffectees: null,
      }),
      indicators({
        idRessource: 'chiffre',
        libelle: 'Musique',
        usage: 'inconnu',
        accesParLicence: 3,
        licencesAffectees: 1,
      }),
    ];
    expect(ids(reportRows(rows, []).map((row) => row.indicators))).toEqual([
      'chiffre',
      'cinq',
      'zero',
      'nul',
    ]);
  });

  it("joins each resource's comparison with the year before by id, null when it has none", () => {
    const rows = [
      consistentRow('ark:/A', 'Atlas', 0, 10, 'jamais'),
      consistentRow('ark:/B', 'Bio', 50, 10, 'regulier'),
    ];
    const comparisonA = comparisonRow({ idRessource: 'ark:/A', accesA: 12, accesB: 0, evolution: -1 });
    const gone = comparisonRow({ idRessource: 'ark:/Gone', libelle: 'Ancienne', accesA: 80, accesB: 0 });
    const report = reportRows(rows, [gone, comparisonA]);
    expect(report).toEqual([
      { indicators: rows[0], comparison: comparisonA },
      { indicators: rows[1], comparison: null },
    ]);
  });

  it('gives every row and leaves its inputs as they were; the page prints the first REPORT_MAX_ROWS', () => {
    expect(REPORT_MAX_ROWS).toBe(32);
    const rows = Array.from({ length: 40 }, (_, index) =>
      consistentRow(`ark:/${index}`, `Ressource ${String(index).padStart(2, '0')}`, index, 10, 'regulier'),
    );
    const input = [...rows].reverse();
    const report = reportRows(input, []);
    expect(ids(input)).toEqual(ids([...rows].reverse()));
    expect(report).toHaveLength(40);
    const shown = report.slice(0, REPORT_MAX_ROWS);
    expect(ids(shown.map((row) => row.indicators))).toEqual(ids(rows.slice(0, REPORT_MAX_ROWS)));
    expect(report.length - shown.length).toBe(8);
  });

  it("gives a generated school's report: never used first, then « Presse junior », the figures rising", () => {
    const facts = factsOfSchool(HISTORY, COLLEGE);
    const latest = latestMonthOf(facts) ?? '';
    const year = schoolYearPeriod('2025-2026');
    const observed = upToLatest(year, latest);
    const rows = resourceIndicators(facts, year, ALL);
    const report = reportRows(rows, comparePeriods(facts, previousYear(observed), observed, ALL));

    expect(report).toHaveLength(40);
    const levels = report.map((row) => row.indicators.usage);
    const order: UsageLevel[] = ['jamais', 'faible', 'regulier', 'inconnu'];
    expect(levels).toEqual([...levels].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    // Resources 8, 15, 22, 29 and 36 are never opened: the most licences assigned first.
    const never = report.filter((row) => row.indicators.usage === 'jamais').map((row) => row.indicators);
    expect(never.map((row) => row.idRessource).sort()).toEqual(
      [8, 15, 22, 29, 36].map((index) => `ark:/12345/ressource-${index}`).sort(),
    );
    const assigned = never.map((row) => row.licencesAffectees ?? 0);
    expect(assigned).toEqual([...assigned].sort((a, b) => b - a));
    expect(report[never.length]?.indicators.libelle).toBe('Presse junior');
    for (const level of order) {
      const figures = report
        .filter((row) => row.indicators.usage === level)
        .map((row) => row.indicators.accesParLicence ?? Number.POSITIVE_INFINITY);
      expect(figures).toEqual([...figures].sort((a, b) => a - b));
    }
    for (const row of report) expect(row.comparison?.idRessource).toBe(row.indicators.idRessource);
  });
});

describe('accesPerAssignedLicence', () => {
  it('divides the accès by the licences assigned', () => {
    expect(accesPerAssignedLicence(120, 40)).toBe(3);
    expect(accesPerAssignedLicence(10, 4)).toBe(2.5);
    expect(accesPerAssignedLicence(0, 40)).toBe(0);
  });

  it('gives no figure without a licence assigned', () => {
    expect(accesPerAssignedLicence(10, 0)).toBeNull();
    expect(accesPerAssignedLicence(0, 0)).toBeNull();
  });
});
