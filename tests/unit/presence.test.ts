import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import type { PresenceMessage } from '../../utils/messaging';
import {
  createPresence,
  HEARTBEAT_MS,
  type PortLike,
  type PresenceDeps,
  RECONNECT_DELAYS_MS,
} from '../../utils/presence';

const COLLEGE_A = '0561622J';
const COLLEGE_B = '0290009C';

/** A port to a pretend background, which acknowledges schools like the real one. */
class FakePort implements PortLike {
  posted: PresenceMessage[] = [];
  #onMessage: ((message: unknown) => void)[] = [];
  #onDisconnect: (() => void)[] = [];
  constructor(private readonly acknowledge: boolean) {}
  postMessage(message: PresenceMessage): void {
    this.posted.push(message);
    if (this.acknowledge && message.type === 'ecole')
      queueMicrotask(() => this.tell({ type: 'ecoleNotee', uai: message.uai }));
  }
  onMessage = { addListener: (listener: (message: unknown) => void) => void this.#onMessage.push(listener) };
  onDisconnect = { addListener: (listener: () => void) => void this.#onDisconnect.push(listener) };
  disconnect(): void {}
  tell(message: unknown): void {
    for (const listener of this.#onMessage) listener(message);
  }
  /** The worker stopped. */
  drop(): void {
    for (const listener of this.#onDisconnect) listener();
  }
}

function presenceWith(options: { acknowledge?: boolean; alive?: () => boolean } = {}) {
  const ports: FakePort[] = [];
  const deps: PresenceDeps = {
    connect: () => {
      const port = new FakePort(options.acknowledge ?? true);
      ports.push(port);
      return port;
    },
    alive: options.alive ?? (() => true),
    setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as number,
    clearTimeout: (id) => clearTimeout(id),
    setInterval: (callback, ms) => setInterval(callback, ms) as unknown as number,
    clearInterval: (id) => clearInterval(id),
  };
  return { presence: createPresence(deps), ports, last: () => ports.at(-1) as FakePort };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(
    ((key: string) => key) as typeof browser.i18n.getMessage,
  );
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the presence of a content-script document', () => {
  it('announces its school and is ready once the background acknowledged it', async () => {
    const { presence, last } = presenceWith({ acknowledge: false });
    presence.setSchool(COLLEGE_A);
    expect(last().posted).toEqual([
      { type: 'ecole', uai: null },
      { type: 'ecole', uai: COLLEGE_A },
    ]);
    let ready = false;
    void presence.ready().then(() => {
      ready = true;
    });
    last().tell({ type: 'ecoleNotee', uai: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(ready).toBe(false);
    last().tell({ type: 'ecoleNotee', uai: COLLEGE_A });
    await vi.advanceTimersByTimeAsync(0);
    expect(ready).toBe(true);
  });

  it('reconnects when the worker stops, posts its school again and claims the jobs it runs', async () => {
    const { presence, ports, last } = presenceWith();
    presence.setSchool(COLLEGE_A);
    presence.holding(['e1']);
    await presence.ready();
    last().drop();
    await vi.advanceTimersByTimeAsync(RECONNECT_DELAYS_MS[0] ?? 0);
    expect(ports).toHaveLength(2);
    expect(last().posted).toEqual([
      { type: 'ecole', uai: COLLEGE_A },
      { type: 'reclamer', ids: ['e1'] },
    ]);
    await presence.ready();
  });

  it('beats while it holds a job, and stops once the job is over', async () => {
    const { presence, last } = presenceWith();
    const beats = (): number => last().posted.filter((message) => message.type === 'battement').length;
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * 2);
    expect(beats()).toBe(0);
    presence.holding(['e1']);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * 2);
    expect(beats()).toBe(2);
    presence.holding([]);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * 2);
    expect(beats()).toBe(2);
  });

  it('passes on the other tabs’ released jobs, validated', () => {
    const { presence, last } = presenceWith();
    const told: string[] = [];
    const stop = presence.onLeasesChanged((uai) => told.push(uai));
    last().tell({ type: 'bails', uai: COLLEGE_B });
    last().tell({ type: 'bails', uai: 'tous' });
    stop();
    last().tell({ type: 'bails', uai: COLLEGE_A });
    expect(told).toEqual([COLLEGE_B]);
  });

  it('gives up when the extension is gone, and says so to whoever waits', async () => {
    let alive = true;
    const { presence, ports, last } = presenceWith({ alive: () => alive });
    await presence.ready();
    alive = false;
    last().drop();
    await expect(presence.ready()).rejects.toThrow('presenceLost');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ports).toHaveLength(1);
  });

  it('gives up after a few attempts when the background never answers', async () => {
    const { presence, ports, last } = presenceWith({ acknowledge: false });
    for (const delay of RECONNECT_DELAYS_MS) {
      last().drop();
      await vi.advanceTimersByTimeAsync(delay);
    }
    last().drop();
    await expect(presence.ready()).rejects.toThrow('presenceLost');
    expect(ports).toHaveLength(RECONNECT_DELAYS_MS.length + 1);
  });
});
