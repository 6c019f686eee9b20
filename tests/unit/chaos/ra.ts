import {
  type BulkState,
  createBulkState,
} from '../../../entrypoints/console.content/features/affectation-groupee/state';
import { createBackground } from '../../../utils/background/handlers';
import type { PresencePort } from '../../../utils/background/job-lease';
import type { JournalService, OperationPorts } from '../../../utils/bulk/operation';
import type { AssignmentPlan } from '../../../utils/gar/assignment-plan';
import type { JournalEntry } from '../../../utils/gar/journal-record';
import type { Cible } from '../../../utils/gar/school';
import { createConsoleClient } from '../../../utils/hosts/console/api';
import {
  createMessageListener,
  type MessageListener,
  type MessageType,
  type RequestOf,
  type ResponseOf,
  type Sender,
  sendRequest,
} from '../../../utils/messaging';
import { openGarDb } from '../../../utils/store/db';
import { CONSOLE } from '../sim/fixtures/sim-harness';
import { speakKeys } from '../speak';
import { SCHOOL, type Tab, type World } from './world';

/**
 * The ONE place that knows the product's functions: the RA's actions on the « Affectation
 * groupée » panel, carried out by the panel's own state (entrypoints/console.content/features/affectation-groupee/state.ts, which calls
 * utils/bulk/operation.ts in the panel's order), over the background's real journal (IndexedDB,
 * fake-indexeddb) reached by messages as a content script reaches it. When the product's
 * signatures change, this file changes; the generator, the world and the invariants do not.
 */

/** Short, on the virtual clock (world.ts): a stalled request is given up quickly. */
const REQUEST_TIMEOUT_MS = 2_000;

let databases = 0;

/** The background of the extension: its journal in a fresh IndexedDB, its leases, its access rules. */
export interface ProductBackground {
  listener: MessageListener;
  connect(port: PresencePort, tab: Tab): Promise<void>;
  disconnect(portId: string): void;
  /** Every journal entry of the school, as stored. */
  entries(): Promise<JournalEntry[]>;
  close(): void;
}

export async function openBackground(): Promise<ProductBackground> {
  // The panel's and the background's messages are looked up by key; the key reads fine in a report.
  speakKeys();
  databases += 1;
  const db = await openGarDb(`chaos-${databases}`);
  const background = createBackground({
    db: async () => db,
    version: 'chaos',
    now: () => new Date(),
    openOptionsPage: async () => undefined,
  });
  const listener = createMessageListener(background.handlers, background.authorize);
  return {
    listener,
    async connect(port, tab) {
      background.presence.connect(port, placeOf(tab));
      await background.presence.receive(port, { type: 'ecole', uai: SCHOOL });
    },
    disconnect: (portId) => background.presence.disconnect(portId),
    entries: async () => (await db.getAll('journal')).filter((entry) => entry.uai === SCHOOL),
    close: () => db.close(),
  };
}

const placeOf = (tab: Tab) => ({ tabId: tab.id, frameId: 0, documentId: `document-${tab.id}` });

function senderOf(tab: Tab): Sender {
  return { kind: 'content', ...placeOf(tab), url: `${CONSOLE}/ressources` };
}

/** What the RA sees after an action, in the suite's own words (independent of the panel's types). */
export type Screen =
  | { kind: 'apercu'; previewed: Map<string, string[]>; changed: boolean; reprise?: string }
  | { kind: 'annulation'; removals: Map<string, string[]>; reprise?: string }
  | { kind: 'resultat'; entryId: string; status: string; annulation: boolean }
  | { kind: 'erreur'; message: string; retry: boolean }
  | { kind: 'autre'; step: string };

export interface EntryView {
  id: string;
  kind: string;
  status: string;
  annulePar?: string;
  annule?: string;
}

/** Who each subscription's write would add, as the preview shows it. */
function previewedOf(plan: AssignmentPlan): Map<string, string[]> {
  return new Map(
    plan.abonnements
      .filter((subscription) => !subscription.refus)
      .map((subscription) => [
        subscription.idAbonnement,
        subscription.parCible.flatMap((target) => target.nouveauxIds),
      ]),
  );
}

function screenOf(state: BulkState): Screen {
  const step = state.step.value;
  switch (step.kind) {
    case 'apercu':
      return {
        kind: 'apercu',
        previewed: previewedOf(step.fresh.plan),
        changed: step.aJour === true || (step.changements?.length ?? 0) > 0,
        reprise: step.reprise?.id,
      };
    case 'annulation':
      return { kind: 'annulation', removals: step.undo.removals, reprise: step.reprise?.id };
    case 'resultat':
      return {
        kind: 'resultat',
        entryId: step.entry.id,
        status: step.result.status,
        annulation: step.annulation,
      };
    case 'erreur':
      return { kind: 'erreur', message: step.message, retry: step.retry !== undefined };
    default:
      return { kind: 'autre', step: step.kind };
  }
}

const viewOf = (entry: JournalEntry): EntryView => ({
  id: entry.id,
  kind: entry.kind,
  status: entry.status,
  annulePar: entry.annulePar,
  annule: entry.job?.annule,
});

/** The panel in one tab, as the content script builds it (entrypoints/…/affectation-groupee.tsx). */
export interface Panel {
  open(): Promise<Screen>;
  /** « Aperçu » of subscriptions × targets; « jusqu'à épuisement » ticked when asked. */
  preview(ids: string[], cibles: Cible[], jusquAEpuisement: boolean): Promise<Screen>;
  /** « Confirmer » on the preview shown, or on the undo shown. Resolves when the run is over. */
  confirm(): Promise<Screen>;
  /** « Réessayer » on an error. */
  retry(): Promise<Screen>;
  /** The banner of interrupted operations (not those this tab runs). */
  interrupted(): EntryView[];
  /** « Dernières opérations » that can be undone. */
  undoable(): EntryView[];
  resume(id: string): Promise<Screen>;
  giveUp(id: string): Promise<Screen>;
  prepareUndo(id: string): Promise<Screen>;
  screen(): Screen;
}

export function openPanel(world: World, tab: Tab, background: ProductBackground): Panel {
  const sender = senderOf(tab);
  const runningHere = new Set<string>();
  const port: PresencePort = { id: `port-${tab.id}`, post: () => undefined };
  const connected = background.connect(port, tab);
  tab.onClose(() => background.disconnect(port.id));

  /** A message to the background; a closed tab sends nothing more (its journal refuses). */
  const ask = async <T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> => {
    if (!tab.alive) throw new Error('Onglet fermé.');
    await connected;
    return world.track(() => sendRequest((message) => background.listener(message, sender), type, payload));
  };
  const journal: JournalService = {
    start: async (request) => {
      const entry = await ask('journal.start', request);
      runningHere.add(entry.id);
      return entry;
    },
    step: (id, step) => ask('journal.step', { id, step }),
    finish: async (id, outcome) => {
      try {
        return await ask('journal.finish', { id, ...outcome });
      } finally {
        runningHere.delete(id);
      }
    },
    reopen: async (id) => {
      const entry = await ask('journal.reopen', { id });
      runningHere.add(id);
      return entry;
    },
    list: (uai) => ask('journal.list', { uai, limit: 200 }),
  };
  const client = createConsoleClient(tab.fetch, CONSOLE, { timeoutMs: REQUEST_TIMEOUT_MS });
  const ports: OperationPorts = { client, journal, now: () => new Date() };
  const state = createBulkState({
    ports,
    loadSchool: async () => {
      const { uai } = await client.session();
      return { uai, subscriptions: await client.subscriptions(uai) };
    },
    listJournal: (uai) => ask('journal.list', { uai, limit: 20 }),
    thresholds: { soonDays: 30, laterDays: 90 },
    saveTemplate: async (template) => template,
    listTemplates: async () => [],
    saveConformity: async () => undefined,
    runningIds: async (uai) => new Set((await ask('jobs.running', { uai })).ids),
  });
  const find = (id: string): JournalEntry | undefined => state.journal.value.find((entry) => entry.id === id);
  const after = async (action: Promise<void>): Promise<Screen> => {
    await action;
    return screenOf(state);
  };

  return {
    open: () => after(state.open()),
    async preview(ids, cibles, jusquAEpuisement) {
      state.selectedIds.value = new Set(ids);
      state.cibles.value = cibles;
      await state.preview();
      if (jusquAEpuisement) state.setJusquAEpuisement(true);
      return screenOf(state);
    },
    confirm: () => after(state.step.value.kind === 'annulation' ? state.confirmUndo() : state.confirm()),
    async retry() {
      const step = state.step.value;
      if (step.kind === 'erreur' && step.retry) await step.retry();
      return screenOf(state);
    },
    interrupted: () =>
      state
        .resumable()
        .filter((entry) => !runningHere.has(entry.id))
        .map(viewOf),
    undoable: () => state.undoable().map(viewOf),
    async resume(id) {
      const entry = find(id);
      if (entry) await state.resume(entry);
      return screenOf(state);
    },
    async giveUp(id) {
      const entry = find(id);
      if (entry) await state.giveUp(entry);
      return screenOf(state);
    },
    async prepareUndo(id) {
      const entry = find(id);
      if (entry) await state.prepareUndo(entry);
      return screenOf(state);
    },
    screen: () => screenOf(state),
  };
}

/** The journal as stored, in the suite's words: what each entry says it added or removed. */
export interface EntryClaims {
  id: string;
  kind: 'affectation' | 'annulation';
  status: string;
  /** Per subscription, persons this entry says the console added (affectation) or removed (annulation). */
  claims: Map<string, Set<string>>;
}

/** Steps by which an entry says a person was added (an assignment) or removed (an undo). */
const CLAIMS = new Set(['affecte', 'retire', 'constate', 'verifie']);

export function claimsOf(entry: JournalEntry): EntryClaims {
  const claims = new Map<string, Set<string>>();
  for (const step of entry.steps) {
    if (!CLAIMS.has(step.action) || step.idAbonnement === undefined) continue;
    const persons = claims.get(step.idAbonnement) ?? new Set<string>();
    for (const person of step.personIds ?? []) persons.add(person);
    claims.set(step.idAbonnement, persons);
  }
  return {
    id: entry.id,
    kind: entry.kind === 'annulation' ? 'annulation' : 'affectation',
    status: entry.status,
    claims,
  };
}
