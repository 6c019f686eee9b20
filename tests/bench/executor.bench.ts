import { Agent, request } from 'node:https';
import { performance } from 'node:perf_hooks';
import { executeTasks, type WriteTask } from '../../utils/bulk/executor';
import { planAssignment, refusalOf } from '../../utils/gar/assignment-plan';
import type { JournalStep } from '../../utils/gar/journal-record';
import type { Cible } from '../../utils/gar/school';
import { indexPopulation } from '../../utils/gar/targets';
import { type ConsoleClient, createConsoleClient } from '../../utils/hosts/console/api';
import type { Fetch } from '../../utils/hosts/http';
import { startSimulator } from '../sim/server/index';
import { type Benchmark, type BenchResult, median, withLyceeSeed } from './harness';

/**
 * Carrying out a bulk assignment against the simulator over HTTPS, on the large lycée of the
 * seed generator, with 50 ms of latency per request (a school's connection to the console): the
 * executor (one request per subscription, 3 in flight) against the naive way (one request per
 * person, one after the other). Both run the same plan on the same fresh state.
 */

const HOST = 'affectation.gar.education.fr';
const CONSOLE = `https://${HOST}`;
const LATENCY_MS = 50;
/** Chosen so the naive run (≈ 55 ms per person) stays around half a minute. */
const SUBSCRIPTIONS = 6;
const DIVISIONS: Cible[] = [
  { type: 'division', code: '2NDE01' },
  { type: 'division', code: '2NDE02' },
];
const RUNS = 5;

/** HTTPS to the local simulator under the console's hostname, with the RA's cookie; API calls counted. */
class SimConnection {
  requests = 0;
  private cookie = '';
  private readonly agent = new Agent({ keepAlive: true, rejectUnauthorized: false });

  constructor(private readonly port: number) {}

  /** What the console client uses: every call is one request to the console's API. */
  readonly fetch: Fetch = (url, init) => {
    this.requests += 1;
    return this.send(url, init);
  };

  async login(): Promise<void> {
    const page = await (await this.send(`${CONSOLE}/connexion`)).text();
    const idRespAff = /<option value="([^"]+)"/.exec(page)?.[1];
    if (!idRespAff) throw new Error('aucun responsable sur la page de connexion');
    const response = await this.send(`${CONSOLE}/connexion`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ idRespAff }).toString(),
    });
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (!this.cookie) throw new Error(`connexion refusée (${response.status})`);
  }

  async admin(path: string, body: unknown = {}): Promise<void> {
    const response = await this.send(`${CONSOLE}/__sim/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`/__sim/${path} : ${response.status}`);
  }

  close(): void {
    this.agent.destroy();
  }

  private send(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers: Record<string, string> = { host: target.hostname, cookie: this.cookie };
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: this.port,
          servername: target.hostname,
          path: target.pathname + target.search,
          method: init.method ?? 'GET',
          headers,
          agent: this.agent,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => {
            const status = incoming.statusCode ?? 0;
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) {
              for (const one of [value ?? []].flat()) responseHeaders.append(name, one);
            }
            const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
            resolve(new Response(body, { status, headers: responseHeaders }));
          });
        },
      );
      outgoing.on('error', reject);
      if (typeof init.body === 'string') outgoing.write(init.body);
      outgoing.end();
    });
  }
}

interface Plan {
  uai: string;
  tasks: Extract<WriteTask, { kind: 'affecter' }>[];
  persons: number;
}

/** Two divisions of seconde to the first active individual subscriptions open to pupils. */
async function planned(client: ConsoleClient): Promise<Plan> {
  const { uai } = await client.session();
  const now = new Date();
  const subscriptions = (await client.subscriptions(uai))
    .filter((s) => refusalOf(s, now) === undefined && s.abonnement.publicCible.includes('ELEVE'))
    .slice(0, SUBSCRIPTIONS);
  const holders = new Map<string, Set<string>>();
  for (const { abonnement } of subscriptions) {
    const current = await client.affectations(uai, abonnement.idAbonnement);
    holders.set(abonnement.idAbonnement, new Set(current.affectations.map((a) => a.idPersonne)));
  }
  const plan = planAssignment({
    subscriptions,
    holders,
    index: indexPopulation(await client.population(uai)),
    cibles: DIVISIONS,
    now,
    jusquAEpuisement: true,
  });
  const tasks = plan.abonnements.flatMap(({ idAbonnement, version, parCible }) => {
    const attendus = parCible.flatMap((target) => target.nouveauxIds);
    const cibles = parCible.map((target) => target.cible);
    return attendus.length > 0
      ? [{ kind: 'affecter' as const, idAbonnement, version, cibles, jusquAEpuisement: true, attendus }]
      : [];
  });
  return { uai, tasks, persons: plan.totalNouveaux };
}

/** The executor as the panel runs it; returns the persons added. */
async function ours(client: ConsoleClient, { uai, tasks }: Plan): Promise<number> {
  const steps: JournalStep[] = [];
  const result = await executeTasks(uai, tasks, {
    client,
    journal: { step: async (step) => void steps.push(step) },
    concurrency: 3,
  });
  if (result.status !== 'termine') throw new Error(`exécution interrompue : ${result.message}`);
  return [...result.faits.values()].reduce((sum, persons) => sum + persons.length, 0);
}

/** The obvious way: one person per request, one request after the other. */
async function naive(client: ConsoleClient, { uai, tasks }: Plan): Promise<number> {
  let added = 0;
  for (const task of tasks) {
    let version = task.version;
    for (const person of task.attendus) {
      const result = await client.assign(uai, task.idAbonnement, {
        version,
        cibles: [{ type: 'personne', code: person }],
        jusquAEpuisement: true,
      });
      version = result.version;
      added += result.ajoutees.length;
    }
  }
  return added;
}

/** Wall time and API requests of one run, on the simulator reset to the seed. */
async function measured(
  connection: SimConnection,
  run: () => Promise<number>,
  expected: number,
): Promise<{ ms: number; requests: number }> {
  await connection.admin('reinitialiser');
  const before = connection.requests;
  const start = performance.now();
  const added = await run();
  const ms = performance.now() - start;
  if (added !== expected) throw new Error(`${added} personnes affectées au lieu de ${expected}`);
  return { ms, requests: connection.requests - before };
}

async function executorVersusNaive(): Promise<BenchResult[]> {
  return withLyceeSeed(executorVersusNaiveOn);
}

async function executorVersusNaiveOn(dir: string): Promise<BenchResult[]> {
  const simulator = await startSimulator({ seedDir: dir });
  const connection = new SimConnection(simulator.port);
  try {
    await connection.login();
    const client = createConsoleClient(connection.fetch, CONSOLE);
    const plan = await planned(client);
    await connection.admin('fautes', { latenceMs: LATENCY_MS });
    const runs = [];
    for (let i = 0; i < RUNS; i++)
      runs.push(await measured(connection, () => ours(client, plan), plan.persons));
    const reference = await measured(connection, () => naive(client, plan), plan.persons);
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
  } finally {
    connection.close();
    await simulator.close();
  }
}

export const executorBenchmarks: Benchmark[] = [
  { name: 'exécution d’une affectation groupée (simulateur, HTTPS)', run: executorVersusNaive },
];
