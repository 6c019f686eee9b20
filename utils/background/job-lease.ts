/**
 * Who runs which bulk job, as the background sees it: one presence port per content-script
 * document, and for each journal entry being run, the one port that owns it (its lease).
 *
 * Pure and in memory on purpose. A lease only means something while its holder lives, and the
 * holder is a port: when the worker stops, every port disconnects and every lease goes with
 * it — the content side reconnects and claims its leases again (utils/presence.ts). Nothing here
 * touches a browser API; a port is anything with an id that can be posted to.
 */
import type { PresenceNotice } from '../messaging';

/** Where a content-script document is: a tab, a frame and (Chromium) the document itself. */
export interface PresencePlace {
  tabId: number;
  frameId: number;
  /** Chromium ≥ 106 names the document: a reloaded tab is then never mistaken for its former page. */
  documentId?: string;
}

export interface PresencePort {
  readonly id: string;
  post(notice: PresenceNotice): void;
}

export interface Presence {
  port: PresencePort;
  place: PresencePlace;
  /** The school the content script declared — self-declared, see utils/background/message-senders.ts. */
  uai: string | null;
}

interface Lease {
  portId: string;
  uai: string;
}

export class JobLeases {
  readonly #presences = new Map<string, Presence>();
  readonly #leases = new Map<string, Lease>();

  connect(port: PresencePort, place: PresencePlace): void {
    this.#presences.set(port.id, { port, place, uai: null });
  }

  declareSchool(portId: string, uai: string | null): void {
    const presence = this.#presences.get(portId);
    if (presence) presence.uai = uai;
  }

  presence(portId: string): Presence | undefined {
    return this.#presences.get(portId);
  }

  /** The live presence of a document, the latest one when a tab's previous page is still closing. */
  presenceAt(place: PresencePlace): Presence | undefined {
    let found: Presence | undefined;
    for (const presence of this.#presences.values()) {
      if (samePlace(presence.place, place)) found = presence;
    }
    return found;
  }

  /** The live port holding an entry, if any. */
  holderOf(entryId: string): string | undefined {
    return this.#leases.get(entryId)?.portId;
  }

  /**
   * Gives an entry to a port unless another port holds it. An entry with no lease (nobody ran
   * it since the worker started) goes to whoever asks. Returns whether the port now holds it.
   */
  grant(entryId: string, uai: string, portId: string): boolean {
    if (!this.#presences.has(portId)) return false;
    const holder = this.holderOf(entryId);
    if (holder !== undefined && holder !== portId) return false;
    this.#leases.set(entryId, { portId, uai });
    return true;
  }

  /** A job ended: its entry is free. Only its holder can end it; the others are told. */
  release(entryId: string, portId: string): void {
    const lease = this.#leases.get(entryId);
    if (lease?.portId !== portId) return;
    this.#leases.delete(entryId);
    this.#notifySchool(lease.uai, portId);
  }

  /** A tab closed, reloaded or left: its leases go, and its school's other tabs are told. */
  disconnect(portId: string): void {
    if (!this.#presences.delete(portId)) return;
    const schools = new Set<string>();
    for (const [entryId, lease] of this.#leases) {
      if (lease.portId !== portId) continue;
      this.#leases.delete(entryId);
      schools.add(lease.uai);
    }
    for (const uai of schools) this.#notifySchool(uai, portId);
  }

  /** The entries of a school held by a live port other than `exceptPortId`. */
  heldElsewhere(uai: string, exceptPortId?: string): string[] {
    return [...this.#leases]
      .filter(([, lease]) => lease.uai === uai && lease.portId !== exceptPortId)
      .map(([entryId]) => entryId);
  }

  #notifySchool(uai: string, exceptPortId: string): void {
    for (const presence of this.#presences.values()) {
      if (presence.uai === uai && presence.port.id !== exceptPortId)
        presence.port.post({ type: 'bails', uai });
    }
  }
}

function samePlace(a: PresencePlace, b: PresencePlace): boolean {
  if (a.tabId !== b.tabId || a.frameId !== b.frameId) return false;
  return a.documentId === undefined || b.documentId === undefined || a.documentId === b.documentId;
}
