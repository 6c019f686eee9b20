import { vi } from 'vitest';
import { createSimulatorApp, type SimulatorApp } from '../../sim/server/app';
import type { Faults } from '../../sim/server/faults';
import { assign, remove } from '../../sim/server/rules';
import { loadSeed, type Seed } from '../../sim/server/seed-loader';
import type { SchoolState } from '../../sim/server/state';
import { seededRandom } from '../bulk/sim-console';
import { CONSOLE, loginAs, MINI_SEED, UAI } from '../sim/fixtures/sim-harness';

/**
 * The world a chaos sequence runs in, free of the product's code: the simulator in process (the
 * console), the RA's browser (one session cookie shared by its tabs), tabs that can be closed at a
 * given request, another RA writing through the simulator's own rules, and a virtual clock. Nothing
 * here knows the product's functions: tests/unit/chaos/ra.ts does.
 */

export const RA_ID = 'DOC-0001';
export const SCHOOL = UAI;

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Who holds a licence of each subscription: the console's truth, read from the simulator's state. */
export type Holdings = Map<string, Set<string>>;

/** What the other RA did, exactly as the console answered it. */
export interface OtherChange {
  idAbonnement: string;
  ajoutees: string[];
  retirees: string[];
}

/** The mini seed (tests/unit/sim/fixtures/seed-mini): small, fast, and short of licences. */
let mini: Promise<Seed> | undefined;
const TODAY = new Date();

/** A promise that never settles: a closed tab's code never runs again. */
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** How a tab is closed at its n-th request: before it is sent, or once the console handled it. */
export type Cut = 'avant' | 'apres';

export class Tab {
  alive = true;
  requests = 0;
  /** Requests this tab sent that the console is still handling (closing the tab aborts them). */
  private readonly wire = new AbortController();
  private readonly hooks = new Map<number, () => void>();
  private cutAt?: { request: number; how: Cut };
  private readonly closers: (() => void)[] = [];

  constructor(
    readonly id: number,
    private readonly world: World,
  ) {}

  /** Runs `hook` just before the tab's n-th request (counted from now) leaves. */
  at(request: number, hook: () => void): void {
    this.hooks.set(this.requests + request, hook);
  }

  /** Closes the tab at its n-th request from now. */
  closeAt(request: number, how: Cut): void {
    this.cutAt = { request: this.requests + request, how };
  }

  onClose(closer: () => void): void {
    this.closers.push(closer);
  }

  close(): void {
    if (!this.alive) return;
    this.alive = false;
    this.wire.abort();
    for (const closer of this.closers) closer();
  }

  /** The page's `fetch`, through the RA's browser: its session cookie goes along. */
  readonly fetch: Fetch = async (url, init = {}) => {
    if (!this.alive) return never();
    this.requests += 1;
    this.hooks.get(this.requests)?.();
    const cut = this.cutAt?.request === this.requests ? this.cutAt.how : undefined;
    if (cut === 'avant') {
      this.close();
      return never();
    }
    const signal = init.signal ? AbortSignal.any([init.signal, this.wire.signal]) : this.wire.signal;
    const response = await this.world.send(url, { ...init, signal });
    if (cut === 'apres') this.close();
    // The tab was closed while the console handled the request: nobody reads the answer.
    if (!this.alive) return never();
    return response;
  };
}

export class World {
  /** Changes every time a request or a journal call starts or ends: the clock waits for calm. */
  activity = 0;
  /** Requests the console is handling and journal calls the background is handling. */
  inFlight = 0;
  readonly otherChanges: OtherChange[] = [];
  /** Draws for the simulator's fault knobs: the same seed, the same faults. */
  readonly random: () => number;
  private cookie = '';
  private tabs = 0;

  private constructor(
    readonly sim: SimulatorApp,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  static async create(seed: number): Promise<World> {
    let world: World | undefined;
    mini ??= loadSeed(MINI_SEED, TODAY);
    const sim = createSimulatorApp({
      seed: structuredClone(await mini),
      now: () => TODAY,
      random: () => world?.random() ?? 0.5,
    });
    world = new World(sim, seed * 7919 + 13);
    await world.login();
    return world;
  }

  get school(): SchoolState {
    const school = this.sim.sim.state.schools.get(SCHOOL);
    if (!school) throw new Error(`école ${SCHOOL} absente du simulateur`);
    return school;
  }

  /** The RA logs in (again): every tab of the browser uses the new session from now on. */
  async login(): Promise<void> {
    this.cookie = (await loginAs(this.sim, RA_ID)).cookie;
  }

  openTab(): Tab {
    this.tabs += 1;
    return new Tab(this.tabs, this);
  }

  /** One request to the console, its answer read whole (so the clock knows when it is over). */
  async send(url: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', this.cookie);
    return this.track(async () => {
      const response = await this.sim.app.fetch(new Request(url, { ...init, headers }));
      const body = await response.arrayBuffer();
      return new Response(response.status === 204 ? null : body, {
        status: response.status,
        headers: response.headers,
      });
    });
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    this.activity += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      this.activity += 1;
    }
  }

  /** Work still moving on its own: requests the console is handling (not those it holds) and journal calls. */
  busy(): number {
    return this.inFlight - this.sim.sim.bloquees;
  }

  async faults(faults: Faults | null): Promise<void> {
    await this.sim.app.fetch(
      new Request(`${CONSOLE}/__sim/fautes`, {
        method: faults ? 'POST' : 'DELETE',
        headers: { 'content-type': 'application/json' },
        body: faults ? JSON.stringify(faults) : undefined,
      }),
    );
  }

  /** A pupil changes division (the simulator's admin route): the ENT's nightly files brought it. */
  async movePupil(idPersonne: string, division: string): Promise<void> {
    const response = await this.sim.app.fetch(
      new Request(`${CONSOLE}/__sim/deplacer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ uai: SCHOOL, idPersonne, division }),
      }),
    );
    if (!response.ok) throw new Error(`déplacement refusé : ${response.status}`);
  }

  /**
   * Another RA of the school changes a subscription, through the console's own rules (so the
   * licences and the version move as for anyone): what the console did is recorded exactly.
   */
  otherRa(idAbonnement: string, ajouter: string[], retirer: string[]): void {
    const school = this.school;
    const subscription = school.subscriptions.get(idAbonnement);
    if (!subscription) return;
    const change: OtherChange = { idAbonnement, ajoutees: [], retirees: [] };
    // The other RA picks persons the subscription is open to; the console may still refuse (expired…).
    const publics = new Set<string>(subscription.abonnement.publicCible);
    const open = ajouter.filter((id) => publics.has(school.view.personById.get(id)?.profil ?? ''));
    const cibles = open.map((code) => ({ type: 'personne' as const, code }));
    if (cibles.length > 0) {
      const request = { version: subscription.version, cibles, jusquAEpuisement: true };
      change.ajoutees = refusedAsNothing(
        () => assign(school, idAbonnement, request, this.sim.sim.now()).ajoutees,
      );
    }
    const held = retirer.filter((id) => subscription.holders.has(id));
    if (held.length > 0) {
      const request = { version: subscription.version, idPersonnes: held };
      change.retirees = refusedAsNothing(() => remove(school, idAbonnement, request).retirees);
    }
    // Even a change that moved nobody is a write: the version moves on (another RA saved the page).
    if (change.ajoutees.length === 0 && change.retirees.length === 0) subscription.version += 1;
    this.otherChanges.push(change);
  }

  /** Who holds what now, read from the simulator's state (not through the extension). */
  holdings(): Holdings {
    return new Map(
      [...this.school.subscriptions].map(([id, subscription]) => [id, new Set(subscription.holders.keys())]),
    );
  }
}

/** A write the console refused changed nothing. */
function refusedAsNothing(write: () => string[]): string[] {
  try {
    return write();
  } catch {
    return [];
  }
}

/** One event-loop turn: IndexedDB (fake-indexeddb) and the in-process console move on it. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Turns with nothing moving before the clock jumps to the next timer. */
const CALM_TURNS = 3;

export type Drive = 'fini' | 'onglet ferme' | 'bloque';

/**
 * Waits for `work` on a virtual clock: while requests or journal calls move, the loop only lets
 * them; once all is calm, time jumps to the next timer (a pause before a retry, a request timeout).
 * With no timer left and nothing moving, the work can never end: it is stuck (`bloque`), which is
 * what an RA sees as a dialog that never finishes. `onglet ferme`: the tab running it was closed.
 */
export async function drive(world: World, work: Promise<unknown>, tabs: readonly Tab[]): Promise<Drive> {
  let settled = false;
  void work.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  let calm = 0;
  let seen = world.activity;
  for (;;) {
    await turn();
    if (settled) return 'fini';
    if (tabs.every((tab) => !tab.alive)) return 'onglet ferme';
    if (world.activity !== seen || world.busy() > 0) {
      seen = world.activity;
      calm = 0;
      continue;
    }
    calm += 1;
    if (calm < CALM_TURNS) continue;
    calm = 0;
    if (vi.getTimerCount() === 0) return 'bloque';
    vi.advanceTimersToNextTimer();
  }
}
