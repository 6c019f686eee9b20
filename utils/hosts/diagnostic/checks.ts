/**
 * The « Diagnostic de compatibilité »'s measures on the open GAR page: how many elements each
 * anchor of the profile in use finds, and whether each endpoint answers in the shape the adapters
 * expect (the zod path at fault when not). Read-only: GET requests only, nothing written.
 */
import type * as z from 'zod/mini';
import { formatPath } from '../../gar/parse';
import { t } from '../../i18n';
import { endpointUrl } from '../endpoints';
import type { Fetch } from '../http';
import type { Endpoint } from '../profile/schema';
import { pathPlaceholders } from './censor';

export interface AnchorCheck {
  readonly ancre: string;
  readonly css: string;
  readonly trouves: number;
}

export interface EndpointCheck {
  readonly point: Endpoint;
  /** The path asked, its ids replaced by placeholders. */
  readonly chemin: string;
  /** The HTTP status, or null when no answer came. */
  readonly statut: number | null;
  readonly valide: boolean;
  /** Why the answer was not accepted: the field at fault and zod's message, or the network error. */
  readonly probleme?: string;
}

export function checkAnchors(
  root: ParentNode,
  selectors: Readonly<Record<string, string>>,
  names: readonly string[],
): AnchorCheck[] {
  return names.map((ancre) => {
    const css = selectors[ancre] ?? '';
    return { ancre, css, trouves: countMatches(root, css) };
  });
}

function countMatches(root: ParentNode, css: string): number {
  try {
    return css ? root.querySelectorAll(css).length : 0;
  } catch {
    return 0;
  }
}

export interface EndpointProbe {
  readonly point: Endpoint;
  readonly params?: Readonly<Record<string, string>>;
  readonly schema: z.ZodMiniType;
}

/** GETs `probe`'s endpoint and checks its answer; the body is returned for the report's shapes. */
export async function checkEndpoint(
  fetchFn: Fetch,
  origin: string,
  probe: EndpointProbe,
): Promise<{ check: EndpointCheck; url: string; body: unknown }> {
  const url = endpointUrl(origin, probe.point, probe.params);
  const base = { point: probe.point, chemin: pathPlaceholders(url) };
  let response: Response;
  try {
    response = await fetchFn(url, { credentials: 'include', headers: { accept: 'application/json' } });
  } catch (cause) {
    return { check: { ...base, statut: null, valide: false, probleme: String(cause) }, url, body: undefined };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    return {
      check: {
        ...base,
        statut: response.status,
        valide: false,
        probleme: t('diagnosticHttpStatus', String(response.status)),
      },
      url,
      body,
    };
  }
  if (body === undefined) {
    return {
      check: { ...base, statut: response.status, valide: false, probleme: t('diagnosticNotJson') },
      url,
      body,
    };
  }
  const parsed = probe.schema.safeParse(body);
  if (parsed.success) return { check: { ...base, statut: response.status, valide: true }, url, body };
  const issue = parsed.error.issues[0];
  const where = formatPath(issue?.path ?? []) || t('hostsErrorWholeResponse');
  return {
    check: {
      ...base,
      statut: response.status,
      valide: false,
      probleme: `${where} : ${issue?.message ?? ''}`,
    },
    url,
    body,
  };
}
