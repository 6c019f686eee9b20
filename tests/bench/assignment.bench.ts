import { planAssignment, refusalOf } from '../../utils/gar/assignment-plan';
import type { Cible, ConsoleSubscription, Personne } from '../../utils/gar/school';
import { indexPopulation } from '../../utils/gar/targets';
import { loadSeed } from '../sim/server/seed-loader';
import { buildState, compteurs, listedSubscriptions, type SchoolState } from '../sim/server/state';
import { type Benchmark, type BenchResult, medianCpuMs, withLyceeSeed } from './harness';

/**
 * Planning a bulk assignment on the large lycée of the seed generator (≈2,700 persons, 2,500
 * pupils): one subscription for every division, then 50 subscriptions at once — the preview must
 * stay instant. Figures are process CPU time (the planner is synchronous: CPU is what it costs,
 * whatever else the machine does), compared with the naive way: every target filters the whole
 * population again, for every subscription.
 */

const NOW = new Date('2026-11-28T10:00:00.000+01:00');
const SUBSCRIPTIONS = 50;

async function lycee(): Promise<SchoolState> {
  return withLyceeSeed(async (dir) => {
    const [school] = buildState(await loadSeed(dir, NOW)).schools.values();
    if (!school) throw new Error('le lycée généré est vide');
    return school;
  }, '2026-11-28');
}

interface Scenario {
  school: SchoolState;
  subscriptions: ConsoleSubscription[];
  holders: Map<string, Set<string>>;
  cibles: Cible[];
}

/** Active individual subscriptions as the console shows them, with their current holders. */
function scenario(school: SchoolState): Scenario {
  const states = listedSubscriptions(school);
  const subscriptions = states
    .map((state) => ({ abonnement: state.abonnement, compteurs: compteurs(state), version: state.version }))
    .filter((subscription) => refusalOf(subscription, NOW) === undefined);
  const holders = new Map(
    states.map((state) => [state.abonnement.idAbonnement, new Set(state.holders.keys())]),
  );
  const cibles = school.view.population.divisions.map(
    (division): Cible => ({ type: 'division', code: division.code }),
  );
  return { school, subscriptions, holders, cibles };
}

/** The obvious way, for the ratio: each target scans every person, each holder list is an array. */
function naivePlan({ school, holders, cibles }: Scenario, subscriptions: ConsoleSubscription[]): number {
  const { personnes } = school.view.population;
  let added = 0;
  for (const { abonnement } of subscriptions) {
    const held = [...(holders.get(abonnement.idAbonnement) ?? [])];
    const chosen: Personne[] = [];
    for (const cible of cibles) {
      for (const person of personnes.filter((p) => p.divisions.includes(cible.code))) {
        if (abonnement.publicCible.includes(person.profil) && !chosen.includes(person)) chosen.push(person);
      }
    }
    added += chosen.filter((person) => !held.includes(person.id)).length;
  }
  return added;
}

function planning(setup: Scenario, count: number, budgetMs: number): BenchResult {
  const subscriptions = setup.subscriptions.slice(0, count);
  const index = indexPopulation(setup.school.view.population);
  const plan = (): unknown =>
    planAssignment({
      subscriptions,
      holders: setup.holders,
      index,
      cibles: setup.cibles,
      now: NOW,
      jusquAEpuisement: true,
    });
  const persons = setup.school.view.population.personnes.length;
  const abonnements = count === 1 ? '1 abonnement' : `${count} abonnements`;
  return {
    name: `plan d'affectation, ${abonnements} × ${setup.cibles.length} divisions (${persons} personnes)`,
    medianMs: medianCpuMs(plan),
    baselineMs: medianCpuMs(() => naivePlan(setup, subscriptions), 3),
    budgetMs,
    detail: 'temps CPU ; référence : chaque cible reparcourt toute la population',
  };
}

export const assignmentBenchmarks: Benchmark[] = [
  {
    name: "plan d'affectation en masse sur un lycée",
    async run() {
      const setup = scenario(await lycee());
      const { population } = setup.school.view;
      const index: BenchResult = {
        name: `index de la population (${population.personnes.length} personnes)`,
        medianMs: medianCpuMs(() => indexPopulation(population)),
        budgetMs: 50,
        detail: 'temps CPU ; construit une fois par population',
      };
      return [index, planning(setup, 1, 10), planning(setup, SUBSCRIPTIONS, 100)];
    },
  },
];
