import * as z from 'zod/mini';
import { codeSchema, recordIdSchema, timestampSchema, uaiSchema } from './record-fields';
import { CIBLE_TYPES } from './school';

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
