// @vitest-environment node
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Abonnement, type LicenceCount, PROFILS } from '../../../utils/gar/abonnement';
import {
  type AssignmentPlan,
  additionsOf,
  applyPlan,
  mergePlans,
  planAssignment,
  planChanges,
  planUndo,
  type SubscriptionPlan,
} from '../../../utils/gar/assignment-plan';
import type {
  Cible,
  ConsoleSubscription,
  Counter,
  CounterBucket,
  SchoolPopulation,
} from '../../../utils/gar/school';
import { indexPopulation, type PopulationIndex, resolveTargets } from '../../../utils/gar/targets';
import { ApiError } from '../../sim/server/api-error';
import { assign } from '../../sim/server/rules';
import { loadSeed } from '../../sim/server/seed-loader';
import {
  buildState,
  compteurs,
  listedSubscriptions,
  type SchoolState,
  type SubscriptionState,
} from '../../sim/server/state';
import { sampleAbonnement } from '../abonnement-fixture';
import { person } from './person-fixture';

const now = new Date('2026-11-28T10:00:00.000+01:00');

/**
 * 6A in console order: Durand (teacher), Faure, Martin; 6B: Blanc, Écrivain; 6-ESP: Écrivain,
 * Martin. 6A is split in halves, 6A G1 (Martin) and 6A G2, which lost Faure: a sync defect.
 */
const population: SchoolPopulation = {
  divisions: [
    { code: '6A', libelle: '6e A', effectif: 2 },
    { code: '6B', libelle: '6e B', effectif: 2 },
  ],
  groupes: [
    { code: '6-ESP', libelle: 'Espagnol 6e', divisions: ['6A', '6B'], effectif: 2 },
    { code: '6A G1', libelle: 'Groupe 1', divisions: ['6A'], effectif: 1 },
    { code: '6A G2', libelle: 'Groupe 2', divisions: ['6A'], effectif: 0 },
  ],
  mefs: [{ code: '10010012110', libelle: '6EME' }],
  matieres: [{ code: '061300', libelle: 'MATHEMATIQUES' }],
  personnes: [
    person('ELV-1', 'Martin', 'Camille', 'ELEVE', { divisions: ['6A'], groupes: ['6-ESP', '6A G1'] }),
    person('ELV-2', 'Faure', 'Léa', 'ELEVE', { divisions: ['6A'] }),
    person('ELV-3', 'Écrivain', 'Tom', 'ELEVE', { divisions: ['6B'], groupes: ['6-ESP'] }),
    person('ELV-4', 'Blanc', 'Noé', 'ELEVE', { divisions: ['6B'] }),
    person('ENS-1', 'Durand', 'Paul', 'ENSEIGNANT', { divisions: ['6A'], matieres: ['061300'] }),
    person('DOC-1', 'Le Goff', 'Anne', 'DOCUMENTALISTE'),
  ],
};
const index = indexPopulation(population);

const SIX_A: Cible = { type: 'division', code: '6A' };
const SIX_B: Cible = { type: 'division', code: '6B' };
const ESP: Cible = { type: 'groupe', code: '6-ESP' };

function counter(disponibles: LicenceCount, affectees = 0, verrouillees = 0): Counter {
  const achetees = disponibles === 'ILLIMITE' ? 'ILLIMITE' : disponibles + affectees;
  return { achetees, affectees, verrouillees, disponibles };
}

function subscription(
  idAbonnement: string,
  overrides: Partial<Abonnement>,
  counters: ConsoleSubscription['compteurs'],
  version = 1,
): ConsoleSubscription {
  return { abonnement: sampleAbonnement({ idAbonnement, ...overrides }), compteurs: counters, version };
}

const pupilsGlobal = (disponibles: LicenceCount, extra: Partial<Abonnement> = {}): ConsoleSubscription =>
  subscription('ABO-1', { publicCible: ['ELEVE'], ...extra }, { GLOBAL: counter(disponibles) });

function plan(
  subscriptions: ConsoleSubscription[],
  cibles: Cible[],
  options: { holders?: Record<string, string[]>; jusquAEpuisement?: boolean } = {},
): AssignmentPlan {
  const holders = new Map(Object.entries(options.holders ?? {}).map(([id, ids]) => [id, new Set(ids)]));
  return planAssignment({
    subscriptions,
    holders,
    index,
    cibles,
    now,
    jusquAEpuisement: options.jusquAEpuisement ?? false,
  });
}

function only(result: AssignmentPlan): SubscriptionPlan {
  const [first] = result.abonnements;
  if (!first || result.abonnements.length !== 1) throw new Error('one subscription expected');
  return first;
}

describe('planAssignment — licence buckets', () => {
  it('counts every public in the GLOBAL bucket of a global count', () => {
    const abo = subscription('ABO-G', { publicCible: ['ELEVE', 'ENSEIGNANT'] }, { GLOBAL: counter(3) }, 7);
    const result = plan([abo], [SIX_A]);
    expect(only(result)).toEqual({
      idAbonnement: 'ABO-G',
      version: 7,
      buckets: [
        {
          bucket: 'GLOBAL',
          nouveaux: ['ENS-1', 'ELV-2', 'ELV-1'],
          deja: [],
          besoin: 3,
          disponibles: 3,
          manquantes: 0,
        },
      ],
      parCible: [{ cible: SIX_A, nouveaux: 3, deja: 0, exclus: 0, nouveauxIds: ['ENS-1', 'ELV-2', 'ELV-1'] }],
      exclus: [],
      problemes: [],
      manquantes: {},
    });
    expect(result).toMatchObject({ totalNouveaux: 3, manquantes: false });
  });

  it('counts a per-profile subscription in one bucket per profile, each against its own counter, pupils first', () => {
    const abo = subscription(
      'ABO-P',
      {
        publicCible: ['ELEVE', 'ENSEIGNANT'],
        licences: { kind: 'parProfil', counts: { ELEVE: 5, ENSEIGNANT: 1 } },
      },
      { ELEVE: counter(2), ENSEIGNANT: counter(1) },
    );
    const { buckets } = only(plan([abo], [SIX_A]));
    // Durand, a teacher, comes first in 6A by name: the pupils' bucket is still listed first.
    expect(buckets.map((b) => [b.bucket, b.nouveaux, b.disponibles])).toEqual([
      ['ELEVE', ['ELV-2', 'ELV-1'], 2],
      ['ENSEIGNANT', ['ENS-1'], 1],
    ]);
  });

  it('refuses a shortage whole without « jusqu’à épuisement », even in buckets with room', () => {
    const abo = subscription(
      'ABO-P',
      {
        publicCible: ['ELEVE', 'ENSEIGNANT'],
        licences: { kind: 'parProfil', counts: { ELEVE: 5, ENSEIGNANT: 'ILLIMITE' } },
      },
      { ELEVE: counter(1, 4), ENSEIGNANT: counter('ILLIMITE') },
    );
    const result = plan([abo], [SIX_A]);
    const subscriptionPlan = only(result);
    expect(subscriptionPlan.manquantes).toEqual({ ELEVE: 1 });
    expect(subscriptionPlan.buckets.map((b) => [b.bucket, b.nouveaux, b.besoin, b.manquantes])).toEqual([
      ['ELEVE', [], 2, 1],
      ['ENSEIGNANT', [], 1, 0],
    ]);
    expect(subscriptionPlan.exclus).toEqual([
      { idPersonne: 'ENS-1', raison: 'licences' },
      { idPersonne: 'ELV-2', raison: 'licences' },
      { idPersonne: 'ELV-1', raison: 'licences' },
    ]);
    expect(result).toMatchObject({ totalNouveaux: 0, manquantes: true });
    expect(additionsOf(result).size).toBe(0);
  });

  it('with « jusqu’à épuisement » serves persons in target order until a bucket runs dry', () => {
    const result = plan(
      [pupilsGlobal(2, { publicCible: ['ELEVE', 'ENSEIGNANT'] })],
      [{ type: 'personne', code: 'ELV-4' }, SIX_A],
      { jusquAEpuisement: true },
    );
    const subscriptionPlan = only(result);
    expect(subscriptionPlan.buckets[0]).toMatchObject({
      nouveaux: ['ELV-4', 'ENS-1'],
      besoin: 4,
      manquantes: 2,
    });
    expect(subscriptionPlan.exclus).toEqual([
      { idPersonne: 'ELV-2', raison: 'licences' },
      { idPersonne: 'ELV-1', raison: 'licences' },
    ]);
    expect(subscriptionPlan.manquantes).toEqual({ GLOBAL: 2 });
    expect(result).toMatchObject({ totalNouveaux: 2, manquantes: true });
  });

  it('never limits an ILLIMITE count', () => {
    const { buckets, manquantes } = only(
      plan([pupilsGlobal('ILLIMITE')], [{ type: 'profil', code: 'ELEVE' }]),
    );
    expect(buckets[0]).toMatchObject({
      nouveaux: ['ELV-4', 'ELV-3', 'ELV-2', 'ELV-1'],
      disponibles: 'ILLIMITE',
      manquantes: 0,
    });
    expect(manquantes).toEqual({});
  });

  it('takes locked licences as taken through the counters, and holders as déjà affectés', () => {
    // 3 bought: ELV-1 holds one, a pupil who left holds a locked one → 1 left for 3 newcomers.
    const abo = subscription('ABO-1', { publicCible: ['ELEVE'] }, { GLOBAL: counter(1, 2, 1) });
    const result = plan([abo], [SIX_A, SIX_B], {
      holders: { 'ABO-1': ['ELV-1', 'PARTI-1'] },
      jusquAEpuisement: true,
    });
    const subscriptionPlan = only(result);
    expect(subscriptionPlan.buckets).toEqual([
      {
        bucket: 'GLOBAL',
        nouveaux: ['ELV-2'],
        deja: ['ELV-1'],
        besoin: 3,
        disponibles: 1,
        manquantes: 2,
      },
    ]);
    expect(subscriptionPlan.parCible.map((t) => [t.nouveaux, t.deja, t.exclus])).toEqual([
      [1, 1, 1], // ENS-1 is outside the publics
      [0, 0, 2],
    ]);
  });

  it('gives nothing from a bucket the console shows no counter for', () => {
    const abo = subscription(
      'ABO-P',
      {
        publicCible: ['ELEVE', 'ENSEIGNANT'],
        licences: { kind: 'parProfil', counts: { ELEVE: 5 } },
      },
      { ELEVE: counter(5) },
    );
    expect(only(plan([abo], [SIX_A])).manquantes).toEqual({ ENSEIGNANT: 1 });
  });
});

describe('planAssignment — targets and exclusions', () => {
  it('counts a person named by several targets once, for the first target naming them', () => {
    const { parCible, exclus, buckets } = only(plan([pupilsGlobal(10)], [ESP, SIX_A]));
    expect(buckets[0]?.nouveaux).toEqual(['ELV-3', 'ELV-1', 'ELV-2']);
    expect(parCible).toEqual([
      { cible: ESP, nouveaux: 2, deja: 0, exclus: 0, nouveauxIds: ['ELV-3', 'ELV-1'] },
      { cible: SIX_A, nouveaux: 1, deja: 0, exclus: 1, nouveauxIds: ['ELV-2'] },
    ]);
    expect(exclus).toEqual([{ idPersonne: 'ENS-1', raison: 'horsPublic' }]);
  });

  it('refuses ETABL, expired and not-started subscriptions, naming why for each person without a licence', () => {
    const subscriptions = [
      pupilsGlobal('ILLIMITE', { idAbonnement: 'ETABL', typeAffectation: 'ETABL' }),
      pupilsGlobal(10, {
        idAbonnement: 'EXPIRE',
        anneeFinValidite: undefined,
        finValidite: '2026-10-31T23:59:59.000+01:00',
      }),
      pupilsGlobal(10, { idAbonnement: 'FUTUR', debutValidite: '2027-01-04T00:00:00.000+01:00' }),
    ];
    const result = plan(subscriptions, [SIX_A], {
      holders: { ETABL: ['ELV-1'], EXPIRE: ['ELV-1'], FUTUR: ['ELV-1'] },
    });
    expect(result.abonnements.map((p) => [p.refus, p.buckets, p.exclus, p.parCible[0]?.deja])).toEqual([
      [
        'etablissement',
        [],
        [
          { idPersonne: 'ENS-1', raison: 'horsPublic' },
          { idPersonne: 'ELV-2', raison: 'etablissement' },
        ],
        1,
      ],
      [
        'expire',
        [],
        [
          { idPersonne: 'ENS-1', raison: 'horsPublic' },
          { idPersonne: 'ELV-2', raison: 'expire' },
        ],
        1,
      ],
      [
        'pasEncoreActif',
        [],
        [
          { idPersonne: 'ENS-1', raison: 'horsPublic' },
          { idPersonne: 'ELV-2', raison: 'pasEncoreActif' },
        ],
        1,
      ],
    ]);
    expect(result).toMatchObject({ totalNouveaux: 0, manquantes: false });
  });

  it('still assigns on the last day of a subscription', () => {
    const lastDay = pupilsGlobal(10, {
      anneeFinValidite: undefined,
      finValidite: '2026-11-28T23:59:59.000+01:00',
    });
    expect(only(plan([lastDay], [SIX_B])).refus).toBeUndefined();
  });

  it('reports problem targets per subscription and plans the others without them', () => {
    const cibles: Cible[] = [{ type: 'groupe', code: 'XX' }, { type: 'profil', code: 'ENSEIGNANT' }, SIX_B];
    const result = plan(
      [
        pupilsGlobal(10),
        subscription('ABO-2', { publicCible: ['ELEVE', 'ENSEIGNANT'] }, { GLOBAL: counter(10) }),
      ],
      cibles,
    );
    const [pupilsOnly, both] = result.abonnements;
    expect(pupilsOnly?.problemes).toEqual([
      { kind: 'inconnue', cible: cibles[0] },
      { kind: 'horsPublic', cible: cibles[1], profil: 'ENSEIGNANT' },
    ]);
    expect(pupilsOnly?.parCible.map((t) => t.cible)).toEqual([SIX_B]);
    expect(pupilsOnly?.buckets[0]?.nouveaux).toEqual(['ELV-4', 'ELV-3']);
    expect(both?.problemes).toEqual([{ kind: 'inconnue', cible: cibles[0] }]);
    expect(both?.buckets[0]?.nouveaux).toEqual(['ENS-1', 'ELV-4', 'ELV-3']);
    expect(result.totalNouveaux).toBe(5);
  });

  it('plans each subscription against its own holders and version, and reports sync defects once', () => {
    const result = plan(
      [pupilsGlobal(10, { idAbonnement: 'A' }), { ...pupilsGlobal(10, { idAbonnement: 'B' }), version: 4 }],
      [SIX_A],
      { holders: { A: ['ELV-2'], B: ['ELV-1'] } },
    );
    expect(result.abonnements.map((p) => [p.version, p.buckets[0]?.nouveaux, p.buckets[0]?.deja])).toEqual([
      [1, ['ELV-1'], ['ELV-2']],
      [4, ['ELV-2'], ['ELV-1']],
    ]);
    // ELV-2 of 6A is in neither of its halves.
    expect(result.defauts.map((d) => d.kind)).toEqual(['absentsDesGroupes']);
  });
});

describe('applyPlan and planUndo', () => {
  it('applies a plan without touching the given holders', () => {
    const holders = new Map([['ABO-1', new Set(['ELV-1'])]]);
    const result = planAssignment({
      subscriptions: [pupilsGlobal(10)],
      holders,
      index,
      cibles: [SIX_A],
      now,
      jusquAEpuisement: false,
    });
    const after = applyPlan(holders, result);
    expect([...(after.get('ABO-1') ?? [])]).toEqual(['ELV-1', 'ELV-2']);
    expect([...(holders.get('ABO-1') ?? [])]).toEqual(['ELV-1']);
  });

  it('removes only what the job added and is still there, once, leaving empty subscriptions out', () => {
    const added = new Map([
      ['A', ['ELV-1', 'ELV-2', 'ELV-1']],
      ['B', ['ELV-3']],
      ['C', ['ELV-4']],
    ]);
    const holders = new Map([
      ['A', new Set(['ELV-1', 'ELV-2', 'ELV-9'])],
      ['B', new Set(['ELV-9'])],
    ]);
    expect(planUndo(added, holders)).toEqual(new Map([['A', ['ELV-1', 'ELV-2']]]));
  });
});

// ---------------------------------------------------------------------------------------------
// The plan against the simulator's own rules (tests/sim/server/rules.ts), on the generated collège.

const COLLEGE_SEED = resolve(import.meta.dirname, '../../sim/seeds/college');

interface SimCase {
  school: SchoolState;
  simIndex: PopulationIndex;
}

function consoleView(state: SubscriptionState): ConsoleSubscription {
  return { abonnement: state.abonnement, compteurs: compteurs(state), version: state.version };
}

function attempt<T>(fn: () => T): { ok: T } | { error: ApiError } {
  try {
    return { ok: fn() };
  } catch (error) {
    if (error instanceof ApiError) return { error };
    throw error;
  }
}

/** Runs `fn` on a subscription of the simulator, then puts it back as it was. */
function withRollback<T>(state: SubscriptionState, fn: () => T): T {
  const { version } = state;
  const holders = new Map(state.holders);
  try {
    return fn();
  } finally {
    state.version = version;
    state.holders.clear();
    for (const [id, holder] of holders) state.holders.set(id, holder);
  }
}

function expectedStatus(subscriptionPlan: SubscriptionPlan): number {
  const [first] = subscriptionPlan.problemes;
  if (subscriptionPlan.refus || !first) return 422;
  return first.kind === 'inconnue' && first.cible.type !== 'profil' ? 404 : 422;
}

function checkAgainstServer(
  sim: SimCase,
  state: SubscriptionState,
  cibles: Cible[],
  jusquAEpuisement: boolean,
) {
  const id = state.abonnement.idAbonnement;
  const subscriptionPlan = only(
    planAssignment({
      subscriptions: [consoleView(state)],
      holders: new Map([[id, new Set(state.holders.keys())]]),
      index: sim.simIndex,
      cibles,
      now,
      jusquAEpuisement,
    }),
  );
  const request = (sent: Cible[]) => () =>
    withRollback(state, () =>
      assign(sim.school, id, { version: state.version, cibles: sent, jusquAEpuisement }, now),
    );
  if (subscriptionPlan.problemes.length > 0) {
    const refused = attempt(request(cibles));
    expect('error' in refused && refused.error.status).toBe(expectedStatus(subscriptionPlan));
  }
  const outcome = attempt(request(subscriptionPlan.parCible.map((target) => target.cible)));
  if (subscriptionPlan.refus) {
    expect('error' in outcome && outcome.error.erreur).toBe('cible');
  } else if (!jusquAEpuisement && Object.keys(subscriptionPlan.manquantes).length > 0) {
    expect('error' in outcome && outcome.error.details).toEqual({ manquantes: subscriptionPlan.manquantes });
  } else {
    if (!('ok' in outcome)) throw outcome.error;
    expect(outcome.ok.ajoutees).toEqual(subscriptionPlan.parCible.flatMap((target) => target.nouveauxIds));
    expect([...outcome.ok.dejaAffectees].sort()).toEqual(
      subscriptionPlan.buckets.flatMap((b) => b.deja).sort(),
    );
    expect(outcome.ok.exclues).toEqual(subscriptionPlan.exclus.filter((e) => e.raison === 'licences'));
  }
}

describe('mergePlans — subscriptions with their own targets, as one plan', () => {
  it('concatenates the subscriptions, sums the totals and keeps each sync warning once', () => {
    const first = plan([pupilsGlobal(1)], [SIX_A, ESP]);
    const second = plan([subscription('ABO-2', { publicCible: ['ELEVE'] }, { GLOBAL: counter(10) })], [ESP]);
    const merged = mergePlans([first, second]);
    expect(merged.abonnements.map((p) => p.idAbonnement)).toEqual(['ABO-1', 'ABO-2']);
    expect(merged.totalNouveaux).toBe(first.totalNouveaux + second.totalNouveaux);
    expect(merged.manquantes).toBe(true);
    expect(merged.defauts.map((d) => d.message)).toEqual([
      ...new Set([...first.defauts, ...second.defauts].map((d) => d.message)),
    ]);
  });
});

describe('planChanges — what moved since the RA confirmed', () => {
  it('lists only the subscriptions whose counts changed, with before and after', () => {
    const confirmed = plan(
      [pupilsGlobal(10), subscription('ABO-2', { publicCible: ['ELEVE'] }, { GLOBAL: counter(10) })],
      [SIX_A],
    );
    // Another RA gave ELV-1 a licence of ABO-1 and took the last licences of ABO-2 meanwhile.
    const fresh = plan(
      [pupilsGlobal(10), subscription('ABO-2', { publicCible: ['ELEVE'] }, { GLOBAL: counter(1) })],
      [SIX_A],
      {
        holders: { 'ABO-1': ['ELV-1'] },
      },
    );
    expect(planChanges(confirmed, fresh)).toEqual([
      { idAbonnement: 'ABO-1', nouveaux: [2, 1], deja: [0, 1], manquantes: [0, 0] },
      { idAbonnement: 'ABO-2', nouveaux: [2, 0], deja: [0, 0], manquantes: [0, 1] },
    ]);
  });

  it('reports nothing when a fresh reading gives the same plan', () => {
    const confirmed = plan([pupilsGlobal(10)], [SIX_A, ESP]);
    expect(planChanges(confirmed, plan([pupilsGlobal(10)], [SIX_A, ESP]))).toEqual([]);
  });
});

describe('planAssignment — cross-checked against the simulator', () => {
  let sim: SimCase;

  beforeAll(async () => {
    const seed = await loadSeed(COLLEGE_SEED, now);
    const school = buildState(seed).schools.get('0561622J');
    if (!school) throw new Error('the collège seed has no school 0561622J');
    sim = { school, simIndex: indexPopulation(school.view.population) };
  });

  function cibleArb(): fc.Arbitrary<Cible> {
    const { population: pop } = sim.school.view;
    const codes = (list: { code: string }[]): string[] => [...list.map((item) => item.code), 'INCONNU'];
    return fc.oneof(
      fc.record({ type: fc.constant('division' as const), code: fc.constantFrom(...codes(pop.divisions)) }),
      fc.record({ type: fc.constant('groupe' as const), code: fc.constantFrom(...codes(pop.groupes)) }),
      fc.record({ type: fc.constant('mef' as const), code: fc.constantFrom(...codes(pop.mefs)) }),
      fc.record({ type: fc.constant('matiere' as const), code: fc.constantFrom(...codes(pop.matieres)) }),
      fc.record({ type: fc.constant('profil' as const), code: fc.constantFrom(...PROFILS, 'PARENT') }),
      fc.record({
        type: fc.constant('personne' as const),
        code: fc.constantFrom(...codes(pop.personnes.map((p) => ({ code: p.id })))),
      }),
    );
  }

  it('adds, skips and refuses exactly what assign() does, with and without jusquAEpuisement', () => {
    const subscriptions = listedSubscriptions(sim.school);
    fc.assert(
      fc.property(
        fc.constantFrom(...subscriptions),
        fc.array(cibleArb(), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (state, cibles, jusquAEpuisement) => checkAgainstServer(sim, state, cibles, jusquAEpuisement),
      ),
      { numRuns: 400 },
    );
  });

  it('predicts the same persons as the simulator for whole levels of every subscription', () => {
    const levels = sim.school.view.population.mefs.map((mef): Cible => ({ type: 'mef', code: mef.code }));
    for (const state of listedSubscriptions(sim.school)) {
      for (const jusquAEpuisement of [false, true]) checkAgainstServer(sim, state, levels, jusquAEpuisement);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random schools, subscriptions, holders and targets.

const DIVISIONS = ['D1', 'D2', 'D3'];
const GROUPES = ['G1', 'G2'];
const MATIERES = ['M1', 'M2'];
const PERSON_IDS = Array.from({ length: 24 }, (_, i) => `P${i}`);

const personArb = fc.record({
  nom: fc.constantFrom('Martin', 'Émile', 'Dupont', 'dupont', 'Zola'),
  prenom: fc.constantFrom('Ana', 'Léo'),
  profil: fc.constantFrom(...PROFILS),
  divisions: fc.subarray(DIVISIONS),
  groupes: fc.subarray(GROUPES),
  mefs: fc.subarray(['N1']),
  matieres: fc.subarray(MATIERES),
});

const populationArb: fc.Arbitrary<SchoolPopulation> = fc
  .array(personArb, { maxLength: PERSON_IDS.length })
  .map((persons) => ({
    divisions: DIVISIONS.map((code) => ({ code, libelle: code, effectif: 0 })),
    groupes: [
      { code: 'G1', libelle: 'G1', divisions: ['D1'], effectif: 0 },
      { code: 'G2', libelle: 'G2', divisions: ['D2', 'D3'], effectif: 0 },
    ],
    mefs: [{ code: 'N1', libelle: 'Niveau 1' }],
    matieres: MATIERES.map((code) => ({ code, libelle: code })),
    personnes: persons.map((p, i) => ({ id: PERSON_IDS[i] ?? `P${i}`, ...p })),
  }));

const propertyCibleArb: fc.Arbitrary<Cible> = fc.oneof(
  fc.record({ type: fc.constant('division' as const), code: fc.constantFrom(...DIVISIONS, 'DX') }),
  fc.record({ type: fc.constant('groupe' as const), code: fc.constantFrom(...GROUPES) }),
  fc.record({ type: fc.constant('mef' as const), code: fc.constant('N1') }),
  fc.record({ type: fc.constant('matiere' as const), code: fc.constantFrom(...MATIERES) }),
  fc.record({ type: fc.constant('profil' as const), code: fc.constantFrom(...PROFILS) }),
  fc.record({ type: fc.constant('personne' as const), code: fc.constantFrom(...PERSON_IDS) }),
);

const countArb: fc.Arbitrary<LicenceCount> = fc.oneof(fc.nat(6), fc.constant('ILLIMITE' as const));

const subscriptionArb = fc
  .record({
    publics: fc.subarray([...PROFILS], { minLength: 1 }),
    global: fc.boolean(),
    disponibles: fc.record({
      GLOBAL: countArb,
      ELEVE: countArb,
      ENSEIGNANT: countArb,
      DOCUMENTALISTE: countArb,
      'AUTRE PERSONNEL': countArb,
    }),
    validity: fc.constantFrom('actif', 'actif', 'actif', 'ETABL', 'expire', 'futur'),
    version: fc.nat(50),
    holders: fc.subarray([...PERSON_IDS, 'PARTI-1']),
  })
  .map(({ publics, global, disponibles, validity, version, holders }) => {
    const buckets: CounterBucket[] = global ? ['GLOBAL'] : publics;
    const counters: ConsoleSubscription['compteurs'] = {};
    for (const bucket of buckets) counters[bucket] = counter(disponibles[bucket]);
    const abonnement = sampleAbonnement({
      publicCible: publics,
      licences: global ? { kind: 'global', count: 10 } : { kind: 'parProfil', counts: {} },
      ...(validity === 'ETABL' ? { typeAffectation: 'ETABL' } : {}),
      ...(validity === 'expire' ? { anneeFinValidite: '2025-2026' } : {}),
      ...(validity === 'futur' ? { debutValidite: '2027-01-04T00:00:00.000+01:00' } : {}),
    });
    return { subscription: { abonnement, compteurs: counters, version }, holders };
  });

const scenarioArb = fc
  .record({
    population: populationArb,
    subscriptions: fc.array(subscriptionArb, { minLength: 1, maxLength: 3 }),
    cibles: fc.array(propertyCibleArb, { minLength: 1, maxLength: 5 }),
    jusquAEpuisement: fc.boolean(),
  })
  .map(({ population: pop, subscriptions, cibles, jusquAEpuisement }) => {
    const named = subscriptions.map(({ subscription: s, holders }, i) => ({
      subscription: { ...s, abonnement: { ...s.abonnement, idAbonnement: `ABO-${i}` } },
      holders,
    }));
    const scenarioIndex = indexPopulation(pop);
    const input = {
      subscriptions: named.map((n) => n.subscription),
      holders: new Map(named.map((n) => [n.subscription.abonnement.idAbonnement, new Set(n.holders)])),
      index: scenarioIndex,
      cibles,
      now,
      jusquAEpuisement,
    };
    return { input, plan: planAssignment(input) };
  });

function normalized(holders: ReadonlyMap<string, ReadonlySet<string>>): [string, string[]][] {
  return [...holders]
    .filter(([, persons]) => persons.size > 0)
    .map(([id, persons]): [string, string[]] => [id, [...persons].sort()])
    .sort(([a], [b]) => a.localeCompare(b));
}

describe('planAssignment — properties', () => {
  it('never over-assigns a bucket', () => {
    fc.assert(
      fc.property(scenarioArb, ({ plan: result }) => {
        for (const bucket of result.abonnements.flatMap((p) => p.buckets)) {
          if (bucket.disponibles !== 'ILLIMITE')
            expect(bucket.nouveaux.length).toBeLessThanOrEqual(bucket.disponibles);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never adds a person twice, nor one who holds a licence, nor one outside the targets or publics', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input, plan: result }) => {
        result.abonnements.forEach((subscriptionPlan, i) => {
          const subscription = input.subscriptions[i] as ConsoleSubscription;
          const held = input.holders.get(subscriptionPlan.idAbonnement) ?? new Set();
          const designated = new Set(
            resolveTargets(input.index, subscription.abonnement, input.cibles).persons.map((p) => p.id),
          );
          const nouveaux = subscriptionPlan.buckets.flatMap((b) => b.nouveaux);
          const deja = new Set(subscriptionPlan.buckets.flatMap((b) => b.deja));
          expect(new Set(nouveaux).size).toBe(nouveaux.length);
          for (const id of nouveaux) {
            expect(held.has(id) || deja.has(id)).toBe(false);
            expect(designated.has(id)).toBe(true);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('accounts for every designated person once: added, already holding, or excluded with a reason', () => {
    fc.assert(
      fc.property(scenarioArb, ({ plan: result }) => {
        for (const subscriptionPlan of result.abonnements) {
          const added = subscriptionPlan.parCible.flatMap((t) => t.nouveauxIds);
          const all = [
            ...added,
            ...subscriptionPlan.buckets.flatMap((b) => b.deja),
            ...subscriptionPlan.exclus.map((e) => e.idPersonne),
          ];
          const perTarget = subscriptionPlan.parCible.reduce((n, t) => n + t.nouveaux + t.deja + t.exclus, 0);
          expect(new Set(all).size).toBe(all.length);
          if (!subscriptionPlan.refus) expect(perTarget).toBe(all.length);
          expect([...added].sort()).toEqual(subscriptionPlan.buckets.flatMap((b) => b.nouveaux).sort());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('without « jusqu’à épuisement », adds nothing to a short subscription and everyone to the others', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input, plan: result }) => {
        if (input.jusquAEpuisement) return;
        const additions = additionsOf(result);
        for (const subscriptionPlan of result.abonnements) {
          const short = Object.keys(subscriptionPlan.manquantes).length > 0;
          if (short || subscriptionPlan.refus)
            expect(additions.has(subscriptionPlan.idAbonnement)).toBe(false);
          else
            for (const bucket of subscriptionPlan.buckets) expect(bucket.nouveaux.length).toBe(bucket.besoin);
        }
        expect(result.manquantes).toBe(result.abonnements.some((p) => Object.keys(p.manquantes).length > 0));
      }),
      { numRuns: 300 },
    );
  });

  it('with « jusqu’à épuisement », fills each bucket up to what is available', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input, plan: result }) => {
        if (!input.jusquAEpuisement) return;
        for (const bucket of result.abonnements.flatMap((p) => p.buckets)) {
          const room =
            bucket.disponibles === 'ILLIMITE' ? bucket.besoin : Math.min(bucket.besoin, bucket.disponibles);
          expect(bucket.nouveaux.length).toBe(room);
          expect(bucket.manquantes).toBe(bucket.besoin - room);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('undoing what a plan added restores the prior holders, whatever others added or removed meanwhile', () => {
    const othersArb = fc.record({
      added: fc.subarray([...PERSON_IDS, 'Q1', 'Q2']),
      removedShare: fc.nat(3),
    });
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(othersArb, { minLength: 3, maxLength: 3 }),
        ({ input, plan: result }, others) => {
          const before = input.holders;
          const after = applyPlan(before, result);
          const added = additionsOf(result);
          // Another RA adds persons nobody holds yet and removes some of those the job added.
          const expected = new Map([...before].map(([id, persons]) => [id, new Set(persons)]));
          const meanwhile = new Map([...after].map(([id, persons]) => [id, new Set(persons)]));
          input.subscriptions.forEach(({ abonnement: { idAbonnement: id } }, i) => {
            const other = others[i] as { added: string[]; removedShare: number };
            const current = meanwhile.get(id) ?? new Set<string>();
            const prior = expected.get(id) ?? new Set<string>();
            for (const person of other.added.filter((p) => !current.has(p))) {
              current.add(person);
              prior.add(person);
            }
            expected.set(id, prior);
            (added.get(id) ?? []).forEach((person, n) => {
              if (n % 4 < other.removedShare) current.delete(person);
            });
            meanwhile.set(id, current);
          });
          const undo = planUndo(added, meanwhile);
          for (const [id, persons] of undo) for (const person of persons) meanwhile.get(id)?.delete(person);
          expect(normalized(meanwhile)).toEqual(normalized(expected));
          expect(planUndo(added, meanwhile).size).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
