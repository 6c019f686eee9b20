import * as z from 'zod/mini';
import { t } from '../i18n';
import { defaultMessage, HostError, type HostErrorKind } from './errors';

/** The `fetch` an adapter uses: the page's own in a content script, a stub in tests. */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Error bodies of the GAR endpoints, as modelled by the simulator (tests/sim/API.md). */
const errorBodySchema = z.looseObject({ erreur: z.string(), message: z.optional(z.string()) });

function kindOf(status: number, code: string | undefined): HostErrorKind {
  if (status === 401) return 'session';
  if (status === 403) return 'etablissement';
  if (status === 404) return 'introuvable';
  if (status === 409) return 'conflit';
  if (status === 422) return code === 'licences' ? 'licences' : 'cible';
  if (status >= 500) return 'serveur';
  return 'reponseInattendue';
}

async function errorFrom(response: Response): Promise<HostError> {
  const body = errorBodySchema.safeParse(await response.json().catch(() => null));
  const kind = kindOf(response.status, body.data?.erreur);
  const { erreur: _code, message, ...details } = body.data ?? { erreur: '' };
  return new HostError(kind, message ?? defaultMessage(kind), response.status, details);
}

export interface JsonRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Gives up after this long (default REQUEST_TIMEOUT_MS), answer body included. */
  timeoutMs?: number;
}

/**
 * A GAR page that never answers must not leave the RA waiting for ever (a stalled write would
 * keep the bulk dialog busy with closing disabled). Long enough for the slowest honest answer the
 * console gives (a write to a large division), short enough for the RA to wait.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * A request given up is a dropped connection: the write may have reached the console, so whoever
 * retries it first reads the console (utils/bulk/executor.ts), exactly as after a network failure.
 */
function timeoutError(ms: number): HostError {
  return new HostError(
    'reseau',
    t('hostsErrorTimeout', defaultMessage('reseau'), String(Math.round(ms / 1000))),
  );
}

/** Runs `work` with a signal that aborts after `ms`; a rejection caused by that abort becomes `timeoutError`. */
async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await work(controller.signal);
  } catch (error) {
    throw controller.signal.aborted ? timeoutError(ms) : error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One JSON call to a GAR page's endpoint: the session cookie goes along, a failure becomes a
 * typed HostError with a French message, and the answer is validated before anyone uses it.
 */
export async function requestJson<S extends z.ZodMiniType>(
  fetchFn: Fetch,
  url: string,
  schema: S,
  { method = 'GET', body, timeoutMs = REQUEST_TIMEOUT_MS }: JsonRequest = {},
): Promise<z.output<S>> {
  return withTimeout(timeoutMs, (signal) => exchange(fetchFn, url, schema, { method, body }, signal));
}

async function exchange<S extends z.ZodMiniType>(
  fetchFn: Fetch,
  url: string,
  schema: S,
  { method, body }: JsonRequest,
  signal: AbortSignal,
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method,
      credentials: 'include',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch {
    throw new HostError('reseau', defaultMessage('reseau'));
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return schema.parse(undefined);
  const text = await response.text().catch(() => {
    throw new HostError('reseau', defaultMessage('reseau'));
  });
  const parsed = schema.safeParse(parseJson(text));
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || t('hostsErrorWholeResponse');
    throw new HostError(
      'reponseInattendue',
      t('hostsErrorUnexpectedWhere', defaultMessage('reponseInattendue'), where),
      response.status,
    );
  }
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
