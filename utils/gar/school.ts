import * as z from 'zod/mini';
import { abonnementSchema, licenceCountSchema, PROFILS, profilSchema } from './abonnement';

/**
 * A school as the RA works with it in the console: divisions, groups, levels, subjects and the
 * persons who can receive a licence, each with the one public cible they count against.
 * Built from the console's endpoints (utils/hosts) or from GAR-ENT files (the simulator).
 */
export const divisionSchema = z.object({
  code: z.string().check(z.minLength(1)),
  libelle: z.string(),
  effectif: z.int(),
});
export const groupeSchema = z.object({
  code: z.string().check(z.minLength(1)),
  libelle: z.string(),
  divisions: z.array(z.string()),
  effectif: z.int(),
});
export const codeLibelleSchema = z.object({ code: z.string().check(z.minLength(1)), libelle: z.string() });

export const personneSchema = z.object({
  id: z.string().check(z.minLength(1)),
  nom: z.string(),
  prenom: z.string(),
  profil: profilSchema,
  divisions: z.array(z.string()),
  groupes: z.array(z.string()),
  mefs: z.array(z.string()),
  matieres: z.array(z.string()),
});
export type Personne = z.infer<typeof personneSchema>;

export const schoolPopulationSchema = z.object({
  divisions: z.array(divisionSchema),
  groupes: z.array(groupeSchema),
  mefs: z.array(codeLibelleSchema),
  matieres: z.array(codeLibelleSchema),
  personnes: z.array(personneSchema),
});
export type SchoolPopulation = z.infer<typeof schoolPopulationSchema>;

/** Licence counters of one bucket (a profile, or GLOBAL when the count is global). */
export const counterSchema = z.object({
  achetees: licenceCountSchema,
  affectees: z.int().check(z.nonnegative()),
  verrouillees: z.int().check(z.nonnegative()),
  disponibles: licenceCountSchema,
});
export type Counter = z.infer<typeof counterSchema>;

export const COUNTER_BUCKETS = [...PROFILS, 'GLOBAL'] as const;
export const counterBucketSchema = z.enum(COUNTER_BUCKETS);
export type CounterBucket = z.infer<typeof counterBucketSchema>;

/** A subscription as the console shows it: the abonnement, its live counters and its version. */
export const consoleSubscriptionSchema = z.object({
  abonnement: abonnementSchema,
  compteurs: z.partialRecord(counterBucketSchema, counterSchema),
  /** Changes with every write: a write based on an older version is refused (concurrent RA). */
  version: z.int().check(z.nonnegative()),
});
export type ConsoleSubscription = z.infer<typeof consoleSubscriptionSchema>;

/** Who can be targeted by an assignment (the targets GAR documents). */
export const CIBLE_TYPES = ['division', 'groupe', 'mef', 'profil', 'matiere', 'personne'] as const;
export const cibleSchema = z.object({ type: z.enum(CIBLE_TYPES), code: z.string().check(z.minLength(1)) });
export type Cible = z.infer<typeof cibleSchema>;
export type CibleType = Cible['type'];
