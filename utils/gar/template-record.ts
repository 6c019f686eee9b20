import * as z from 'zod/mini';
import { profilSchema } from './abonnement';
import { codeSchema, countSchema, recordIdSchema, timestampSchema, uaiSchema } from './record-fields';

// Assignment templates: rules made of group codes, never of names (DOMAIN.md §9).

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
