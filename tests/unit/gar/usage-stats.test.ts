import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Abonnement, LicenceCount } from '../../../utils/gar/abonnement';
import { COUNTER_BUCKETS, type Counter } from '../../../utils/gar/school';
import type { UsageRow } from '../../../utils/gar/usage-row';
import {
  addMonths,
  type CountedSubscriptionInput,
  comparePeriods,
  comparisonCsvRows,
  factKey,
  frenchDecimal,
  indicatorsCsvRows,
  licenceFactsFromSubscriptions,
  mergeFacts,
  monthlySeries,
  monthOf,
  monthsOf,
  type Period,
  type PeriodComparisonRow,
  periodLabel,
  previousYear,
  resourceIndicators,
  retentionCutoff,
  schoolYearOfMonth,
  schoolYearPeriod,
  schoolYearsOf,
  seriesCsvRows,
  summarize,
  type UsageFact,
  type UsageFilter,
  usageFactsFromRows,
} from '../../../utils/gar/usage-stats';
import { sampleAbonnement } from '../abonnement-fixture';
import { usageFact } from './usage-fact-fixture';

// ---------------------------------------------------------------------------------------------
// Builders

function row(overrides: Partial<UsageRow> = {}): UsageRow {
  return {
    idRessource: 'ark:/A',
    libelleRessource: 'Atlas',
    mois: '2025-09',
    profil: 'ELEVE',
    acces: 10,
    utilisateurs: 5,
    ...overrides,
  };
}

const usage = usageFact;

function licences(overrides: Partial<UsageFact> = {}): UsageFact {
  return {
    idRessource: 'ark:/A',
    libelle: 'Atlas',
    mois: '2025-09',
    profil: 'ELEVE',
    licencesAchetees: 100,
    licencesAffectees: 80,
    licencesVuesLe: '2025-09-15T08:00:00.000Z',
    sources: ['console'],
    ...overrides,
  };
}

function counter(achetees: LicenceCount, affectees: number): Counter {
  return {
    achetees,
    affectees,
    verrouillees: 0,
    disponibles: achetees === 'ILLIMITE' ? 'ILLIMITE' : achetees - affectees,
  };
}

function counted(
  abonnement: Partial<Abonnement>,
  counts: CountedSubscriptionInput['counts'],
): CountedSubscriptionInput {
  return {
    abonnement: sampleAbonnement({
      debutValidite: '2025-09-01T00:00:00.000+02:00',
      anneeFinValidite: '2025-2026',
      ...abonnement,
    }),
    counts,
  };
}

const ALL: UsageFilter = { profils: [], ressources: [] };

function totalAcces(facts: readonly UsageFact[]): number {
  return facts.reduce((sum, fact) => sum + (fact.acces ?? 0), 0);
}

// ---------------------------------------------------------------------------------------------
// Facts from the pages

describe('usageFactsFromRows', () => {
  it('sums the rows of one resource, month and profile (one row per subscription)', () => {
    const facts = usageFactsFromRows(
      [
        row({ acces: 10, utilisateurs: 5 }),
        row({ acces: 7, utilisateurs: 2 }),
        row({ profil: 'ENSEIGNANT', acces: 3, utilisateurs: 1 }),
        row({ mois: '2025-10', acces: 4, utilisateurs: 4 }),
      ],
      'portail',
    );
    expect(facts).toEqual([
      usage({ acces: 17, utilisateurs: 7 }),
      usage({ profil: 'ENSEIGNANT', acces: 3, utilisateurs: 1 }),
      usage({ mois: '2025-10', acces: 4, utilisateurs: 4 }),
    ]);
  });

  it('keeps the first real title, the id only when no row gives one, and no licence fields', () => {
    const [titled, untitled] = usageFactsFromRows(
      [
        row({ libelleRessource: 'ark:/A' }),
        row({ libelleRessource: 'Atlas' }),
        row({ libelleRessource: 'Atlas (ancien titre)' }),
        row({ idRessource: 'ark:/B', libelleRessource: 'ark:/B' }),
        row({ idRessource: 'ark:/B', libelleRessource: ' ' }),
      ],
      'import',
    );
    expect(titled?.libelle).toBe('Atlas');
    expect(titled?.sources).toEqual(['import']);
    expect(untitled?.libelle).toBe('ark:/B');
    expect(Object.keys(titled ?? {})).not.toContain('licencesVuesLe');
    expect(Object.keys(titled ?? {})).not.toContain('licencesAchetees');
  });
});

describe('licenceFactsFromSubscriptions', () => {
  const observedAt = new Date('2025-10-15T10:00:00.000Z');

  it('gives one fact per resource and bucket, in the Paris month of the reading', () => {
    const facts = licenceFactsFromSubscriptions(
      [
        counted(
          { idAbonnement: 'ABO-1', idRessource: 'ark:/A', libelleRessource: 'Atlas' },
          { ELEVE: counter(100, 80), ENSEIGNANT: counter(10, 3) },
        ),
      ],
      observedAt,
      'console',
    );
    expect(facts).toEqual([
      licences({ mois: '2025-10', licencesVuesLe: '2025-10-15T10:00:00.000Z' }),
      licences({
        mois: '2025-10',
        profil: 'ENSEIGNANT',
        licencesAchetees: 10,
        licencesAffectees: 3,
        licencesVuesLe: '2025-10-15T10:00:00.000Z',
      }),
    ]);
    expect(Object.keys(facts[0] ?? {})).not.toContain('acces');
    expect(Object.keys(facts[0] ?? {})).not.toContain('utilisateurs');
  });

  it('adds up subscriptions of one resource and bucket; an unlimited one makes the total unlimited', () => {
    const facts = licenceFactsFromSubscriptions(
      [
        counted({ idAbonnement: 'ABO-1', idRessource: 'ark:/A' }, { ELEVE: counter(100, 80) }),
        counted({ idAbonnement: 'ABO-2', idRessource: 'ark:/A' }, { ELEVE: counter(30, 25) }),
        counted({ idAbonnement: 'ABO-3', idRessource: 'ark:/B' }, { GLOBAL: counter(50, 10) }),
        counted({ idAbonnement: 'ABO-4', idRessource: 'ark:/B' }, { GLOBAL: counter('ILLIMITE', 200) }),
        counted({ idAbonnement: 'ABO-5', idRessource: 'ark:/B' }, { GLOBAL: counter(5, 1) }),
      ],
      observedAt,
      'portail',
    );
    expect(facts.map((f) => [f.idRessource, f.profil, f.licencesAchetees, f.licencesAffectees])).toEqual([
      ['ark:/A', 'ELEVE', 130, 105],
      ['ark:/B', 'GLOBAL', 'ILLIMITE', 211],
    ]);
    expect(facts[1]?.sources).toEqual(['portail']);
  });

  it('skips deleted, ETABL, expired and not yet started subscriptions', () => {
    const facts = licenceFactsFromSubscriptions(
      [
        counted({ idAbonnement: 'OK', idRessource: 'ark:/ok' }, { ELEVE: counter(10, 1) }),
        counted(
          { idAbonnement: '_SUPPR', idRessource: 'ark:/del', supprime: true },
          { ELEVE: counter(10, 1) },
        ),
        counted({ idAbonnement: 'ETAB', idRessource: 'ark:/etab', typeAffectation: 'ETABL' }, {}),
        counted(
          { idAbonnement: 'ETAB2', idRessource: 'ark:/etab2', typeAffectation: 'ETABL' },
          { GLOBAL: counter(1, 0) },
        ),
        counted(
          {
            idAbonnement: 'OLD',
            idRessource: 'ark:/old',
            debutValidite: '2024-09-01T00:00:00.000+02:00',
            anneeFinValidite: undefined,
            finValidite: '2025-10-14T23:59:59.000+02:00',
          },
          { ELEVE: counter(10, 1) },
        ),
        counted(
          { idAbonnement: 'NEXT', idRessource: 'ark:/next', debutValidite: '2025-10-16T00:00:00.000+02:00' },
          { ELEVE: counter(10, 1) },
        ),
      ],
      observedAt,
      'console',
    );
    expect(facts.map((fact) => fact.idRessource)).toEqual(['ark:/ok']);
  });

  it('counts a school-year subscription until 31 August 23:59 in Paris, not after', () => {
    const subscription = counted({ idRessource: 'ark:/A' }, { ELEVE: counter(10, 1) });
    const lastEvening = licenceFactsFromSubscriptions(
      [subscription],
      new Date('2026-08-31T21:30:00Z'),
      'console',
    );
    expect(lastEvening.map((fact) => fact.mois)).toEqual(['2026-08']);
    expect(
      licenceFactsFromSubscriptions([subscription], new Date('2026-08-31T22:30:00Z'), 'console'),
    ).toEqual([]);
  });
});

describe('factKey', () => {
  it('joins id, month and profile with NUL', () => {
    expect(factKey({ idRessource: 'ark:/A', mois: '2025-09', profil: 'AUTRE PERSONNEL' })).toBe(
      'ark:/A\u00002025-09\u0000AUTRE PERSONNEL',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Merging

describe('mergeFacts', () => {
  it('adds new keys and returns every fact sorted by month, resource, profile', () => {
    const existing = [usage({ mois: '2025-10' })];
    const report = mergeFacts(existing, [
      usage({ mois: '2025-10', idRessource: 'ark:/0', profil: 'ENSEIGNANT' }),
      usage({ mois: '2025-10', idRessource: 'ark:/0', profil: 'DOCUMENTALISTE' }),
      usage({ mois: '2025-09', idRessource: 'ark:/Z' }),
    ]);
    expect([report.ajoutees, report.modifiees, report.inchangees]).toEqual([3, 0, 0]);
    expect(report.facts.map((f) => [f.mois, f.idRessource, f.profil])).toEqual([
      ['2025-09', 'ark:/Z', 'ELEVE'],
      ['2025-10', 'ark:/0', 'DOCUMENTALISTE'],
      ['2025-10', 'ark:/0', 'ENSEIGNANT'],
      ['2025-10', 'ark:/A', 'ELEVE'],
    ]);
  });

  it('keeps the highest reading of a month seen twice, never the sum', () => {
    const higher = mergeFacts(
      [usage({ acces: 10, utilisateurs: 5 })],
      [usage({ acces: 12, utilisateurs: 4 })],
    );
    expect(higher.facts).toEqual([usage({ acces: 12, utilisateurs: 4 })]);
    expect([higher.ajoutees, higher.modifiees, higher.inchangees]).toEqual([0, 1, 0]);

    const lower = mergeFacts([usage({ acces: 10, utilisateurs: 5 })], [usage({ acces: 9, utilisateurs: 9 })]);
    expect(lower.facts).toEqual([usage({ acces: 10, utilisateurs: 5 })]);
    expect([lower.ajoutees, lower.modifiees, lower.inchangees]).toEqual([0, 0, 1]);

    const moreUsers = mergeFacts(
      [usage({ acces: 10, utilisateurs: 5 })],
      [usage({ acces: 10, utilisateurs: 6 })],
    );
    expect(moreUsers.facts).toEqual([usage({ acces: 10, utilisateurs: 6 })]);
  });

  it('gives a licence-only fact the usage reading, and keeps its licences', () => {
    const report = mergeFacts([licences()], [usage({ sources: ['portail'] })]);
    expect(report.facts).toEqual([
      {
        ...licences(),
        acces: 10,
        utilisateurs: 5,
        sources: ['portail', 'console'],
      },
    ]);
    expect(report.modifiees).toBe(1);
  });

  it('keeps the latest licence reading; a tie keeps the stored one', () => {
    const stored = licences({ licencesVuesLe: '2025-09-15T08:00:00.000Z' });
    const later = licences({ licencesAffectees: 60, licencesVuesLe: '2025-09-20T08:00:00.000Z' });
    const earlier = licences({ licencesAffectees: 99, licencesVuesLe: '2025-09-10T08:00:00.000Z' });
    const sameTime = licences({ licencesAffectees: 42, licencesVuesLe: '2025-09-15T10:00:00.000+02:00' });
    expect(mergeFacts([stored], [later]).facts).toEqual([later]);
    expect(mergeFacts([stored], [earlier]).facts).toEqual([stored]);
    expect(mergeFacts([stored], [sameTime]).facts).toEqual([stored]);
    expect(mergeFacts([stored], [usage()]).facts[0]).toMatchObject({
      licencesAchetees: 100,
      licencesAffectees: 80,
      licencesVuesLe: stored.licencesVuesLe,
    });
  });

  it('keeps a usage reading when a licence reading comes in, and the other way round', () => {
    const report = mergeFacts([usage({ acces: 50 })], [licences()]);
    expect(report.facts[0]).toMatchObject({ acces: 50, utilisateurs: 5, licencesAffectees: 80 });
  });

  it('takes the incoming title unless it is only the id', () => {
    expect(mergeFacts([usage()], [usage({ libelle: 'Atlas 2e éd.' })]).facts[0]?.libelle).toBe(
      'Atlas 2e éd.',
    );
    expect(mergeFacts([usage()], [usage({ libelle: 'ark:/A' })]).facts[0]?.libelle).toBe('Atlas');
    const untitled = usage({ libelle: 'ark:/A' });
    expect(mergeFacts([untitled], [usage()]).facts[0]?.libelle).toBe('Atlas');
    const renamed = mergeFacts([usage()], [usage({ libelle: 'Atlas 2e éd.' })]);
    expect(renamed.modifiees).toBe(1);
  });

  it('unions the sources in their fixed order, and a new source alone is no change', () => {
    const report = mergeFacts([usage({ sources: ['import'] })], [usage({ sources: ['import', 'portail'] })]);
    expect(report.facts[0]?.sources).toEqual(['portail', 'import']);
    expect([report.ajoutees, report.modifiees, report.inchangees]).toEqual([0, 0, 1]);
    const added = mergeFacts([], [usage({ sources: ['import', 'console', 'import'] })]);
    expect(added.facts[0]?.sources).toEqual(['console', 'import']);
  });

  it('merges incoming duplicates of a key in sequence and reports the key once', () => {
    const fresh = mergeFacts([], [usage({ acces: 3 }), usage({ acces: 8 }), usage({ acces: 5 })]);
    expect(fresh.facts).toEqual([usage({ acces: 8 })]);
    expect([fresh.ajoutees, fresh.modifiees, fresh.inchangees]).toEqual([1, 0, 0]);

    const stored = mergeFacts([usage({ acces: 5 })], [usage({ acces: 8 }), usage({ acces: 2 })]);
    expect([stored.ajoutees, stored.modifiees, stored.inchangees]).toEqual([0, 1, 0]);
  });

  it('reports a later licence reading with the same counts as unchanged, yet keeps its date', () => {
    const later = '2025-09-16T08:00:00.000Z';
    const report = mergeFacts([licences()], [licences({ licencesVuesLe: later })]);
    expect(report).toMatchObject({ modifiees: 0, inchangees: 1 });
    expect(report.facts[0]?.licencesVuesLe).toBe(later);
  });

  it('leaves its inputs untouched', () => {
    const existing = [usage({ sources: ['import'] })];
    const incoming = [usage({ acces: 99, sources: ['portail'] })];
    const copy = structuredClone([existing, incoming]);
    mergeFacts(existing, incoming);
    expect([existing, incoming]).toEqual(copy);
  });

  it('merges a year of a large school into another year of it', () => {
    const year = (mois0: string, source: 'portail' | 'import') =>
      Array.from({ length: 300 }, (_, r) =>
        monthsOf({ depuis: mois0, jusqua: addMonths(mois0, 11) }).flatMap((mois) =>
          (['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'] as const).map((profil) =>
            usage({ idRessource: `ark:/${r}`, mois, profil, acces: r, sources: [source] }),
          ),
        ),
      ).flat();
    const report = mergeFacts(year('2024-09', 'portail'), year('2025-03', 'import'));
    // Six months overlap (2025-03 … 2025-08).
    expect([report.ajoutees, report.modifiees, report.inchangees]).toEqual([7_200, 0, 7_200]);
    expect(report.facts).toHaveLength(21_600);
  });
});

// Properties: facts over few keys so that collisions are frequent.
const RESOURCES = ['ark:/A', 'ark:/B', 'ark:/C'];
const MONTHS = ['2025-09', '2025-10'];
const READING_TIMES = [
  '2025-09-01T08:00:00.000Z',
  '2025-09-15T08:00:00.000Z',
  '2025-10-01T08:00:00.000Z',
  '2025-10-20T08:00:00.000Z',
];

/**
 * A licence reading's counts follow from its instant: two readings taken at the same instant show
 * the same counters, which is what makes the tie rule harmless.
 */
const licenceReading = fc.integer({ min: 0, max: READING_TIMES.length - 1 }).map((t) => ({
  licencesAchetees: (t === 3 ? 'ILLIMITE' : 10 * t) as LicenceCount,
  licencesAffectees: 7 * t,
  licencesVuesLe: READING_TIMES[t] as string,
}));

const arbitraryFact: fc.Arbitrary<UsageFact> = fc
  .record({
    idRessource: fc.constantFrom(...RESOURCES),
    mois: fc.constantFrom(...MONTHS),
    profil: fc.constantFrom(...COUNTER_BUCKETS),
    title: fc.constantFrom('id', 'Titre 1', 'Titre 2'),
    usage: fc.option(fc.record({ acces: fc.nat(40), utilisateurs: fc.nat(40) }), { nil: undefined }),
    licences: fc.option(licenceReading, { nil: undefined }),
    sources: fc.uniqueArray(fc.constantFrom('portail' as const, 'console' as const, 'import' as const), {
      minLength: 1,
    }),
  })
  .map(({ title, usage: reading, licences: counts, ...fact }) => ({
    ...fact,
    libelle: title === 'id' ? fact.idRessource : title,
    ...reading,
    ...counts,
  }));

const arbitraryRow: fc.Arbitrary<UsageRow> = fc.record({
  idRessource: fc.constantFrom(...RESOURCES),
  libelleRessource: fc.constantFrom('Titre 1', 'Titre 2'),
  mois: fc.constantFrom(...MONTHS),
  profil: fc.constantFrom('ELEVE' as const, 'ENSEIGNANT' as const, 'DOCUMENTALISTE' as const),
  acces: fc.nat(40),
  utilisateurs: fc.nat(40),
});

/** Figures and sources; the title depends on order by design (the latest real one wins). */
function figures(facts: readonly UsageFact[]): Omit<UsageFact, 'libelle'>[] {
  return facts.map(({ libelle: _libelle, ...rest }) => rest);
}

describe('mergeFacts properties', () => {
  it('is idempotent: merging the same facts again changes nothing and reports them unchanged', () => {
    fc.assert(
      fc.property(fc.array(arbitraryFact), fc.array(arbitraryFact), (existing, incoming) => {
        const once = mergeFacts(existing, incoming);
        const twice = mergeFacts(once.facts, incoming);
        expect(twice.facts).toEqual(once.facts);
        const keys = new Set(incoming.map(factKey)).size;
        expect([twice.ajoutees, twice.modifiees, twice.inchangees]).toEqual([0, 0, keys]);
      }),
    );
  });

  it('gives the same figures whatever the order of two merges', () => {
    fc.assert(
      fc.property(fc.array(arbitraryFact), fc.array(arbitraryFact), fc.array(arbitraryFact), (e, a, b) => {
        const ab = mergeFacts(mergeFacts(e, a).facts, b).facts;
        const ba = mergeFacts(mergeFacts(e, b).facts, a).facts;
        expect(figures(ab)).toEqual(figures(ba));
      }),
    );
  });

  it('never counts a capture twice', () => {
    fc.assert(
      fc.property(fc.array(arbitraryFact), fc.array(arbitraryRow), (existing, rows) => {
        const once = mergeFacts(existing, usageFactsFromRows(rows, 'portail')).facts;
        const again = mergeFacts(once, usageFactsFromRows(rows, 'portail')).facts;
        const imported = mergeFacts(once, usageFactsFromRows(rows, 'import')).facts;
        const both = mergeFacts(existing, [
          ...usageFactsFromRows(rows, 'portail'),
          ...usageFactsFromRows(rows, 'import'),
        ]).facts;
        expect(totalAcces(again)).toBe(totalAcces(once));
        expect(totalAcces(imported)).toBe(totalAcces(once));
        expect(totalAcces(both)).toBe(totalAcces(once));
      }),
    );
  });

  it('keeps every accès of the rows in one capture', () => {
    fc.assert(
      fc.property(fc.array(arbitraryRow), (rows) => {
        const sum = rows.reduce((total, r) => total + r.acces, 0);
        expect(totalAcces(usageFactsFromRows(rows, 'portail'))).toBe(sum);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Months

describe('monthOf', () => {
  it('reads the month on a Paris calendar, in summer and in winter time', () => {
    expect(monthOf(new Date('2026-08-31T21:59:59Z'))).toBe('2026-08');
    expect(monthOf(new Date('2026-08-31T22:30:00Z'))).toBe('2026-09');
    expect(monthOf(new Date('2026-01-31T22:59:59Z'))).toBe('2026-01');
    expect(monthOf(new Date('2026-01-31T23:30:00Z'))).toBe('2026-02');
  });

  it('uses the offset of the day itself around the time changes', () => {
    // Summer time started on 29 March 2026: midnight on 1 April is 22:00 UTC.
    expect(monthOf(new Date('2026-03-31T21:59:59Z'))).toBe('2026-03');
    expect(monthOf(new Date('2026-03-31T22:00:00Z'))).toBe('2026-04');
    // Winter time is back on 25 October 2026: midnight on 1 November is 23:00 UTC.
    expect(monthOf(new Date('2026-10-31T22:59:59Z'))).toBe('2026-10');
    expect(monthOf(new Date('2026-10-31T23:00:00Z'))).toBe('2026-11');
  });
});

describe('month arithmetic', () => {
  it('adds and removes months across years', () => {
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(addMonths('2026-02', -3)).toBe('2025-11');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(addMonths('2025-01', -25)).toBe('2022-12');
    expect(addMonths('2025-06', 0)).toBe('2025-06');
    expect(addMonths('2025-12', 12)).toBe('2026-12');
  });

  it('lists the months of a period, both ends included', () => {
    expect(monthsOf({ depuis: '2025-11', jusqua: '2026-02' })).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(monthsOf({ depuis: '2025-11', jusqua: '2025-11' })).toEqual(['2025-11']);
    expect(monthsOf({ depuis: '2025-11', jusqua: '2025-10' })).toEqual([]);
  });

  it('goes back and forth by the same count, and a period has one month per step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -300, max: 300 }),
        (year, month, count) => {
          const mois = `${year}-${String(month).padStart(2, '0')}`;
          expect(addMonths(addMonths(mois, count), -count)).toBe(mois);
          const later = addMonths(mois, Math.abs(count));
          expect(monthsOf({ depuis: mois, jusqua: later })).toHaveLength(Math.abs(count) + 1);
        },
      ),
    );
  });
});

describe('school years', () => {
  it('run from September to August', () => {
    expect(schoolYearOfMonth('2025-09')).toBe('2025-2026');
    expect(schoolYearOfMonth('2026-01')).toBe('2025-2026');
    expect(schoolYearOfMonth('2026-08')).toBe('2025-2026');
    expect(schoolYearOfMonth('2025-08')).toBe('2024-2025');
    expect(schoolYearPeriod('2025-2026')).toEqual({ depuis: '2025-09', jusqua: '2026-08' });
  });

  it('shift a period by a year', () => {
    expect(previousYear({ depuis: '2025-09', jusqua: '2026-02' })).toEqual({
      depuis: '2024-09',
      jusqua: '2025-02',
    });
  });

  it('are listed once each, most recent first', () => {
    const facts = [
      usage({ mois: '2025-08' }),
      usage({ mois: '2026-03' }),
      usage({ mois: '2025-09' }),
      usage({ mois: '2023-12' }),
    ];
    expect(schoolYearsOf(facts)).toEqual(['2025-2026', '2024-2025', '2023-2024']);
    expect(schoolYearsOf([])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Indicators

/**
 * Autumn 2025 (Sept–Nov) of a school, plus a month before it:
 * - Atlas: used regularly; 110 licences bought, 100 assigned in November (80 in October).
 * - Bled: unlimited global licences, 40 assigned; used rarely.
 * - Éducation civique: 20 licences, all assigned, never opened (no row at all).
 * - Encyclopédie: usage only, no licences known.
 * - Old: only in August, outside the period.
 */
const AUTUMN: Period = { depuis: '2025-09', jusqua: '2025-11' };
const ATLAS = 'ark:/atlas';
const BLED = 'ark:/bled';
const EDUC = 'ark:/educ';
const ENCYC = 'ark:/encyc';

const autumn: UsageFact[] = [
  usage({ idRessource: ATLAS, libelle: 'Atlas', mois: '2025-09', acces: 300, utilisateurs: 60 }),
  usage({
    idRessource: ATLAS,
    libelle: 'Atlas',
    mois: '2025-09',
    profil: 'ENSEIGNANT',
    acces: 30,
    utilisateurs: 10,
  }),
  usage({ idRessource: ATLAS, libelle: 'Atlas', mois: '2025-10', acces: 270, utilisateurs: 50 }),
  licences({
    idRessource: ATLAS,
    libelle: 'Atlas',
    mois: '2025-10',
    licencesAchetees: 100,
    licencesAffectees: 80,
  }),
  licences({
    idRessource: ATLAS,
    libelle: 'Atlas',
    mois: '2025-11',
    licencesAchetees: 100,
    licencesAffectees: 90,
  }),
  licences({
    idRessource: ATLAS,
    libelle: 'Atlas',
    mois: '2025-11',
    profil: 'ENSEIGNANT',
    licencesAchetees: 10,
    licencesAffectees: 10,
  }),
  usage({ idRessource: BLED, libelle: 'Bled', mois: '2025-10', acces: 60, utilisateurs: 12 }),
  licences({
    idRessource: BLED,
    libelle: 'Bled',
    mois: '2025-11',
    profil: 'GLOBAL',
    licencesAchetees: 'ILLIMITE',
    licencesAffectees: 40,
  }),
  licences({
    idRessource: EDUC,
    libelle: 'Éducation civique',
    mois: '2025-10',
    licencesAchetees: 20,
    licencesAffectees: 20,
  }),
  usage({ idRessource: ENCYC, libelle: 'Encyclopédie', mois: '2025-11', acces: 6, utilisateurs: 3 }),
  usage({ idRessource: 'ark:/old', libelle: 'Old', mois: '2025-08', acces: 999, utilisateurs: 99 }),
];

describe('resourceIndicators', () => {
  it('computes every indicator of the period, sorted by title in French', () => {
    const rows = resourceIndicators(autumn, AUTUMN, ALL);
    expect(rows.map((r) => r.libelle)).toEqual(['Atlas', 'Bled', 'Éducation civique', 'Encyclopédie']);
    const [atlas, bled, educ, encyc] = rows;
    expect(atlas).toEqual({
      idRessource: ATLAS,
      libelle: 'Atlas',
      acces: 600,
      moisObserves: 3,
      accesParMois: 200,
      utilisateursMaxMois: 70,
      licencesAchetees: 110,
      licencesAffectees: 100,
      tauxAffectation: 100 / 110,
      licencesNonAffectees: 10,
      licencesSansUsage: 30,
      accesParLicence: 6,
      accesParLicenceParMois: 2,
      usage: 'regulier',
    });
    expect(bled).toEqual({
      idRessource: BLED,
      libelle: 'Bled',
      acces: 60,
      moisObserves: 3,
      accesParMois: 20,
      utilisateursMaxMois: 12,
      licencesAchetees: 'ILLIMITE',
      licencesAffectees: 40,
      tauxAffectation: null,
      licencesNonAffectees: null,
      licencesSansUsage: 28,
      accesParLicence: 1.5,
      accesParLicenceParMois: 0.5,
      usage: 'faible',
    });
    expect(educ).toMatchObject({
      acces: 0,
      accesParMois: 0,
      utilisateursMaxMois: 0,
      licencesAchetees: 20,
      licencesAffectees: 20,
      tauxAffectation: 1,
      licencesNonAffectees: 0,
      licencesSansUsage: 20,
      accesParLicence: 0,
      accesParLicenceParMois: 0,
      usage: 'jamais',
    });
    expect(encyc).toMatchObject({
      acces: 6,
      accesParMois: 2,
      utilisateursMaxMois: 3,
      licencesAchetees: null,
      licencesAffectees: null,
      tauxAffectation: null,
      licencesNonAffectees: null,
      licencesSansUsage: null,
      accesParLicence: null,
      accesParLicenceParMois: null,
      usage: 'inconnu',
    });
  });

  it('counts only the chosen profiles, and leaves the GLOBAL bucket out then', () => {
    const teachers = resourceIndicators(autumn, AUTUMN, { profils: ['ENSEIGNANT'], ressources: [] });
    expect(teachers).toEqual([
      expect.objectContaining({
        idRessource: ATLAS,
        acces: 30,
        moisObserves: 1,
        accesParMois: 30,
        utilisateursMaxMois: 10,
        licencesAchetees: 10,
        licencesAffectees: 10,
        accesParLicenceParMois: 3,
        usage: 'regulier',
      }),
    ]);
    const pupils = resourceIndicators(autumn, AUTUMN, { profils: ['ELEVE'], ressources: [] });
    expect(pupils.find((r) => r.idRessource === BLED)).toMatchObject({
      acces: 60,
      licencesAchetees: null,
      licencesAffectees: null,
      usage: 'inconnu',
    });
    expect(pupils.find((r) => r.idRessource === ATLAS)).toMatchObject({
      licencesAchetees: 100,
      licencesAffectees: 90,
    });
  });

  it('treats a resource absent from an observed month as unused, even when filtered alone', () => {
    const [educ] = resourceIndicators(autumn, AUTUMN, { profils: [], ressources: [EDUC] });
    expect(educ).toMatchObject({ moisObserves: 3, acces: 0, utilisateursMaxMois: 0, usage: 'jamais' });
    const [encyc] = resourceIndicators(autumn, AUTUMN, { profils: [], ressources: [ENCYC] });
    expect(encyc).toMatchObject({ moisObserves: 3, accesParMois: 2 });
  });

  it('says nothing about usage when no month of the period was observed', () => {
    const [educ] = resourceIndicators(autumn, { depuis: '2025-12', jusqua: '2026-01' }, ALL);
    expect(educ).toBeUndefined();
    const onlyLicences = [licences({ mois: '2025-10', licencesAchetees: 30, licencesAffectees: 20 })];
    const [row] = resourceIndicators(onlyLicences, AUTUMN, ALL);
    expect(row).toMatchObject({
      moisObserves: 0,
      acces: 0,
      accesParMois: null,
      utilisateursMaxMois: null,
      licencesSansUsage: null,
      accesParLicence: 0,
      accesParLicenceParMois: null,
      usage: 'inconnu',
    });
  });

  it('judges against one accès per assigned licence and per month', () => {
    const withAcces = (acces: number, affectees: number) =>
      resourceIndicators(
        [usage({ acces }), licences({ licencesAchetees: 10, licencesAffectees: affectees })],
        { depuis: '2025-09', jusqua: '2025-09' },
        ALL,
      )[0];
    expect(withAcces(10, 10)?.usage).toBe('regulier');
    expect(withAcces(9, 10)?.usage).toBe('faible');
    expect(withAcces(0, 10)?.usage).toBe('jamais');
    expect(withAcces(10, 0)).toMatchObject({ usage: 'inconnu', accesParLicence: null, tauxAffectation: 0 });
  });

  it('reads usage and licences that a merge put into one fact', () => {
    const merged = mergeFacts(
      [usage({ acces: 30, utilisateurs: 4 })],
      [licences({ licencesAffectees: 10 })],
    ).facts;
    expect(resourceIndicators(merged, { depuis: '2025-09', jusqua: '2025-09' }, ALL)[0]).toMatchObject({
      acces: 30,
      licencesAffectees: 10,
      licencesSansUsage: 6,
      accesParLicenceParMois: 3,
    });
  });

  it('shows the latest real title of a resource', () => {
    const facts = [
      usage({ mois: '2025-09', libelle: 'Atlas' }),
      usage({ mois: '2025-10', libelle: 'Atlas 2e éd.' }),
      usage({ mois: '2025-11', libelle: 'ark:/A' }),
    ];
    expect(resourceIndicators(facts, AUTUMN, ALL)[0]?.libelle).toBe('Atlas 2e éd.');
  });
});

describe('monthlySeries', () => {
  const WITH_DECEMBER: Period = { depuis: '2025-09', jusqua: '2025-12' };

  it('sums accès per profile and month; an unobserved month is null, an observed one at least 0', () => {
    expect(monthlySeries(autumn, WITH_DECEMBER, ALL)).toEqual({
      mois: ['2025-09', '2025-10', '2025-11', '2025-12'],
      parProfil: {
        ELEVE: [300, 330, 6, null],
        ENSEIGNANT: [30, 0, 0, null],
        DOCUMENTALISTE: [0, 0, 0, null],
        'AUTRE PERSONNEL': [0, 0, 0, null],
      },
      total: [330, 330, 6, null],
    });
  });

  it('leaves the profiles filtered out null', () => {
    const series = monthlySeries(autumn, WITH_DECEMBER, { profils: ['ENSEIGNANT'], ressources: [] });
    expect(series.parProfil.ELEVE).toEqual([null, null, null, null]);
    expect(series.parProfil.ENSEIGNANT).toEqual([30, null, null, null]);
    expect(series.total).toEqual([30, null, null, null]);
  });

  it('keeps the school-observed months at 0 for a resource that had no row', () => {
    const series = monthlySeries(autumn, WITH_DECEMBER, { profils: [], ressources: [EDUC] });
    expect(series.parProfil.ELEVE).toEqual([0, 0, 0, null]);
    expect(series.total).toEqual([0, 0, 0, null]);
  });
});

describe('comparePeriods', () => {
  const lastAutumn = previousYear(AUTUMN);
  const history = [
    ...autumn,
    usage({ idRessource: ATLAS, libelle: 'Atlas', mois: '2024-09', acces: 400 }),
    licences({
      idRessource: ATLAS,
      libelle: 'Atlas',
      mois: '2024-10',
      licencesAchetees: 100,
      licencesAffectees: 80,
    }),
    usage({ idRessource: 'ark:/fr', libelle: 'Français', mois: '2024-10', acces: 50 }),
  ];

  it('lists the resources of either period with their evolution, sorted by title', () => {
    const rows = comparePeriods(history, lastAutumn, AUTUMN, ALL);
    expect(rows).toEqual([
      {
        idRessource: ATLAS,
        libelle: 'Atlas',
        accesA: 400,
        accesB: 600,
        accesParLicenceA: 5,
        accesParLicenceB: 6,
        evolution: 0.5,
      },
      {
        idRessource: BLED,
        libelle: 'Bled',
        accesA: 0,
        accesB: 60,
        accesParLicenceA: null,
        accesParLicenceB: 1.5,
        evolution: null,
      },
      {
        idRessource: EDUC,
        libelle: 'Éducation civique',
        accesA: 0,
        accesB: 0,
        accesParLicenceA: null,
        accesParLicenceB: 0,
        evolution: null,
      },
      {
        idRessource: ENCYC,
        libelle: 'Encyclopédie',
        accesA: 0,
        accesB: 6,
        accesParLicenceA: null,
        accesParLicenceB: null,
        evolution: null,
      },
      {
        idRessource: 'ark:/fr',
        libelle: 'Français',
        accesA: 50,
        accesB: 0,
        accesParLicenceA: null,
        accesParLicenceB: null,
        evolution: -1,
      },
    ]);
  });

  it('applies the filters to both periods', () => {
    const rows = comparePeriods(history, lastAutumn, AUTUMN, { profils: ['ENSEIGNANT'], ressources: [] });
    expect(rows.map((r) => [r.idRessource, r.accesA, r.accesB])).toEqual([[ATLAS, 0, 30]]);
  });
});

describe('summarize', () => {
  it('adds up the indicators; the rate leaves unlimited licences out', () => {
    expect(summarize(resourceIndicators(autumn, AUTUMN, ALL))).toEqual({
      ressources: 4,
      licencesAchetees: 130,
      licencesIllimitees: 1,
      licencesAffectees: 160,
      tauxAffectation: 120 / 130,
      acces: 666,
      jamaisUtilisees: 1,
      peuUtilisees: 1,
      licencesNonAffectees: 10,
    });
  });

  it('has no rate without counted licences', () => {
    expect(summarize([])).toEqual({
      ressources: 0,
      licencesAchetees: 0,
      licencesIllimitees: 0,
      licencesAffectees: 0,
      tauxAffectation: null,
      acces: 0,
      jamaisUtilisees: 0,
      peuUtilisees: 0,
      licencesNonAffectees: 0,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// CSV and labels

describe('CSV rows for French Excel', () => {
  it('writes ratios with a decimal comma and a fixed number of decimals', () => {
    expect(frenchDecimal(0.35, 2)).toBe('0,35');
    expect(frenchDecimal(87.5, 1)).toBe('87,5');
    expect(frenchDecimal(2, 2)).toBe('2,00');
    expect(frenchDecimal(null, 2)).toBe('');
  });

  it('gives one line per resource with the indicator headers', () => {
    const rows = indicatorsCsvRows(resourceIndicators(autumn, AUTUMN, ALL));
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'Ressource',
      'Identifiant',
      'Licences achetées',
      'Licences affectées',
      "Taux d'affectation (%)",
      'Licences non affectées',
      'Licences affectées sans usage',
      'Accès',
      'Accès par mois',
      'Accès par licence affectée',
      'Accès par licence et par mois',
      'Utilisateurs distincts (max. mensuel)',
      'Usage',
    ]);
    expect(rows.map((r) => Object.values(r))).toEqual([
      ['Atlas', ATLAS, 110, 100, '90,9', 10, 30, 600, '200,0', '6,00', '2,00', 70, 'régulière'],
      ['Bled', BLED, 'illimitées', 40, '', '', 28, 60, '20,0', '1,50', '0,50', 12, 'peu utilisée'],
      ['Éducation civique', EDUC, 20, 20, '100,0', 0, 20, 0, '0,0', '0,00', '0,00', 0, 'jamais utilisée'],
      ['Encyclopédie', ENCYC, '', '', '', '', '', 6, '2,0', '', '', 3, 'inconnu'],
    ]);
  });

  it('gives one line per month with the profiles in French and the total', () => {
    const rows = seriesCsvRows(monthlySeries(autumn, { depuis: '2025-10', jusqua: '2025-12' }, ALL));
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'Mois',
      'Élèves',
      'Enseignants',
      'Documentalistes',
      'Autres personnels',
      'Total',
    ]);
    expect(rows.map((r) => Object.values(r))).toEqual([
      ['2025-10', 330, 0, 0, 0, 330],
      ['2025-11', 6, 0, 0, 0, 6],
      ['2025-12', '', '', '', '', ''],
    ]);
  });

  it('names the periods in the comparison headers and gives the evolution in whole percent', () => {
    const line = (evolution: number | null, accesParLicenceA: number | null): PeriodComparisonRow => ({
      idRessource: ATLAS,
      libelle: 'Atlas',
      accesA: 80,
      accesB: 90,
      accesParLicenceA,
      accesParLicenceB: 0.35,
      evolution,
    });
    const rows = comparisonCsvRows(
      [line(0.125, 1.2), line(-0.03, null), line(null, null), line(0, null), line(-0.0001, null)],
      schoolYearPeriod('2024-2025'),
      schoolYearPeriod('2025-2026'),
    );
    expect(rows[0]).toEqual({
      Ressource: 'Atlas',
      Identifiant: ATLAS,
      'Accès année 2024-2025': 80,
      'Accès année 2025-2026': 90,
      'Évolution (%)': 13,
      'Accès par licence année 2024-2025': '1,20',
      'Accès par licence année 2025-2026': '0,35',
    });
    expect(rows.map((r) => r['Évolution (%)'])).toEqual([13, -3, '', 0, 0]);
    expect(Object.is(rows[4]?.['Évolution (%)'], 0)).toBe(true);
    expect(rows[1]?.['Accès par licence année 2024-2025']).toBe('');
    const months = comparisonCsvRows([line(0.5, null)], { depuis: '2025-09', jusqua: '2025-09' }, AUTUMN);
    expect(Object.keys(months[0] ?? {})).toContain('Accès sept. 2025 – nov. 2025');
    expect(Object.keys(months[0] ?? {})).toContain('Accès sept. 2025');
  });
});

describe('labels', () => {
  it('names a school year, a month, or a range', () => {
    expect(periodLabel(schoolYearPeriod('2025-2026'))).toBe('année 2025-2026');
    expect(periodLabel({ depuis: '2025-09', jusqua: '2025-09' })).toBe('sept. 2025');
    expect(periodLabel({ depuis: '2025-09', jusqua: '2026-02' })).toBe('sept. 2025 – févr. 2026');
    expect(periodLabel({ depuis: '2025-10', jusqua: '2026-09' })).toBe('oct. 2025 – sept. 2026');
  });
});

describe('retentionCutoff', () => {
  it('is the first month kept, the current Paris month included', () => {
    expect(retentionCutoff(new Date('2026-08-31T22:30:00Z'), 24)).toBe('2024-10');
    expect(retentionCutoff(new Date('2026-08-31T21:30:00Z'), 24)).toBe('2024-09');
    expect(retentionCutoff(new Date('2026-03-15T12:00:00Z'), 1)).toBe('2026-03');
  });
});
