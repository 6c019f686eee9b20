/**
 * The « Diagnostic de compatibilité », answered by a content script for the options page: what
 * the profile in use finds on this GAR page, helper by helper; what the endpoints answer; and the
 * censored rapport de compatibilité (utils/hosts/diagnostic/censor.ts) the RA can send. It only
 * reads: GET requests and the DOM.
 */
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { type FeatureDefinition, isApplicable } from './features';
import { buildReportParts, type CompatibilityReportParts, pathPlaceholders } from './hosts/diagnostic/censor';
import { type AnchorCheck, checkAnchors, type EndpointCheck } from './hosts/diagnostic/checks';
import { probeEndpoints, type Site } from './hosts/diagnostic/probes';
import { activeProfile, type ProfileInfo } from './hosts/profile/active';
import { t } from './i18n';

export const REPORT_FORMAT = 'compagnon-gar-rapport-compatibilite';

export const diagnosticRequestSchema = z.object({ type: z.literal('compagnon-gar.diagnostic') });

export interface HelperCheck {
  readonly id: string;
  readonly nom: string;
  readonly ancres: AnchorCheck[];
}

/** The diagnostic as shown to the RA and, whole, as the rapport de compatibilité. */
export interface CompatibilityReport {
  readonly format: typeof REPORT_FORMAT;
  readonly version: 1;
  readonly extension: string;
  readonly site: Site;
  /** The page's path, ids replaced by placeholders. */
  readonly page: string;
  readonly vue: string | null;
  readonly profil: ProfileInfo;
  readonly aides: HelperCheck[];
  readonly points: EndpointCheck[];
  readonly structure: CompatibilityReportParts;
}

/** Loose on purpose: the options page shows what it gets and validates only what it reads. */
export const compatibilityReportSchema = z.looseObject({
  format: z.literal(REPORT_FORMAT),
  site: z.enum(['console', 'portail']),
  vue: z.nullable(z.string()),
  profil: z.object({
    nom: z.nullable(z.string()),
    version: z.nullable(z.number()),
    date: z.nullable(z.string()),
    refus: z.nullable(z.string()),
  }),
  aides: z.array(
    z.object({
      id: z.string(),
      nom: z.string(),
      ancres: z.array(z.object({ ancre: z.string(), css: z.string(), trouves: z.number() })),
    }),
  ),
  points: z.array(
    z.object({
      point: z.string(),
      chemin: z.string(),
      statut: z.nullable(z.number()),
      valide: z.boolean(),
      probleme: z.optional(z.string()),
    }),
  ),
});

interface DiagnosticSource {
  readonly site: Site;
  readonly features: ReadonlyArray<FeatureDefinition>;
  readonly selectors: Readonly<Record<string, string>>;
  readonly viewOf: (url: URL) => string | null;
}

export async function runDiagnostic(
  source: DiagnosticSource,
  root: Document = document,
): Promise<CompatibilityReport> {
  const url = new URL(root.location.href);
  const aides = source.features
    .filter((feature) => feature.anchors && isApplicable(feature, url))
    .map((feature) => ({
      id: feature.id,
      nom: t(feature.label),
      ancres: checkAnchors(root, source.selectors, feature.anchors?.(url) ?? []),
    }));
  const { checks, answers } = await probeEndpoints(fetch.bind(window), url.origin, source.site);
  return {
    format: REPORT_FORMAT,
    version: 1,
    extension: browser.runtime.getManifest().version,
    site: source.site,
    page: pathPlaceholders(url.href),
    vue: source.viewOf(url),
    profil: activeProfile(),
    aides,
    points: checks,
    structure: buildReportParts({
      root: root.documentElement,
      resourceEntries: performance.getEntriesByType('resource'),
      origin: url.origin,
      answers,
    }),
  };
}

/** Answers the options page's requests for a diagnostic of this tab. */
export function answerDiagnostics(source: DiagnosticSource): void {
  browser.runtime.onMessage.addListener((message: unknown) =>
    diagnosticRequestSchema.safeParse(message).success ? runDiagnostic(source) : undefined,
  );
}
