/**
 * The « fichier d'étalonnage »: what a maintainer writes, from a school's rapport de compatibilité,
 * when the real console or portail differs from our model. Data only, after the Chrome Web Store's
 * rule that remote or imported configuration may hold selectors and flags but no logic: CSS
 * selectors, ARIA roles and names, path templates (`/ressources/:idAbonnement`) and attribute
 * names. No regular expression, no expression, nothing evaluated. Every key is strict, so a typo
 * is refused with its path instead of being silently ignored.
 */
import * as z from 'zod/mini';
import { t } from '../../i18n';

export const CALIBRATION_FORMAT = 'compagnon-gar-etalonnage';
export const CALIBRATION_VERSION = 1;

/** Calibration files are a few kilobytes; bound them before parsing (see ../../gar/json-bounds.ts). */
export const CALIBRATION_LIMITS = { maxBytes: 256 * 1024, maxDepth: 12 } as const;

export const CONSOLE_ANCHORS = [
  'application',
  'view',
  'viewLoading',
  'uaiSwitcher',
  'currentSchool',
  'tabs',
  'resourceTable',
  'resourceRow',
  'resourceRowTitle',
  'resourceRowEnd',
  'resourceTitle',
  'dashboardExpired',
] as const;
export type ConsoleAnchor = (typeof CONSOLE_ANCHORS)[number];

export const PORTAIL_ANCHORS = ['viewLoading', 'subscriptionRowEnd', 'statisticsForm'] as const;
export type PortailAnchor = (typeof PORTAIL_ANCHORS)[number];

export const CONSOLE_VIEWS = [
  'connexion',
  'tableau-de-bord',
  'ressources',
  'ressource',
  'population',
  'population-detail',
  'recuperation',
] as const;
export type ConsoleView = (typeof CONSOLE_VIEWS)[number];

export const PORTAIL_VIEWS = ['abonnements', 'statistiques', 'connexion'] as const;
export type PortailView = (typeof PORTAIL_VIEWS)[number];

/** The endpoints the adapters call, as path templates under the host's origin. */
export const ENDPOINTS = [
  'session',
  'changementEtablissement',
  'abonnements',
  'affectations',
  'population',
  'tableauDeBord',
  'licencesVerrouillees',
  'recuperationLicences',
  'statistiques',
] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/** The attributes the adapters read values from. */
export const FIELDS = ['idAbonnement', 'debutValidite', 'finValidite', 'uaiCourant'] as const;
export type Field = (typeof FIELDS)[number];

/** Whether the browser accepts `css` as a selector (checked where a DOM exists: the options page, the content scripts). */
function isSelector(css: string): boolean {
  if (typeof document === 'undefined') return true;
  try {
    document.createDocumentFragment().querySelector(css);
    return true;
  } catch {
    return false;
  }
}

const cssSchema = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(500),
    z.refine(isSelector, { error: () => t('calibrationInvalidSelector') }),
  );

/** `/ressources/:idAbonnement`: literal segments and named parameters, nothing else. */
const pathTemplateSchema = z.string().check(
  z.regex(/^(\/|(\/(:[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9._~-]+))+\/?)$/, {
    error: () => t('calibrationInvalidPath'),
  }),
);

const attributeNameSchema = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9-]{0,60}$/, { error: () => t('calibrationInvalidAttribute') }));

/** A table's column named by its header's text (`{ colonne: "Fin de validité" }`): its cells, row by row. */
const columnAlternativeSchema = z.strictObject({
  colonne: z.string().check(z.minLength(1), z.maxLength(120)),
  /** The tables to look in (any table or ARIA table/grid when absent). */
  dans: z.optional(cssSchema),
});
export type ColumnAlternative = z.infer<typeof columnAlternativeSchema>;

/**
 * One way to find an anchor. The alternatives of an anchor are tried as one selector list, so the
 * page matches whichever it uses: its data hooks (`css`); an ARIA role with its accessible name
 * (`aria-label`), matched on the element that has the role or on the native element that implies
 * it; or a column by its header's text, resolved against the table the page renders.
 */
export const alternativeSchema = z.union([
  z.strictObject({ css: cssSchema }),
  z.strictObject({
    role: z.string().check(z.regex(/^[a-z]{2,30}$/, { error: () => t('calibrationInvalidRole') })),
    nom: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  }),
  columnAlternativeSchema,
]);
export type Alternative = z.infer<typeof alternativeSchema>;

const alternativesSchema = z.array(alternativeSchema).check(z.minLength(1), z.maxLength(10));
const templatesSchema = z.array(pathTemplateSchema).check(z.minLength(1), z.maxLength(10));

function strictRecordOf<const K extends readonly [string, ...string[]], S extends z.ZodMiniType>(
  keys: K,
  value: S,
) {
  return z.optional(
    z.strictObject(
      Object.fromEntries(keys.map((key) => [key, z.optional(value)])) as {
        [P in K[number]]: z.ZodMiniOptional<S>;
      },
    ),
  );
}

const siteSchema = <
  const V extends readonly [string, ...string[]],
  const A extends readonly [string, ...string[]],
>(
  views: V,
  anchors: A,
) =>
  z.strictObject({
    /** Each view's URL paths, as templates. */
    vues: strictRecordOf(views, templatesSchema),
    ancres: strictRecordOf(anchors, alternativesSchema),
  });

export const calibrationSchema = z.strictObject({
  format: z.literal(CALIBRATION_FORMAT),
  version: z.literal(CALIBRATION_VERSION),
  nom: z.string().check(z.minLength(1), z.maxLength(120)),
  /** The day the maintainer wrote it (`2026-12-03`). */
  date: z.iso.date(),
  console: z.optional(siteSchema(CONSOLE_VIEWS, CONSOLE_ANCHORS)),
  portail: z.optional(siteSchema(PORTAIL_VIEWS, PORTAIL_ANCHORS)),
  points: strictRecordOf(ENDPOINTS, pathTemplateSchema),
  champs: strictRecordOf(FIELDS, attributeNameSchema),
});
export type Calibration = z.infer<typeof calibrationSchema>;
