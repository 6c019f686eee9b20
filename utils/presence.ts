import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t } from './i18n';
import { PRESENCE_PORT, type PresenceMessage, presenceNoticeSchema } from './messaging';

/**
 * This document's presence, as the background sees it (utils/background/job-lease.ts): one long-lived port
 * per content-script document. While it is open, the background knows the tab's school (its
 * messages are scoped to it) and which jobs the tab runs; when it closes — tab closed, reloaded,
 * navigated away — the background frees those jobs for the other tabs.
 */
export interface Presence {
  /** The school the page is on now; posted to the background when it changes. */
  setSchool(uai: string | null): void;
  /** Called with the school whose running jobs changed elsewhere: re-read its journal. Returns the unsubscription. */
  onLeasesChanged(callback: (uai: string) => void): () => void;
  /** The journal entries this document runs now (a job started or resumed; [] once it finished). */
  holding(ids: readonly string[]): void;
  /** Resolves once the port is open and the background recorded the current school; rejects when it cannot reconnect. */
  ready(): Promise<void>;
  /** Closes the port for good (the content script is going away). */
  close(): void;
}

/** The parts of runtime.Port used here. */
export interface PortLike {
  postMessage(message: PresenceMessage): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

export interface PresenceDeps {
  connect(): PortLike;
  /** False once the extension was reloaded or removed: `browser.runtime.id` is then gone. */
  alive(): boolean;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
  setInterval(callback: () => void, ms: number): number;
  clearInterval(id: number): void;
}

/** Waits before each new attempt after the port closed; then the background is deemed gone. */
export const RECONNECT_DELAYS_MS: readonly number[] = [200, 1000, 3000, 8000];

/**
 * Chromium ≥ 114 keeps a service worker alive while messages flow on a port; without them it
 * stops after ~30 s idle, its ports close and the leases with them. A beat well inside that
 * window keeps the owner of a running job known to the background for as long as the job runs.
 */
export const HEARTBEAT_MS = 20_000;

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((ok, ko) => {
    resolve = ok;
    reject = ko;
  });
  // A rejection nobody awaited is expected (no job asked): it must not be reported as unhandled.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export function createPresence(deps: PresenceDeps): Presence {
  let port: PortLike | undefined;
  let school: string | null = null;
  let held: readonly string[] = [];
  let attempts = 0;
  let closed = false;
  let lost = false;
  let retry: number | undefined;
  let heartbeat: number | undefined;
  // What ready() answers: pending until the background acknowledged the current school.
  let announced = deferred();
  let settled = false;
  const pending = (): void => {
    if (!settled) return;
    announced = deferred();
    settled = false;
  };
  const listeners = new Set<(uai: string) => void>();

  const post = (message: PresenceMessage): void => {
    try {
      port?.postMessage(message);
    } catch {
      // The port is closing: its onDisconnect reconnects and posts again.
    }
  };

  const keepAwake = (): void => {
    const wanted = port !== undefined && held.length > 0;
    if (wanted && heartbeat === undefined) {
      heartbeat = deps.setInterval(() => post({ type: 'battement' }), HEARTBEAT_MS);
    } else if (!wanted && heartbeat !== undefined) {
      deps.clearInterval(heartbeat);
      heartbeat = undefined;
    }
  };

  const receive = (raw: unknown): void => {
    const notice = presenceNoticeSchema.safeParse(raw);
    if (!notice.success) return;
    if (notice.data.type === 'ecoleNotee') {
      // An older school's acknowledgement says nothing about the current one.
      if (notice.data.uai !== school) return;
      attempts = 0;
      settled = true;
      announced.resolve();
      return;
    }
    for (const listener of listeners) listener(notice.data.uai);
  };

  const giveUp = (): void => {
    lost = true;
    pending();
    settled = true;
    announced.reject(new Error(t('presenceLost')));
  };

  const disconnected = (): void => {
    port = undefined;
    keepAwake();
    if (closed) return;
    pending();
    // The extension was reloaded or removed: this content script is an orphan, nothing to reach.
    const delay = RECONNECT_DELAYS_MS[attempts];
    if (!deps.alive() || delay === undefined) {
      giveUp();
      return;
    }
    attempts += 1;
    retry = deps.setTimeout(open, delay);
  };

  function open(): void {
    retry = undefined;
    if (closed) return;
    try {
      port = deps.connect();
    } catch {
      disconnected();
      return;
    }
    port.onMessage.addListener(receive);
    port.onDisconnect.addListener(disconnected);
    post({ type: 'ecole', uai: school });
    // After a worker restart the background knows no lease: the jobs still running here claim theirs.
    if (held.length > 0) post({ type: 'reclamer', ids: [...held] });
    keepAwake();
  }

  open();

  return {
    setSchool(uai) {
      if (uai === school) return;
      school = uai;
      if (lost) return;
      pending();
      post({ type: 'ecole', uai });
    },
    onLeasesChanged(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    holding(ids) {
      held = [...ids];
      keepAwake();
    },
    ready: () => announced.promise,
    close() {
      closed = true;
      if (retry !== undefined) deps.clearTimeout(retry);
      const open = port;
      port = undefined;
      keepAwake();
      open?.disconnect();
    },
  };
}

/** The browser's ports and the content script's timers, which stop with an invalidated context. */
export function browserPresenceDeps(content: ContentScriptContext): PresenceDeps {
  return {
    connect: () => browser.runtime.connect({ name: PRESENCE_PORT }) as unknown as PortLike,
    alive: () => browser.runtime?.id !== undefined,
    setTimeout: (callback, ms) => content.setTimeout(callback, ms),
    clearTimeout: (id) => clearTimeout(id),
    setInterval: (callback, ms) => content.setInterval(callback, ms),
    clearInterval: (id) => clearInterval(id),
  };
}

let documentPresence: Presence | undefined;

/**
 * This document's presence: opened by the content script's boot (utils/content-boot.ts), the same
 * one for every later caller (a feature marking the jobs it runs). `content` is needed only the
 * first time.
 */
export function connectPresence(content?: ContentScriptContext): Presence {
  if (documentPresence) return documentPresence;
  if (!content) throw new Error('connectPresence: the content script has not booted its presence yet.');
  const presence = createPresence(browserPresenceDeps(content));
  content.onInvalidated(() => presence.close());
  documentPresence = presence;
  return presence;
}
