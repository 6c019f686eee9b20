import type { IDBPDatabase } from 'idb';
import { licenceFactsFromSubscriptions, usageFactsFromRows } from './gar/usage-stats';
import type { Handlers } from './messaging';
import type { GarDbSchema } from './store/db';
import { newRecordId, type SchoolRecord } from './store/records';
import {
  addJournalEntry,
  appendJournalStep,
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
} from './store/repositories';
import { autoCaptureDue, captureUsage, lastCapture } from './usage-capture';

export interface BackgroundServices {
  db(): Promise<IDBPDatabase<GarDbSchema>>;
  version: string;
  now(): Date;
  /** Opens the options page, scrolled to a section when one is named. */
  openOptionsPage(section?: string): Promise<void>;
  /** Runs after new subscriptions were seen: the toolbar badge and alerts follow at once. */
  afterSubscriptionsSeen?(): Promise<unknown>;
}

/** Routes each message type to the store; kept apart from the entrypoint so it is unit-tested. */
export function createHandlers(services: BackgroundServices): Handlers {
  return {
    ping: () => ({ version: services.version }),
    'settings.get': async () => getSettings(await services.db()),
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
      const result = await upsertSeen(db, uai, subscriptions, now);
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
    'journal.start': async (request) =>
      addJournalEntry(await services.db(), {
        ...request,
        id: newRecordId(),
        startedAt: services.now().toISOString(),
        status: 'enCours',
        steps: [],
      }),
    'journal.step': async ({ id, step }) => {
      await appendJournalStep(await services.db(), id, step);
      return {};
    },
    'journal.finish': async ({ id, status, summary, reverses }) => {
      const db = await services.db();
      const endedAt = services.now().toISOString();
      const entry = await updateJournalEntry(db, id, (current) => ({ ...current, status, summary, endedAt }));
      if (reverses !== undefined) {
        await updateJournalEntry(db, reverses, (reversed) => ({ ...reversed, annulePar: id }));
      }
      return entry;
    },
    'journal.reopen': async ({ id }) =>
      updateJournalEntry(await services.db(), id, ({ endedAt: _ended, ...entry }) => ({
        ...entry,
        status: 'enCours',
      })),
    'journal.list': async (query) => listJournal(await services.db(), query),
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
        ...usageFactsFromRows(usage, 'portail'),
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
