import * as z from 'zod/mini';

/** The four publics cibles of a subscription, spelled as on the wire (note the space). */
export const PROFILS = ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'] as const;
export const profilSchema = z.enum(PROFILS);
export type Profil = z.infer<typeof profilSchema>;

/** Whether a code read from a file, a filter or a target is one of the four publics cibles. */
export function isProfil(value: string): value is Profil {
  return (PROFILS as readonly string[]).includes(value);
}

/** A number of licences: a non-negative integer, or unlimited. */
export const licenceCountSchema = z.union([z.int().check(z.nonnegative()), z.literal('ILLIMITE')]);
export type LicenceCount = z.infer<typeof licenceCountSchema>;

/** Licences are counted either globally or per profile — never both (DOMAIN.md §3). */
export const licencesSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('global'), count: licenceCountSchema }),
  z.object({
    kind: z.literal('parProfil'),
    counts: z.partialRecord(profilSchema, licenceCountSchema),
  }),
]);
export type Licences = z.infer<typeof licencesSchema>;

/** A date-time with its UTC offset as GAR writes it, e.g. `2021-09-02T16:18:27.000+02:00`. */
export const garDateTimeSchema = z.iso.datetime({ offset: true });

/** A school year such as `2025-2026`. */
export const schoolYearSchema = z.string().check(z.regex(/^\d{4}-\d{4}$/));

export const abonnementSchema = z.object({
  idAbonnement: z.string().check(z.minLength(1), z.maxLength(45)),
  commentaireAbonnement: z.optional(z.string().check(z.maxLength(255))),
  idDistributeurCom: z.string().check(z.regex(/^\d{9}_\d{16}$/)),
  idRessource: z.string().check(z.minLength(1)),
  typeIdRessource: z.string().check(z.minLength(1)),
  libelleRessource: z.string().check(z.minLength(1), z.maxLength(255)),
  debutValidite: garDateTimeSchema,
  finValidite: z.optional(garDateTimeSchema),
  anneeFinValidite: z.optional(schoolYearSchema),
  uaiEtab: z.array(z.string()).check(z.minLength(1)),
  categorieAffectation: z.optional(z.string()),
  typeAffectation: z.enum(['INDIV', 'ETABL']),
  licences: licencesSchema,
  publicCible: z.array(profilSchema).check(z.minLength(1)),
  codeProjetRessource: z.optional(z.string().check(z.maxLength(50))),
  /** Ids starting with `_` are subscriptions the publisher deleted. */
  supprime: z.boolean(),
  /** `AUTO_…` ids are automatic subscriptions made by GAR itself. */
  automatique: z.boolean(),
});
export type Abonnement = z.infer<typeof abonnementSchema>;
