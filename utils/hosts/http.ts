import * as z from 'zod/mini';
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
}

/**
 * One JSON call to a GAR page's endpoint: the session cookie goes along, a failure becomes a
 * typed HostError with a French message, and the answer is validated before anyone uses it.
 */
export async function requestJson<S extends z.ZodMiniType>(
  fetchFn: Fetch,
  url: string,
  schema: S,
  { method = 'GET', body }: JsonRequest = {},
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method,
      credentials: 'include',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new HostError('reseau', defaultMessage('reseau'));
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return schema.parse(undefined);
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'réponse';
    throw new HostError(
      'reponseInattendue',
      `${defaultMessage('reponseInattendue')} (${where})`,
      response.status,
    );
  }
  return parsed.data;
}
