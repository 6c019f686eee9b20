import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defaultMessage, HostError } from '../../../utils/hosts/errors';
import { type Fetch, requestJson } from '../../../utils/hosts/http';
import { speak } from '../speak';

/** A server that takes the request and never answers, until the client gives up. */
const stalled: Fetch = (_url, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });

/** Answers the headers, then never finishes the body. */
const stalledBody: Fetch = async (_url, init) =>
  new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"ok":'));
        init?.signal?.addEventListener('abort', () => controller.error(new Error('aborted')));
      },
    }),
    { status: 200 },
  );

const schema = z.object({ ok: z.boolean() });

async function failure(promise: Promise<unknown>): Promise<HostError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof HostError)) throw new Error(`expected a HostError, got ${String(error)}`);
  return error;
}

describe('requestJson', () => {
  it('gives up a request that gets no answer, as a dropped connection (may have applied)', async () => {
    const error = await failure(requestJson(stalled, 'https://x/api', schema, { timeoutMs: 20 }));
    expect(error.kind).toBe('reseau');
    expect(error.transient).toBe(true);
    expect(error.message).toMatch(/pas de réponse/);
  });

  it('gives up an answer whose body never ends', async () => {
    const error = await failure(requestJson(stalledBody, 'https://x/api', schema, { timeoutMs: 20 }));
    expect(error.kind).toBe('reseau');
  });

  it('reads a body cut by the network as a dropped connection, not as an unknown answer', async () => {
    const cut: Fetch = async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"ok":'));
            controller.error(new Error('reset'));
          },
        }),
        { status: 200 },
      );
    const error = await failure(requestJson(cut, 'https://x/api', schema));
    expect(error.kind).toBe('reseau');
  });

  it('answers as usual within the time limit', async () => {
    const quick: Fetch = async () => Response.json({ ok: true });
    await expect(requestJson(quick, 'https://x/api', schema, { timeoutMs: 1000 })).resolves.toEqual({
      ok: true,
    });
  });

  it('still reads a malformed answer as unexpected', async () => {
    const wrong: Fetch = async () => Response.json({ ok: 'oui' });
    const error = await failure(requestJson(wrong, 'https://x/api', schema));
    expect(error.kind).toBe('reponseInattendue');
    expect(error.message).toBe("La console GAR a répondu d'une façon que Compagnon GAR ne connaît pas. (ok)");
  });
});

describe('the messages of host errors', () => {
  it('tells the RA in French what went wrong, from the status the page answered', async () => {
    const expired: Fetch = async () => Response.json({ erreur: 'session' }, { status: 401 });
    const error = await failure(requestJson(expired, 'https://x/api', schema));
    expect(error.kind).toBe('session');
    expect(error.message).toBe('Votre session GAR a expiré : reconnectez-vous puis reprenez.');
    expect(defaultMessage('licences')).toBe('Il ne reste pas assez de licences.');
  });

  it('speaks English in an English browser', async () => {
    speak('en');
    const expired: Fetch = async () => Response.json({ erreur: 'session' }, { status: 401 });
    expect((await failure(requestJson(expired, 'https://x/api', schema))).message).toBe(
      'Your GAR session has expired: log in again, then carry on.',
    );
    const error = await failure(requestJson(stalled, 'https://x/api', schema, { timeoutMs: 1000 }));
    expect(error.message).toBe('The connection to the GAR console was interrupted. (no answer within 1 s)');
  });
});
