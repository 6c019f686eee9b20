import { planAssignment } from '../../utils/gar/assignment-plan';
import type { Cible } from '../../utils/gar/school';
import { indexPopulation } from '../../utils/gar/targets';
import type { ConsoleClient } from '../../utils/hosts/console/api';
import { type Benchmark, type BenchResult, median, withLyceeSeed } from './harness';
import {
  type AssignTask,
  holdingsOf,
  LATENCY_MS,
  measured,
  openSubscriptions,
  panelTasks,
  runExecutor,
  runOnePerPerson,
  withSimulator,
} from './sim-connection';

/**
 * Carrying out a bulk assignment against the simulator over HTTPS, on the large lycée of the
 * seed generator, with 50 ms of latency per request (a school's connection to the console): the
 * executor (one request per subscription, 3 in flight) against the naive way (one request per
 * person, one after the other). Both run the same plan on the same fresh state.
 */

/** Chosen so the naive run (≈ 55 ms per person) stays around half a minute. */
const SUBSCRIPTIONS = 6;
const DIVISIONS: Cible[] = [
  { type: 'division', code: '2NDE01' },
  { type: 'division', code: '2NDE02' },
];
const RUNS = 5;

interface Plan {
  uai: string;
  tasks: AssignTask[];
  persons: number;
}

/** Two divisions of seconde to the first active individual subscriptions open to pupils. */
async function planned(client: ConsoleClient): Promise<Plan> {
  const open = await openSubscriptions(client);
  const { uai, now } = open;
  const subscriptions = open.subscriptions
    .filter((s) => s.abonnement.publicCible.includes('ELEVE'))
    .slice(0, SUBSCRIPTIONS);
  const { holders } = await holdingsOf(
    client,
    uai,
    subscriptions.map((s) => s.abonnement.idAbonnement),
  );
  const plan = planAssignment({
    subscriptions,
    holders,
    index: indexPopulation(await client.population(uai)),
    cibles: DIVISIONS,
    now,
    jusquAEpuisement: true,
  });
  return { uai, tasks: panelTasks(plan, true), persons: plan.totalNouveaux };
}

async function executorVersusNaive(): Promise<BenchResult[]> {
  return withLyceeSeed(executorVersusNaiveOn);
}

async function executorVersusNaiveOn(dir: string): Promise<BenchResult[]> {
  return withSimulator(dir, async (connection, client) => {
    const plan = await planned(client);
    await connection.admin('fautes', { latenceMs: LATENCY_MS });
    const runs = [];
    for (let i = 0; i < RUNS; i++)
      runs.push(await measured(connection, () => runExecutor(client, plan.uai, plan.tasks), plan.persons));
    const reference = await measured(
      connection,
      () => runOnePerPerson(client, plan.uai, plan.tasks),
      plan.persons,
    );
    const oursMs = median(runs.map((run) => run.ms));
    const oursRequests = median(runs.map((run) => run.requests));
    const what = `${plan.tasks.length} abonnements × 2 divisions, ${plan.persons} personnes, latence ${LATENCY_MS} ms`;
    return [
      {
        name: `affectation groupée exécutée (${what}) : durée`,
        medianMs: oursMs,
        baselineMs: reference.ms,
        budgetMs: reference.ms / 5,
        detail: `exécuteur : 3 requêtes en parallèle, médiane de ${RUNS} ; référence : une requête par personne, en série (1 exécution) ; budget : 5 fois plus rapide`,
      },
      {
        name: `affectation groupée exécutée (${what}) : requêtes (nombre, pas des ms)`,
        medianMs: oursRequests,
        baselineMs: reference.requests,
        budgetMs: reference.requests / 10,
        detail: `${oursRequests} requêtes contre ${reference.requests} ; budget : 10 fois moins`,
      },
    ];
  });
}

export const executorBenchmarks: Benchmark[] = [
  { name: 'exécution d’une affectation groupée (simulateur, HTTPS)', run: executorVersusNaive },
];
