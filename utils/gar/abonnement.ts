import { z } from 'zod';

/** The four publics cibles of a subscription, spelled as on the wire (note the space). */
export const PROFILS = ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'] as const;
export const profilSchema = z.enum(PROFILS);
export type Profil = z.infer<typeof profilSchema>;

/** A number of licences: a non-negative integer, or unlimited. */
export const licenceCountSchema = z.union([z.number().int().nonnegative(), z.literal('ILLIMITE')]);
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
export const schoolYearSchema = z.string().regex(/^\d{4}-\d{4}$/);

export const abonnementSchema = z.object({
  idAbonnement: z.string().min(1).max(45),
  commentaireAbonnement: z.string().max(255).optional(),
  idDistributeurCom: z.string().regex(/^\d{9}_\d{16}$/),
  idRessource: z.string().min(1),
  typeIdRessource: z.string().min(1),
  libelleRessource: z.string().min(1).max(255),
  debutValidite: garDateTimeSchema,
  finValidite: garDateTimeSchema.optional(),
  anneeFinValidite: schoolYearSchema.optional(),
  uaiEtab: z.array(z.string()).min(1),
  categorieAffectation: z.string().optional(),
  typeAffectation: z.enum(['INDIV', 'ETABL']),
  licences: licencesSchema,
  publicCible: z.array(profilSchema).min(1),
  codeProjetRessource: z.string().max(50).optional(),
  /** Ids starting with `_` are subscriptions the publisher deleted. */
  supprime: z.boolean(),
  /** `AUTO_…` ids are automatic subscriptions made by GAR itself. */
  automatique: z.boolean(),
});
export type Abonnement = z.infer<typeof abonnementSchema>;
