import * as z from 'zod/mini';
import {
  abonnementSchema,
  licenceCountSchema,
  licencesSchema,
  profilSchema,
  schoolYearSchema,
} from '../gar/abonnement';
import { ALERT_LEVELS } from '../gar/alerts';
import { CIBLE_TYPES, counterBucketSchema, counterSchema } from '../gar/school';
import { monthSchema } from '../gar/usage-row';
import { USAGE_SOURCES } from '../gar/usage-stats';

/**
 * The shape of every record the store keeps. Each record is validated on write and again on read,
 * so a record damaged by an older version, a manual edit or a bad import never reaches a feature.
 * Custom messages are French: they end up in import errors the user reads.
 */

/**
 * Our own timestamps, always written by `Date.prototype.toISOString()`: UTC with milliseconds.
 * A single shape makes string order equal chronological order, which the `byStartedAt` index and
 * the journal purge rely on.
 */
export const timestampSchema = z.iso.datetime({ precision: 3 });

/** A school's UAI: seven digits and a check letter (Corsica included: 620…/720…). */
export const uaiSchema = z
  .string()
  .check(z.regex(/^\d{7}[A-Z]$/, 'UAI invalide (7 chiffres et une lettre attendus)'));

export const recordIdSchema = z.string().check(z.minLength(1), z.maxLength(100));

const countSchema = z.int().check(z.nonnegative());

/** A fresh record id; extension pages and the worker are secure contexts, so this always exists. */
export function newRecordId(): string {
  return crypto.randomUUID();
}

// ---------------------------------------------------------------------------------------------
// Seen subscriptions: what the console showed last time, per school, to detect changes.

/**
 * Licence counters per bucket (a profile, or GLOBAL when the subscription counts globally),
 * exactly as the console shows them: only the buckets a subscription has, hence a partial record.
 */
export const subscriptionCountsSchema = z.partialRecord(counterBucketSchema, counterSchema);
export type SubscriptionCounts = z.infer<typeof subscriptionCountsSchema>;

/** A subscription with the counters a GAR page shows for it. */
export const countedSubscriptionSchema = z.object({
  abonnement: abonnementSchema,
  counts: subscriptionCountsSchema,
});
export type CountedSubscription = z.infer<typeof countedSubscriptionSchema>;

export const seenSubscriptionSchema = z
  .object({
    uai: uaiSchema,
    idAbonnement: z.string().check(z.minLength(1), z.maxLength(45)),
    abonnement: abonnementSchema,
    counts: subscriptionCountsSchema,
    firstSeenAt: timestampSchema,
    lastSeenAt: timestampSchema,
    /** Set when the subscription stopped appearing in the console; kept so the change can be shown. */
    goneSince: z.optional(timestampSchema),
    /** Expiry levels already notified, so each crossing is announced once, never every day. */
    alertes: z.optional(z.array(z.enum(ALERT_LEVELS))),
  })
  .check(
    z.refine((record) => record.idAbonnement === record.abonnement.idAbonnement, {
      message: "idAbonnement différent de celui de l'abonnement",
      path: ['idAbonnement'],
    }),
  );
export type SeenSubscription = z.infer<typeof seenSubscriptionSchema>;

// ---------------------------------------------------------------------------------------------
// Assignment templates: rules made of group codes, never of names (DOMAIN.md §9).

const codeSchema = z.string().check(z.minLength(1), z.maxLength(100));

/**
 * Who a template rule is for — rules meant to survive a school year, so codes and patterns,
 * never subscription ids or person names. Version 2 of the format (see templateSchema).
 */
export const templateTargetSchema = z.discriminatedUnion('kind', [
  /** Explicit division or group codes (« 6A », « 6-ESP »). */
  z.object({ kind: z.literal('division'), code: codeSchema }),
  z.object({ kind: z.literal('groupe'), code: codeSchema }),
  /** Every division of a level (MEF code), whatever its divisions are called this year. */
  z.object({ kind: z.literal('divisionsDuNiveau'), mef: codeSchema }),
  /** Groups whose code or label contains this text (case and accents ignored): « ESP », « latin ». */
  z.object({ kind: z.literal('groupesCorrespondant'), motif: codeSchema }),
  /** The teachers of a subject (matière code). */
  z.object({ kind: z.literal('matiere'), code: codeSchema }),
  /** Everybody of one public. */
  z.object({ kind: z.literal('profil'), value: profilSchema }),
]);
export type TemplateTarget = z.infer<typeof templateTargetSchema>;

export const templateRuleSchema = z.object({
  /** Matched by ARK when known; the title lets a rule survive a resource whose ARK changed. */
  resource: z.object({
    ark: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
    title: z.string().check(z.minLength(1), z.maxLength(255)),
  }),
  targets: z.array(templateTargetSchema).check(z.maxLength(500)),
  /** Optional ceilings per profile, so a template never takes every licence of a shared resource. */
  caps: z.optional(z.partialRecord(profilSchema, countSchema)),
});
export type TemplateRule = z.infer<typeof templateRuleSchema>;

/** The current format of a template's rules. */
export const TEMPLATE_VERSION = 2;

const templateFields = {
  id: recordIdSchema,
  name: z.string().check(z.minLength(1), z.maxLength(120)),
  description: z.string().check(z.maxLength(2000)),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
};

export const templateSchema = z.object({
  ...templateFields,
  /** Format version of the rules, so an older format is migrated instead of misread. */
  version: z.literal(TEMPLATE_VERSION),
  rules: z.array(templateRuleSchema).check(z.maxLength(500)),
});
export type Template = z.infer<typeof templateSchema>;

/** Version 1 (first stored shape): a level was targeted as such (`mef`), not by its divisions. */
const templateTargetV1Schema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('division'), code: codeSchema }),
  z.object({ kind: z.literal('groupe'), code: codeSchema }),
  z.object({ kind: z.literal('mef'), code: codeSchema }),
  z.object({ kind: z.literal('matiere'), code: codeSchema }),
  z.object({ kind: z.literal('profil'), value: profilSchema }),
]);

export const templateV1Schema = z.object({
  ...templateFields,
  version: z.literal(1),
  rules: z.array(
    z.object({
      resource: templateRuleSchema.shape.resource,
      targets: z.array(templateTargetV1Schema),
      caps: templateRuleSchema.shape.caps,
    }),
  ),
});
export type TemplateV1 = z.infer<typeof templateV1Schema>;

/** Version 1 → 2: a level's pupils and teachers are its divisions' (the console's own meaning). */
export function migrateTemplateV1(template: TemplateV1): Template {
  return {
    ...template,
    version: TEMPLATE_VERSION,
    rules: template.rules.map((rule) => ({
      ...rule,
      targets: rule.targets.map((target) =>
        target.kind === 'mef' ? { kind: 'divisionsDuNiveau' as const, mef: target.code } : target,
      ),
    })),
  };
}

/** A template in any known version, read as the current one. */
export const anyTemplateSchema = z.pipe(
  z.discriminatedUnion('version', [templateSchema, templateV1Schema]),
  z.transform((template): Template => (template.version === 1 ? migrateTemplateV1(template) : template)),
);

/**
 * The last conformity check of a template in one school (counts only, no names): what the console
 * badges and the options page show without reading every affectation again.
 */
export const conformityRecordSchema = z.object({
  uai: uaiSchema,
  templateId: recordIdSchema,
  templateName: z.string().check(z.maxLength(120)),
  checkedAt: timestampSchema,
  lignes: z.array(
    z.object({
      ruleIndex: z.int().check(z.nonnegative()),
      idAbonnement: z.string().check(z.minLength(1), z.maxLength(45)),
      libelle: z.string().check(z.maxLength(255)),
      manquants: countSchema,
      enTrop: countSchema,
    }),
  ),
});
export type ConformityRecord = z.infer<typeof conformityRecordSchema>;

/**
 * What the extension keeps about one school between visits: the counts of its population at the
 * last ENT synchronisation check (counts and codes only), and what the RA expects it to hold.
 */
const countMapSchema = z.record(z.string().check(z.maxLength(100)), countSchema);
export const syncCheckSchema = z.object({
  checkedAt: timestampSchema,
  counts: z.object({
    profils: z.record(profilSchema, countSchema),
    divisions: countMapSchema,
    groupes: countMapSchema,
    niveaux: countMapSchema,
  }),
});
export type SyncCheck = z.infer<typeof syncCheckSchema>;

export const schoolExpectationsSchema = z.object({
  divisions: z.optional(z.int().check(z.minimum(1), z.maximum(500))),
  elevesParNiveau: z.optional(
    z.record(
      z.string().check(z.minLength(1), z.maxLength(100)),
      z.int().check(z.minimum(1), z.maximum(5000)),
    ),
  ),
});

export const schoolRecordSchema = z.object({
  uai: uaiSchema,
  synchronisation: z.optional(syncCheckSchema),
  attentes: z.optional(schoolExpectationsSchema),
  /**
   * The RA's answers on uncertain order ↔ subscription matches: order id → the subscription that
   * delivers it, or null for « pas livré ». Ids only.
   */
  appariements: z.optional(
    z.record(recordIdSchema, z.nullable(z.string().check(z.minLength(1), z.maxLength(45)))),
  ),
  /** When the statistics were last captured, per source: the automatic capture runs once a day. */
  capturesStatistiques: z.optional(
    z.object({ portail: z.optional(timestampSchema), console: z.optional(timestampSchema) }),
  ),
});
export type SchoolRecord = z.infer<typeof schoolRecordSchema>;

// ---------------------------------------------------------------------------------------------
// Expected orders: what the school bought, to check against what the console shows.

export const orderPeriodSchema = z.union([
  z.object({ schoolYear: schoolYearSchema }),
  z
    .object({ start: z.iso.date(), end: z.iso.date() })
    .check(
      z.refine((period) => period.start <= period.end, { message: 'La fin précède le début', path: ['end'] }),
    ),
]);
export type OrderPeriod = z.infer<typeof orderPeriodSchema>;

export const expectedOrderSchema = z.object({
  id: recordIdSchema,
  uai: uaiSchema,
  resourceTitle: z.string().check(z.minLength(1), z.maxLength(255)),
  ark: z.optional(z.string().check(z.minLength(1))),
  ean: z.optional(z.string().check(z.regex(/^\d{13}$/, 'EAN invalide (13 chiffres attendus)'))),
  distributor: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
  /** Same global-or-per-profile shape as the subscription's licences, so they compare directly. */
  quantity: licencesSchema,
  period: orderPeriodSchema,
  /** The order or quote number, as the school's accountant knows it. */
  reference: z.optional(z.string().check(z.maxLength(100))),
  createdAt: timestampSchema,
});
export type ExpectedOrder = z.infer<typeof expectedOrderSchema>;

// ---------------------------------------------------------------------------------------------
// Usage history (issue 8): one record per school and month, counts only, no names (personal data
// minimisation). The `snapshots` store keeps them; utils/gar/usage-stats.ts merges and reads them.

export const usageFactSchema = z.object({
  idRessource: z.string().check(z.minLength(1), z.maxLength(255)),
  libelle: z.string().check(z.minLength(1), z.maxLength(255)),
  mois: monthSchema,
  profil: counterBucketSchema,
  acces: z.optional(countSchema),
  utilisateurs: z.optional(countSchema),
  licencesAchetees: z.optional(licenceCountSchema),
  licencesAffectees: z.optional(countSchema),
  licencesVuesLe: z.optional(timestampSchema),
  sources: z.array(z.enum(USAGE_SOURCES)).check(z.minLength(1)),
});

/** The id is `uai:mois`: one record per school and month, rewritten by each merge. */
export function usageMonthId(uai: string, mois: string): string {
  return `${uai}:${mois}`;
}

const usageMonthEnvelope = {
  id: recordIdSchema,
  uai: uaiSchema,
  mois: monthSchema,
  /** When a capture or an import last changed this month. */
  majLe: timestampSchema,
  /** The seal of the month (id, school, month, facts) when it was validated and written (seal.ts). */
  sceau: z.optional(z.string().check(z.regex(/^[0-9a-z]{1,12}$/))),
};

export const usageMonthSchema = z.object({ ...usageMonthEnvelope, lignes: z.array(usageFactSchema) }).check(
  z.refine((record) => record.id === usageMonthId(record.uai, record.mois), {
    message: 'Identifiant différent de « UAI:mois »',
    path: ['id'],
  }),
  z.refine((record) => record.lignes.every((ligne) => ligne.mois === record.mois), {
    message: 'Ligne d’un autre mois que son relevé',
    path: ['lignes'],
  }),
);
export type UsageMonth = z.infer<typeof usageMonthSchema>;

/** A month's envelope only: its facts are what was validated when the seal still matches them. */
export const sealedUsageMonthSchema = z.object({ ...usageMonthEnvelope, lignes: z.array(z.unknown()) });

// ---------------------------------------------------------------------------------------------
// Journal: what bulk writes did, step by step, to resume and undo them.

export const JOURNAL_STATUSES = ['enCours', 'termine', 'interrompu', 'annule', 'echec'] as const;

export const journalStepSchema = z.object({
  at: timestampSchema,
  action: z.string().check(z.minLength(1)),
  idAbonnement: z.optional(z.string().check(z.minLength(1), z.maxLength(45))),
  targets: z.optional(z.array(z.string())),
  /** Opaque GAR ids, the minimum needed to undo; the journal is purged after its retention period. */
  personIds: z.optional(z.array(z.string())),
  ok: z.boolean(),
  error: z.optional(z.string()),
});
export type JournalStep = z.infer<typeof journalStepSchema>;

/** The kinds of journaled operations: a bulk assignment, and the undo of one. */
export const JOURNAL_KINDS = ['affectation', 'annulation'] as const;

/**
 * What a journaled operation was asked to do — enough to resume it on another visit or reverse
 * it later. Targets keep their code and the label the RA chose them by; never a person's name.
 */
const journalCibleSchema = z.object({ type: z.enum(CIBLE_TYPES), code: codeSchema, libelle: z.string() });

export const journalJobSchema = z.object({
  abonnements: z.array(
    z.object({
      idAbonnement: z.string().check(z.minLength(1), z.maxLength(45)),
      libelle: z.string().check(z.maxLength(255)),
      /** Its own targets, when they differ per subscription (templates); otherwise `cibles`. */
      cibles: z.optional(z.array(journalCibleSchema)),
    }),
  ),
  cibles: z.array(journalCibleSchema),
  jusquAEpuisement: z.boolean(),
  /** For a template job: the names of the templates applied. */
  modeles: z.optional(z.array(z.string().check(z.maxLength(120)))),
  /** For an undo: the operation it reverses. */
  annule: z.optional(recordIdSchema),
});
export type JournalJob = z.infer<typeof journalJobSchema>;

export const journalEntrySchema = z.object({
  id: recordIdSchema,
  uai: uaiSchema,
  kind: z.string().check(z.minLength(1)),
  startedAt: timestampSchema,
  endedAt: z.optional(timestampSchema),
  status: z.enum(JOURNAL_STATUSES),
  summary: z.string(),
  steps: z.array(journalStepSchema),
  job: z.optional(journalJobSchema),
  /** Set on an operation once it was reversed: the undo's own entry. */
  annulePar: z.optional(recordIdSchema),
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

// ---------------------------------------------------------------------------------------------
// Settings: one typed object; a missing field takes its default, so adding a setting needs no migration.

/** The fields without defaults: the shape of a partial update, where absent must stay absent. */
const settingsFields = {
  expiringSoonDays: z.int().check(z.minimum(1), z.maximum(365)),
  expiringLaterDays: z.int().check(z.minimum(1), z.maximum(730)),
  notifications: z.boolean(),
  journalRetentionDays: z.int().check(z.minimum(1), z.maximum(3650)),
  disabledFeatures: z.array(z.string().check(z.minLength(1))),
  /** Capture the statistics on each visit of the portail and the console, at most once a day. */
  statsAutoCapture: z.boolean(),
  statsRetentionMonths: z.int().check(z.minimum(12), z.maximum(240)),
  /** The « Compagnon GAR actif » bar folded to its mark on every GAR page. */
  barFolded: z.boolean(),
};

export const settingsSchema = z.object({
  expiringSoonDays: z._default(settingsFields.expiringSoonDays, 30),
  expiringLaterDays: z._default(settingsFields.expiringLaterDays, 90),
  notifications: z._default(settingsFields.notifications, true),
  journalRetentionDays: z._default(settingsFields.journalRetentionDays, 400),
  disabledFeatures: z._default(settingsFields.disabledFeatures, () => []),
  statsAutoCapture: z._default(settingsFields.statsAutoCapture, true),
  /** Five school years: enough to compare a resource with itself over a whole renewal cycle. */
  statsRetentionMonths: z._default(settingsFields.statsRetentionMonths, 60),
  barFolded: z._default(settingsFields.barFolded, false),
});
export type Settings = z.output<typeof settingsSchema>;

/**
 * A partial update. Not `settingsSchema.partial()`: zod 4 still applies the inner defaults there,
 * so `{ notifications: false }` would come out with every other field reset to its default.
 */
export const settingsPatchSchema = z.partial(z.object(settingsFields));
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

export const SETTINGS_KEY = 'settings';

/** A row of the key-value `settings` store; only the `settings` key is in use. */
export const settingRecordSchema = z.object({ key: z.literal(SETTINGS_KEY), value: settingsSchema });
export type SettingRecord = z.infer<typeof settingRecordSchema>;

// ---------------------------------------------------------------------------------------------
// Feature health: the last run of each injected feature, for the popup's health report.

export const FEATURE_STATUSES = ['ok', 'echec', 'desactive', 'nonApplicable'] as const;

/** Origin and path only: a console URL's query string or hash may name pupils. */
export const pageUrlSchema = z.url().check(
  z.refine(
    (url) => {
      const parsed = new URL(url);
      return parsed.search === '' && parsed.hash === '' && !url.includes('?') && !url.includes('#');
    },
    { message: 'Adresse refusée : seuls l’origine et le chemin sont conservés' },
  ),
);

export const featureHealthSchema = z.object({
  featureId: z.string().check(z.minLength(1), z.maxLength(100)),
  status: z.enum(FEATURE_STATUSES),
  lastRunAt: timestampSchema,
  url: pageUrlSchema,
  error: z.optional(z.string()),
  unmatchedSelectors: z.array(z.string()),
});
export type FeatureHealth = z.infer<typeof featureHealthSchema>;
