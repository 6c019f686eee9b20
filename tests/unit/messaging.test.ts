import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createEnvelope,
  createMessageListener,
  type Handlers,
  type MessageListener,
  MessagingError,
  type Sender,
  sendRequest,
} from '../../utils/messaging';

const EXTENSION: Sender = { kind: 'extension' };
const CONSOLE_TAB: Sender = {
  kind: 'content',
  tabId: 3,
  frameId: 0,
  url: 'https://affectation.gar.education.fr/',
};

/** The listener as an extension page reaches it. */
const fromExtension =
  (listener: MessageListener) =>
  (message: unknown): ReturnType<MessageListener> =>
    listener(message, EXTENSION);

afterEach(() => {
  vi.restoreAllMocks();
});

const settings = {
  expiringSoonDays: 30,
  expiringLaterDays: 90,
  notifications: true,
  journalRetentionDays: 400,
  disabledFeatures: [],
  statsAutoCapture: true,
  statsRetentionMonths: 60,
  barFolded: false,
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    ping: () => ({ version: '0.1.0' }),
    'settings.get': () => settings,
    'i18n.templates': () => ({}),
    'settings.update': (patch) => ({ ...settings, ...patch }),
    'health.report': () => ({}),
    'health.list': () => [],
    'options.open': () => ({}),
    'subscriptions.seen': () => ({ added: [], kept: [], gone: [] }),
    'subscriptions.list': () => [],
    'journal.start': () => {
      throw new Error('not used here');
    },
    'journal.step': () => ({}),
    'journal.finish': () => {
      throw new Error('not used here');
    },
    'journal.reopen': () => {
      throw new Error('not used here');
    },
    'journal.list': () => [],
    'templates.list': () => [],
    'templates.save': (template) => template,
    'conformity.save': (record) => record,
    'conformity.list': () => [],
    'school.get': () => null,
    'school.syncChecked': () => ({ previous: null }),
    'school.expectations': ({ uai }) => ({ uai }),
    'school.match': ({ uai }) => ({ uai }),
    'orders.list': () => [],
    'stats.capture': () => ({ ajoutees: 0, modifiees: 0, inchangees: 0, mois: 0 }),
    'stats.status': () => ({ automatiqueDue: false, derniereCapture: null }),
    'jobs.running': () => ({ ids: [] }),
    ...overrides,
  };
}

describe('the message listener', () => {
  it('answers a valid request with its handler result', async () => {
    const listener = createMessageListener(handlers());
    expect(await listener(createEnvelope('ping', {}), EXTENSION)).toEqual({
      ok: true,
      data: { version: '0.1.0' },
    });
  });

  it('refuses an unknown message type with a French error', async () => {
    const listener = createMessageListener(handlers());
    const reply = await listener({ channel: 'compagnon-gar', type: 'tout.effacer', payload: {} }, EXTENSION);
    expect(reply).toEqual({ ok: false, error: 'Type de message inconnu : « tout.effacer ».' });
  });

  it('refuses messages that are not ours, whatever their shape', async () => {
    const listener = createMessageListener(handlers());
    for (const junk of [null, undefined, 42, 'ping', { type: 'ping' }, { channel: 'autre', type: 'ping' }]) {
      expect(await listener(junk, EXTENSION)).toEqual({
        ok: false,
        error: 'Message non reconnu par Compagnon GAR.',
      });
    }
  });

  it('refuses a malformed payload and names the field', async () => {
    const listener = createMessageListener(handlers());
    const reply = await listener(
      { channel: 'compagnon-gar', type: 'settings.update', payload: { expiringSoonDays: 'trente' } },
      EXTENSION,
    );
    expect(reply).toEqual({ ok: false, error: 'Message « settings.update » mal formé (expiringSoonDays).' });
  });

  it('turns a failing handler into an error reply instead of throwing', async () => {
    const listener = createMessageListener(
      handlers({
        'health.list': () => {
          throw new Error('Base de données indisponible');
        },
      }),
    );
    expect(await listener(createEnvelope('health.list', {}), EXTENSION)).toEqual({
      ok: false,
      error: 'Base de données indisponible',
    });
  });
});

describe('who sent the message', () => {
  it('refuses a sender the background could not establish, before any handler runs', async () => {
    const ran = vi.fn(() => settings);
    const listener = createMessageListener(handlers({ 'settings.get': ran }));
    expect(await listener(createEnvelope('settings.get', {}), null)).toEqual({
      ok: false,
      error: 'Demande refusée : elle ne vient ni d’une page de l’extension ni d’une page GAR.',
    });
    expect(ran).not.toHaveBeenCalled();
  });

  it('by default serves extension pages only', async () => {
    const ran = vi.fn(() => settings);
    const listener = createMessageListener(handlers({ 'settings.get': ran }));
    expect(await listener(createEnvelope('settings.get', {}), CONSOLE_TAB)).toEqual({
      ok: false,
      error: 'Cette demande est réservée aux pages de l’extension.',
    });
    expect(ran).not.toHaveBeenCalled();
    expect((await listener(createEnvelope('settings.get', {}), EXTENSION)).ok).toBe(true);
  });

  it('gives the handler the sender, once its access rule agreed', async () => {
    const seen: Sender[] = [];
    const listener = createMessageListener(
      handlers({
        'jobs.running': (_request, sender) => {
          seen.push(sender);
          return { ids: [] };
        },
      }),
      (type, _payload, sender) => (sender.kind === 'content' && type === 'jobs.running' ? null : 'non'),
    );
    expect((await listener(createEnvelope('jobs.running', { uai: '0350042K' }), CONSOLE_TAB)).ok).toBe(true);
    expect(await listener(createEnvelope('ping', {}), CONSOLE_TAB)).toEqual({ ok: false, error: 'non' });
    expect(seen).toEqual([CONSOLE_TAB]);
  });
});

describe('sendRequest', () => {
  it('returns the validated response through a transport', async () => {
    const listener = createMessageListener(handlers());
    const response = await sendRequest(fromExtension(listener), 'settings.get', {});
    expect(response.journalRetentionDays).toBe(400);
  });

  it('throws the error the background replied', async () => {
    const listener = createMessageListener(handlers());
    const junkTransport = async () =>
      listener({ channel: 'compagnon-gar', type: 'inconnu', payload: {} }, EXTENSION);
    await expect(sendRequest(junkTransport, 'ping', {})).rejects.toThrow(MessagingError);
  });

  it('refuses a response that does not match the protocol', async () => {
    const transport = async () => ({ ok: true, data: { version: 12 } });
    await expect(sendRequest(transport, 'ping', {})).rejects.toThrow(
      "Réponse inattendue du service de l'extension à « ping ».",
    );
  });

  it('refuses an unreadable reply', async () => {
    await expect(sendRequest(async () => undefined, 'ping', {})).rejects.toThrow(
      "Réponse illisible du service de l'extension à « ping ».",
    );
  });
});
