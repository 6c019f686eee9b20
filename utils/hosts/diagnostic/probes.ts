/**
 * Which endpoints the diagnostic tries on each host, with the schemas the adapters apply to them:
 * the session first, then the school's read-only endpoints for the school it names.
 */
import { schoolPopulationSchema } from '../../gar/school';
import { dashboardSchema } from '../console/api';
import type { Fetch } from '../http';
import { sessionSchema, subscriptionsResponseSchema } from '../wire-subscription';
import { checkEndpoint, type EndpointCheck, type EndpointProbe } from './checks';

export type Site = 'console' | 'portail';

export interface ProbeResults {
  readonly checks: EndpointCheck[];
  /** The answers read, for their shapes in the report (never their values). */
  readonly answers: { path: string; body: unknown }[];
}

function schoolProbes(site: Site, uai: string): EndpointProbe[] {
  const params = { uai };
  const subscriptions: EndpointProbe = { point: 'abonnements', params, schema: subscriptionsResponseSchema };
  if (site === 'portail') return [subscriptions];
  return [
    subscriptions,
    { point: 'tableauDeBord', params, schema: dashboardSchema },
    { point: 'population', params, schema: schoolPopulationSchema },
  ];
}

export async function probeEndpoints(fetchFn: Fetch, origin: string, site: Site): Promise<ProbeResults> {
  const results: ProbeResults = { checks: [], answers: [] };
  const record = ({ check, url, body }: Awaited<ReturnType<typeof checkEndpoint>>) => {
    results.checks.push(check);
    if (body !== undefined) results.answers.push({ path: url, body });
  };
  const session = await checkEndpoint(fetchFn, origin, { point: 'session', schema: sessionSchema });
  record(session);
  const uai = sessionSchema.safeParse(session.body).data?.uai;
  if (!uai) return results;
  for (const probe of schoolProbes(site, uai)) record(await checkEndpoint(fetchFn, origin, probe));
  return results;
}
