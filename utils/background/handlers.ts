import type { IDBPDatabase } from 'idb';
import * as z from 'zod/mini';
import { newRecordId, uaiSchema } from '../gar/record-fields';
import type { SchoolRecord } from '../gar/school-record';
import { unpackUsage } from '../gar/usage-row';
import { licenceFactsFromSubscriptions, usageFactsFromRows } from '../gar/usage-stats';
import { type MessageKey, messageTemplates, t } from '../i18n';
import { type Authorize, type Handlers, presenceMessageSchema, type Sender } from '../messaging';
import type { GarDbSchema } from '../store/db';
import { JournalClock } from '../store/journal-clock';
import {
  addJournalEntry,
  appendJournalStep,
  countSeen,
  getSchoolRecord,
  getSettings,
  listConformity,
  listHealth,
  listJournal,
  listOrders,
  listSeen,
  listTemplates,
  putConformity,
  putHealth,
  putTemplate,
  updateJournalEntry,
  updateSchoolRecord,
  updateSettings,
  upsertSeen,
} from '../store/repositories';
import { JobLeases, type Presence, type PresencePlace, type PresencePort } from './job-lease';
import { contentAccess } from './message-senders';
import { repeatedSightings } from './repeated-sightings';
import { autoCaptureDue, captureUsage, lastCapture } from './usage-capture';

export interface BackgroundServices {
  db(): Promise<IDBPDatabase<GarDbSchema>>;
  version: string;
  now(): Date;
  /** Opens the options page, scrolled to a section when one is named. */
  openOptionsPage(section?: string): Promise<void>;
  /** Runs after new subscriptions were seen: the toolbar badge and alerts follow at once. */
  afterSubscriptionsSeen?(): Promise<unknown>;
  /** Who runs which job (in memory, see utils/background/job-lease.ts); one per worker, shared by all below. */
  leases?: JobLeases;
  /**
   * The keys of the extension's message catalogue, for `i18n.templates` (asked once per worker).
   * Without it (unit tests), content scripts get no templates and ask the browser for each
   * message, as before.
   */
  messageKeys?(): Promise<readonly MessageKey[]>;
}

/** What the background wires: the handlers, who may call them, and the presence ports. */
export interface Background {
  handlers: Handlers;
  authorize: Authorize;
  presence: PresenceService;
}

export function createBackground(services: BackgroundServices): Background {
  const leases = services.leases ?? new JobLeases();
  const shared = { ...services, leases };
  return {
    handlers: createHandlers(shared),
    authorize: contentAccess({
      schoolOf: (sender) => leases.presenceAt(sender)?.uai,
      entryUai: async (id) => (await entryFacts(await services.db(), id))?.uai,
      holds: (sender, entryId) => {
        const presence = leases.presenceAt(sender);
        return presence !== undefined && leases.holderOf(entryId) === presence.port.id;
      },
    }),
    presence: createPresenceService(services, leases),
  };
}

/** The school and status of a journal entry, read without the rest of it. */
const entryFactsSchema = z.object({ uai: uaiSchema, status: z.string() });

async function entryFacts(
  db: IDBPDatabase<GarDbSchema>,
  id: string,
): Promise<z.output<typeof entryFactsSchema> | undefined> {
  const parsed = entryFactsSchema.safeParse(await db.get('journal', id));
  return parsed.success ? parsed.data : undefined;
}

export interface PresenceService {
  connect(port: PresencePort, place: PresencePlace): void;
  /** One message posted on a presence port; anything that is not the protocol is ignored. */
  receive(port: PresencePort, message: unknown): Promise<void>;
  disconnect(portId: string): void;
}

function createPresenceService(services: BackgroundServices, leases: JobLeases): PresenceService {
  /** After a worker restart: the jobs a document still runs come back to it, unless taken since. */
  const reclaim = async (presence: Presence, ids: readonly string[]): Promise<void> => {
    const db = await services.db();
    for (const id of ids) {
      const facts = await entryFacts(db, id);
      // Only a running entry of the school the document is on: the same rule as its messages.
      if (facts?.status !== 'enCours' || facts.uai !== presence.uai) continue;
      leases.grant(id, facts.uai, presence.port.id);
    }
  };
  return {
    connect: (port, place) => leases.connect(port, place),
    disconnect: (portId) => leases.disconnect(portId),
    async receive(port, raw) {
      const message = presenceMessageSchema.safeParse(raw);
      const presence = leases.presence(port.id);
      if (!message.success || presence === undefined) return;
      switch (message.data.type) {
        case 'ecole':
          leases.declareSchool(port.id, message.data.uai);
          port.post({ type: 'ecoleNotee', uai: message.data.uai });
          return;
        case 'reclamer':
          return reclaim(presence, message.data.ids);
        case 'battement':
          return;
      }
    },
  };
}

/**
 * The lease rules, checked before the journal is touched. A content script's document holds the
 * entries it runs; another document's step, resumption or end of a held entry is refused, so a
 * second runner stops at its next write boundary (the executor stops when a step is refused).
 * Extension pages hold nothing and may read everything, but do not write over a running job.
 */
function leaseRules(leases: JobLeases) {
  const presenceOf = (sender: Sender): Presence | undefined =>
    sender.kind === 'content' ? leases.presenceAt(sender) : undefined;
  const refuseIfHeldElsewhere = (id: string, presence: Presence | undefined): void => {
    const holder = leases.holderOf(id);
    if (holder !== undefined && holder !== presence?.port.id) throw new Error(t('leaseTakenElsewhere'));
  };
  return {
    /** A new entry belongs to the document that started it. */
    started(id: string, uai: string, sender: Sender): void {
      const presence = presenceOf(sender);
      if (presence) leases.grant(id, uai, presence.port.id);
    },
    /**
     * Resuming or stepping: held by the sender from here on — checked and granted in one go, with
     * no await in between, so two tabs asking at once cannot both get it. An entry nobody holds
     * (the worker restarted) goes to the document still running it.
     */
    take(id: string, sender: Sender): void {
      const presence = presenceOf(sender);
      refuseIfHeldElsewhere(id, presence);
      // The access rules made sure the entry is of the school the document declared.
      if (presence?.uai) leases.grant(id, presence.uai, presence.port.id);
    },
    ending(id: string, sender: Sender): void {
      refuseIfHeldElsewhere(id, presenceOf(sender));
    },
    ended(id: string, sender: Sender): void {
      const presence = presenceOf(sender);
      if (presence) leases.release(id, presence.port.id);
    },
    running(uai: string, sender: Sender): string[] {
      return leases.heldElsewhere(uai, presenceOf(sender)?.port.id);
    },
  };
}

/** Routes each message type to the store; kept apart from the entrypoint so it is unit-tested. */
export function createHandlers(services: BackgroundServices): Handlers {
  // Every console or portail page asks for them: built once per worker, since the browser's
  // language does not change while it runs; asked again after a failure.
  let templates: Promise<Record<string, string>> | undefined;
  const templatesOnce = (): Promise<Record<string, string>> => {
    templates ??= (services.messageKeys?.() ?? Promise.resolve([])).then(
      messageTemplates,
      (error: unknown) => {
        templates = undefined;
        throw error;
      },
    );
    return templates;
  };
  const lease = leaseRules(services.leases ?? new JobLeases());
  const sightings = repeatedSightings();
  // One per worker: a school's journal in a strict order (utils/store/journal-clock.ts).
  const clock = new JournalClock();
  return {
    ping: () => ({ version: services.version }),
    'settings.get': async () => getSettings(await services.db()),
    'i18n.templates': () => templatesOnce(),
    'settings.update': async (patch) => updateSettings(await services.db(), patch),
    'health.report': async (reports) => {
      const db = await services.db();
      for (const report of reports) await putHealth(db, report);
      return {};
    },
    'health.list': async () => listHealth(await services.db()),
    'options.open': async ({ section }) => {
      await services.openOptionsPage(section);
      return {};
    },
    'subscriptions.seen': async ({ uai, subscriptions }) => {
      const db = await services.db();
      const now = services.now();
      const list = JSON.stringify(subscriptions);
      const ids = subscriptions.map(({ abonnement }) => abonnement.idAbonnement);
      const repeat = sightings.repeated(uai, list, now.getTime(), await countSeen(db, uai), ids);
      if (repeat) return repeat;
      const result = await upsertSeen(db, uai, subscriptions, now);
      sightings.recorded(uai, list, now.getTime(), await countSeen(db, uai));
      await services.afterSubscriptionsSeen?.();
      // The console's counters go into the usage history once a day, with no extra request.
      if (await autoCaptureDue(db, uai, 'console', now)) {
        await captureUsage(
          db,
          uai,
          'console',
          licenceFactsFromSubscriptions(subscriptions, now, 'console'),
          now,
        );
      }
      return result;
    },
    'subscriptions.list': async () => listSeen(await services.db()),
    'journal.start': async (request, sender) => {
      const entry = await addJournalEntry(
        await services.db(),
        {
          ...request,
          id: newRecordId(),
          startedAt: services.now().toISOString(),
          status: 'enCours',
          steps: [],
        },
        clock,
      );
      lease.started(entry.id, entry.uai, sender);
      return entry;
    },
    'journal.step': async ({ id, step }, sender) => {
      lease.take(id, sender);
      await appendJournalStep(await services.db(), id, step, clock);
      return {};
    },
    'journal.finish': async ({ id, status, summary, reverses }, sender) => {
      lease.ending(id, sender);
      const db = await services.db();
      const endedAt = services.now().toISOString();
      const entry = await updateJournalEntry(db, id, (current) => ({ ...current, status, summary, endedAt }));
      if (reverses !== undefined) {
        await updateJournalEntry(db, reverses, (reversed) => ({ ...reversed, annulePar: id }));
      }
      lease.ended(id, sender);
      return entry;
    },
    'journal.reopen': async ({ id }, sender) => {
      lease.take(id, sender);
      try {
        return await updateJournalEntry(await services.db(), id, ({ endedAt: _ended, ...entry }) => ({
          ...entry,
          status: 'enCours',
        }));
      } catch (error) {
        // Nothing was resumed: no tab should see this entry as running here.
        lease.ended(id, sender);
        throw error;
      }
    },
    'journal.list': async (query) => listJournal(await services.db(), query),
    'jobs.running': ({ uai }, sender) => ({ ids: lease.running(uai, sender) }),
    'school.get': async ({ uai }) => (await getSchoolRecord(await services.db(), uai)) ?? null,
    'school.syncChecked': async ({ uai, synchronisation }) => {
      let previous: SchoolRecord['synchronisation'];
      await updateSchoolRecord(await services.db(), uai, (record) => {
        previous = record.synchronisation;
        return { ...record, synchronisation };
      });
      return { previous: previous ?? null };
    },
    'school.match': async ({ uai, orderId, idAbonnement }) =>
      updateSchoolRecord(await services.db(), uai, (record) => ({
        ...record,
        appariements: { ...record.appariements, [orderId]: idAbonnement },
      })),
    'orders.list': async ({ uai }) => listOrders(await services.db(), uai),
    'school.expectations': async ({ uai, attentes }) =>
      updateSchoolRecord(await services.db(), uai, (record) => ({ ...record, attentes })),
    'templates.list': async () => listTemplates(await services.db()),
    'templates.save': async (template) => putTemplate(await services.db(), template),
    'conformity.save': async (record) => putConformity(await services.db(), record),
    'conformity.list': async ({ uai }) => listConformity(await services.db(), uai),
    'stats.capture': async ({ uai, source, usage, subscriptions }) => {
      const now = services.now();
      const facts = [
        ...usageFactsFromRows(unpackUsage(usage), 'portail'),
        ...licenceFactsFromSubscriptions(subscriptions, now, source),
      ];
      return captureUsage(await services.db(), uai, source, facts, now);
    },
    'stats.status': async ({ uai, source }) => {
      const db = await services.db();
      return {
        automatiqueDue: await autoCaptureDue(db, uai, source, services.now()),
        derniereCapture: await lastCapture(db, uai, source),
      };
    },
  };
}
