import * as z from 'zod/mini';
import { describeError } from './describe-error';
import { featureHealthSchema } from './feature-health';
import { expectedOrderSchema } from './gar/expected-order';
import {
  JOURNAL_KINDS,
  JOURNAL_STATUSES,
  journalEntrySchema,
  journalJobSchema,
  journalStepSchema,
} from './gar/journal-record';
import { recordIdSchema, timestampSchema, uaiSchema } from './gar/record-fields';
import { schoolExpectationsSchema, schoolRecordSchema, syncCheckSchema } from './gar/school-record';
import { countedSubscriptionSchema, seenSubscriptionSchema } from './gar/seen-subscription';
import { settingsPatchSchema, settingsSchema } from './gar/settings';
import { conformityRecordSchema, templateSchema } from './gar/template-record';
import { packedUsageSchema } from './gar/usage-row';
import { t } from './i18n';

/**
 * The typed protocol between content scripts, extension pages and the background.
 * Each message type names the zod schema of its request and of its response; both ends
 * validate, so a malformed message is refused at the boundary instead of travelling on.
 */
const empty = z.strictObject({});
const count = z.int().check(z.nonnegative());

export const protocol = {
  ping: { request: empty, response: z.object({ version: z.string() }) },
  'settings.get': { request: empty, response: settingsSchema },
  /** Every message of the browser's language as a template (utils/i18n.ts), for a content script. */
  'i18n.templates': { request: empty, response: z.record(z.string(), z.string()) },
  'settings.update': { request: settingsPatchSchema, response: settingsSchema },
  'health.report': { request: z.array(featureHealthSchema), response: empty },
  'health.list': { request: empty, response: z.array(featureHealthSchema) },
  /** Opens the options page, at one of its sections when named (`#statistiques`, `#commandes`). */
  'options.open': {
    request: z.strictObject({ section: z.optional(z.enum(['statistiques', 'commandes', 'diagnostic'])) }),
    response: empty,
  },
  /** What a GAR page shows of one school's subscriptions now: remembered with the time seen. */
  'subscriptions.seen': {
    request: z.object({
      uai: uaiSchema,
      subscriptions: z.array(countedSubscriptionSchema),
    }),
    response: z.object({ added: z.array(z.string()), kept: z.array(z.string()), gone: z.array(z.string()) }),
  },
  'subscriptions.list': { request: empty, response: z.array(seenSubscriptionSchema) },
  /** A bulk operation starts: its entry is written before the first request to the console. */
  'journal.start': {
    request: z.object({
      uai: uaiSchema,
      kind: z.enum(JOURNAL_KINDS),
      summary: z.string(),
      job: journalJobSchema,
    }),
    response: journalEntrySchema,
  },
  /** One step, journaled before and after each write. */
  'journal.step': { request: z.object({ id: recordIdSchema, step: journalStepSchema }), response: empty },
  'journal.finish': {
    request: z.object({
      id: recordIdSchema,
      status: z.enum(JOURNAL_STATUSES),
      summary: z.string(),
      /** Marks the operation this entry reverses (an undo that went through). */
      reverses: z.optional(recordIdSchema),
    }),
    response: journalEntrySchema,
  },
  /** An interrupted operation is taken up again: back to « en cours » until it finishes. */
  'journal.reopen': { request: z.object({ id: recordIdSchema }), response: journalEntrySchema },
  /** Templates are kept by the background; the console panel saves and applies them. */
  'templates.list': { request: empty, response: z.array(templateSchema) },
  'templates.save': { request: templateSchema, response: templateSchema },
  /** The console's last conformity check of a template in a school (counts only). */
  'conformity.save': { request: conformityRecordSchema, response: conformityRecordSchema },
  'conformity.list': { request: z.object({ uai: uaiSchema }), response: z.array(conformityRecordSchema) },
  'school.get': { request: z.object({ uai: uaiSchema }), response: z.nullable(schoolRecordSchema) },
  /** The RA confirms or corrects an uncertain match (null: the order was not delivered). */
  'school.match': {
    request: z.object({
      uai: uaiSchema,
      orderId: recordIdSchema,
      idAbonnement: z.nullable(z.string().check(z.minLength(1), z.maxLength(45))),
    }),
    response: schoolRecordSchema,
  },
  'orders.list': { request: z.object({ uai: uaiSchema }), response: z.array(expectedOrderSchema) },
  /** An ENT check was made: its counts replace the previous ones, which are returned to compare with. */
  'school.syncChecked': {
    request: z.object({ uai: uaiSchema, synchronisation: syncCheckSchema }),
    response: z.object({ previous: z.nullable(syncCheckSchema) }),
  },
  'school.expectations': {
    request: z.object({ uai: uaiSchema, attentes: schoolExpectationsSchema }),
    response: schoolRecordSchema,
  },
  /** Statistics captured on a GAR page: usage rows (portail, packed) and licence counters, counts only. */
  'stats.capture': {
    request: z.object({
      uai: uaiSchema,
      source: z.enum(['portail', 'console']),
      usage: packedUsageSchema,
      subscriptions: z.array(countedSubscriptionSchema),
    }),
    response: z.object({
      ajoutees: count,
      modifiees: count,
      inchangees: count,
      mois: count,
    }),
  },
  /** Whether the automatic capture of this school and source is due now, and the last capture. */
  'stats.status': {
    request: z.object({ uai: uaiSchema, source: z.enum(['portail', 'console']) }),
    response: z.object({ automatiqueDue: z.boolean(), derniereCapture: z.nullable(timestampSchema) }),
  },
  'journal.list': {
    request: z.object({ uai: z.optional(uaiSchema), limit: z.optional(z.int().check(z.positive())) }),
    response: z.array(journalEntrySchema),
  },
  /** The school's entries being run by another live tab than the asking one (see utils/background/job-lease.ts). */
  'jobs.running': {
    request: z.object({ uai: uaiSchema }),
    response: z.object({ ids: z.array(recordIdSchema) }),
  },
} as const;

type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
export type RequestOf<T extends MessageType> = z.input<Protocol[T]['request']>;
export type ResponseOf<T extends MessageType> = z.output<Protocol[T]['response']>;

/** Marks our messages so we never answer (or misread) somebody else's. */
const CHANNEL = 'compagnon-gar';

const envelopeSchema = z.object({
  channel: z.literal(CHANNEL),
  type: z.string(),
  payload: z.unknown(),
});

export type Reply = { ok: true; data: unknown } | { ok: false; error: string };

/**
 * Who sent a message, as the background establishes it from the browser's MessageSender
 * (utils/background/message-senders.ts): an extension page, or a content script on a GAR page.
 */
export type Sender =
  | { kind: 'extension' }
  | { kind: 'content'; tabId: number; frameId: number; documentId?: string; url: string };

export type ContentSender = Extract<Sender, { kind: 'content' }>;

/** Why a sender may not send this message (a French sentence), or null when it may. */
export type Authorize = <T extends MessageType>(
  type: T,
  payload: z.output<Protocol[T]['request']>,
  sender: Sender,
) => Promise<string | null> | string | null;

/** The safe default: extension pages get everything, content scripts nothing. */
export const extensionPagesOnly: Authorize = (_type, _payload, sender) =>
  sender.kind === 'extension' ? null : t('accessExtensionOnly');

const replySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

export class MessagingError extends Error {
  override readonly name = 'MessagingError';
}

export function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(protocol, type);
}

export function createEnvelope<T extends MessageType>(type: T, payload: RequestOf<T>): unknown {
  return { channel: CHANNEL, type, payload };
}

/** Anything that can carry a message to the background: `browser.runtime.sendMessage` in real use. */
export type Transport = (message: unknown) => Promise<unknown>;

/** Sends a request and returns its validated response; throws MessagingError with a message for the user. */
export async function sendRequest<T extends MessageType>(
  transport: Transport,
  type: T,
  payload: RequestOf<T>,
): Promise<ResponseOf<T>> {
  const raw = await transport(createEnvelope(type, payload));
  const reply = replySchema.safeParse(raw);
  if (!reply.success) throw new MessagingError(t('messagingUnreadableReply', type));
  if (!reply.data.ok) throw new MessagingError(reply.data.error);
  const data = protocol[type].response.safeParse(reply.data.data);
  if (!data.success) throw new MessagingError(t('messagingUnexpectedReply', type));
  return data.data as ResponseOf<T>;
}

export type Handlers = {
  [T in MessageType]: (
    payload: z.output<Protocol[T]['request']>,
    sender: Sender,
  ) => Promise<ResponseOf<T>> | ResponseOf<T>;
};

export type MessageListener = (message: unknown, sender: Sender | null) => Promise<Reply>;

/**
 * Turns handlers into one `onMessage` listener. Every message gets a reply — an error reply when
 * it is unknown, malformed, from a sender not allowed to send it (`null`: neither an extension
 * page nor a content script on a GAR page), or its handler fails — so a bad message can never
 * crash the worker, and a refused one never reaches its handler.
 */
export function createMessageListener(
  handlers: Handlers,
  authorize: Authorize = extensionPagesOnly,
): MessageListener {
  return async (message, sender) => {
    const envelope = envelopeSchema.safeParse(message);
    if (!envelope.success) return { ok: false, error: t('messagingUnrecognised') };
    if (sender === null) return { ok: false, error: t('accessUnknownSender') };
    const { type, payload } = envelope.data;
    if (!isMessageType(type)) return { ok: false, error: t('messagingUnknownType', type) };
    const request = protocol[type].request.safeParse(payload);
    if (!request.success) {
      const where = request.error.issues[0]?.path.join('.') || t('storeValidationContent');
      return { ok: false, error: t('messagingMalformed', type, where) };
    }
    try {
      const refusal = await authorize(type, request.data, sender);
      if (refusal !== null) return { ok: false, error: refusal };
      const handler = handlers[type] as (payload: unknown, sender: Sender) => unknown;
      return { ok: true, data: await handler(request.data, sender) };
    } catch (error) {
      return { ok: false, error: describeError(error) };
    }
  };
}

// ---------------------------------------------------------------------------------------------
// The presence port: one per content-script document, held open for as long as it lives.

export const PRESENCE_PORT = 'compagnon-gar/presence';

/** What a content script posts on its presence port. */
export const presenceMessageSchema = z.discriminatedUnion('type', [
  /** The school its page is on now (null: none yet, e.g. the login page). */
  z.strictObject({ type: z.literal('ecole'), uai: z.nullable(uaiSchema) }),
  /** After a reconnection: the entries it was running, to hold again. */
  z.strictObject({ type: z.literal('reclamer'), ids: z.array(recordIdSchema).check(z.maxLength(100)) }),
  /** Keeps the worker awake while a job runs (see utils/presence.ts). */
  z.strictObject({ type: z.literal('battement') }),
]);
export type PresenceMessage = z.output<typeof presenceMessageSchema>;

/** What the background posts back. */
export const presenceNoticeSchema = z.discriminatedUnion('type', [
  /** The declared school is recorded: requests scoped to it may follow. */
  z.strictObject({ type: z.literal('ecoleNotee'), uai: z.nullable(uaiSchema) }),
  /** Leases of this school were released in another tab: re-read the journal. */
  z.strictObject({ type: z.literal('bails'), uai: uaiSchema }),
]);
export type PresenceNotice = z.output<typeof presenceNoticeSchema>;
