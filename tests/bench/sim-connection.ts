import { Agent, request } from 'node:https';
import { performance } from 'node:perf_hooks';
import { executeTasks, type WriteTask } from '../../utils/bulk/executor';
import { assignmentTasks, type Holdings, readHoldings } from '../../utils/bulk/operation';
import { type AssignmentPlan, refusalOf } from '../../utils/gar/assignment-plan';
import type { JournalStep } from '../../utils/gar/journal-record';
import type { ConsoleSubscription } from '../../utils/gar/school';
import { type ConsoleClient, createConsoleClient } from '../../utils/hosts/console/api';
import type { Fetch } from '../../utils/hosts/http';
import { startSimulator } from '../sim/server/index';

/**
 * What the benchmarks that write to the simulator share: HTTPS to it under the console's hostname
 * with the RA's session, requests counted, the executor run as the « Affectation groupée » panel
 * runs it, and the naive way it is compared with.
 */

const HOST = 'affectation.gar.education.fr';
export const CONSOLE = `https://${HOST}`;
/** A school's connection to the console: what every write costs before the server does anything. */
export const LATENCY_MS = 50;

/** Connections opened before a measured run: more than any concurrency the benchmarks use. */
const OPEN_CONNECTIONS = 6;

function newAgent(): Agent {
  return new Agent({ keepAlive: true, rejectUnauthorized: false });
}

/** HTTPS to the local simulator under the console's hostname, with the RA's cookie; API calls counted. */
export class SimConnection {
  requests = 0;
  /** Most API calls in flight at once since the last `resetPeak`: the concurrency really used. */
  peakInFlight = 0;
  private inFlight = 0;
  private cookie = '';
  private agent = newAgent();

  constructor(private readonly port: number) {}

  /** What the console client uses: every call is one request to the console's API. */
  readonly fetch: Fetch = async (url, init) => {
    this.requests += 1;
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    try {
      return await this.send(url, init);
    } finally {
      this.inFlight -= 1;
    }
  };

  resetPeak(): void {
    this.peakInFlight = 0;
  }

  /**
   * Fresh, open connections, as a panel has just after reading the console. A reset of the
   * simulator blocks it for seconds: idle kept-alive sockets may then reach the server's keep-alive
   * timeout just as a run reuses them, and the executor sees « connexion interrompue », verifies
   * and retries after a pause — a cost of the bench's set-up, not of the run it measures.
   */
  async reconnect(): Promise<void> {
    this.agent.destroy();
    this.agent = newAgent();
    // Concurrent requests each open their own socket; /__sim/ is neither delayed nor counted.
    await Promise.all(
      Array.from({ length: OPEN_CONNECTIONS }, async () => (await this.send(`${CONSOLE}/__sim/etat`)).text()),
    );
  }

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

/** The simulator on the seed in `dir`, an RA logged in and the console client, for the time of `use`. */
export async function withSimulator<T>(
  dir: string,
  use: (connection: SimConnection, client: ConsoleClient) => Promise<T>,
): Promise<T> {
  const simulator = await startSimulator({ seedDir: dir });
  const connection = new SimConnection(simulator.port);
  try {
    await connection.login();
    return await use(connection, createConsoleClient(connection.fetch, CONSOLE));
  } finally {
    connection.close();
    await simulator.close();
  }
}

export type AssignTask = Extract<WriteTask, { kind: 'affecter' }>;

function isAssignTask(task: WriteTask): task is AssignTask {
  return task.kind === 'affecter';
}

/** The panel's own tasks for a plan (operation.ts): one request per subscription, the previewed persons. */
export function panelTasks(plan: AssignmentPlan, jusquAEpuisement: boolean): AssignTask[] {
  return assignmentTasks(plan, jusquAEpuisement).filter(isAssignTask);
}

export interface OpenSchool {
  uai: string;
  now: Date;
  /** The subscriptions the console takes individual assignments on today (refusalOf: none). */
  subscriptions: ConsoleSubscription[];
}

/** The RA's school as the console shows it now, and its subscriptions open to assignment. */
export async function openSubscriptions(client: ConsoleClient): Promise<OpenSchool> {
  const { uai } = await client.session();
  const now = new Date();
  const subscriptions = (await client.subscriptions(uai)).filter((s) => refusalOf(s, now) === undefined);
  return { uai, now, subscriptions };
}

/** Who holds each subscription's licences now, read as the panel reads them before planning. */
export function holdingsOf(client: ConsoleClient, uai: string, ids: readonly string[]): Promise<Holdings> {
  return readHoldings({ client }, uai, ids);
}

/** The executor as the panel runs it (operation.ts: its default concurrency); returns the persons added. */
export async function runExecutor(
  client: ConsoleClient,
  uai: string,
  tasks: readonly WriteTask[],
): Promise<number> {
  const steps: JournalStep[] = [];
  const result = await executeTasks(uai, tasks, {
    client,
    journal: { step: async (step) => void steps.push(step) },
  });
  if (result.status !== 'termine') throw new Error(`exécution interrompue : ${result.message}`);
  return [...result.faits.values()].reduce((sum, persons) => sum + persons.length, 0);
}

/** The obvious way: one person per request, one request after the other, the first `limit` persons. */
export async function runOnePerPerson(
  client: ConsoleClient,
  uai: string,
  tasks: readonly AssignTask[],
  limit = Number.POSITIVE_INFINITY,
): Promise<number> {
  let added = 0;
  let sent = 0;
  for (const task of tasks) {
    let version = task.version;
    for (const person of task.attendus) {
      if (sent >= limit) return added;
      sent += 1;
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

export interface Measure {
  ms: number;
  /** API requests sent by the run. */
  requests: number;
  /** Most requests in flight at once during the run. */
  peak: number;
}

/** Wall time and API requests of one run, on the simulator reset to the seed. */
export async function measured(
  connection: SimConnection,
  run: () => Promise<number>,
  expected: number,
): Promise<Measure> {
  await connection.admin('reinitialiser');
  await connection.reconnect();
  const before = connection.requests;
  connection.resetPeak();
  const start = performance.now();
  const added = await run();
  const ms = performance.now() - start;
  if (added !== expected) throw new Error(`${added} personnes affectées au lieu de ${expected}`);
  return { ms, requests: connection.requests - before, peak: connection.peakInFlight };
}
