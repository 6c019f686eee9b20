import * as z from 'zod/mini';
import { t } from '../i18n';
import { PROFILS, type Profil, profilSchema } from './abonnement';

/** A calendar month as GAR writes it: `2025-09`. */
export const monthSchema = z
  .string()
  .check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: () => t('usageRowMonthInvalid') }));

/**
 * One line of the portail's statistics (its JSON endpoint and its CSV export): a resource, a month
 * and a profile, with the accès and distinct users GAR counted. Apart from the statistics domain
 * so that the message protocol can check it without loading that domain everywhere.
 */
export const usageRowSchema = z.object({
  idRessource: z.string(),
  libelleRessource: z.string(),
  mois: monthSchema,
  profil: profilSchema,
  acces: z.int().check(z.nonnegative()),
  utilisateurs: z.int().check(z.nonnegative()),
});
export type UsageRow = z.infer<typeof usageRowSchema>;

/**
 * Usage rows packed for the capture message: each resource and month written once, and the rows
 * as one flat list of whole numbers, five per row — resource index, month index, profile index
 * (in PROFILS' order), accès, utilisateurs. A year of a lycée is 14,400 rows: as objects, their
 * message took longer to cross to the background than the whole capture's budget (npm run bench,
 * « statistiques »), and checking them field by field as long again.
 */
export type PackedUsage = z.infer<typeof packedUsageSchema>;

const PACKED_FIELDS = ['ressource', 'mois', 'profil', 'acces', 'utilisateurs'] as const;
const WIDTH = PACKED_FIELDS.length;

/** Bounds checked before the rows are read: far beyond a school's year (DOMAIN.md §8). */
const MAX_PACKED_RESOURCES = 20_000;
const MAX_PACKED_MONTHS = 120;
const MAX_PACKED_ROWS = 500_000;

export function packUsage(rows: readonly UsageRow[]): PackedUsage {
  const packed: PackedUsage = { ressources: [], mois: [], lignes: [] };
  const resources = new Map<string, number>();
  const months = new Map<string, number>();
  for (const row of rows) {
    // NUL cannot occur in a GAR identifier: the pair's key is exact.
    const resourceKey = `${row.idRessource}\u0000${row.libelleRessource}`;
    let resource = resources.get(resourceKey);
    if (resource === undefined) {
      resource = packed.ressources.push([row.idRessource, row.libelleRessource]) - 1;
      resources.set(resourceKey, resource);
    }
    let month = months.get(row.mois);
    if (month === undefined) {
      month = packed.mois.push(row.mois) - 1;
      months.set(row.mois, month);
    }
    packed.lignes.push(resource, month, PROFILS.indexOf(row.profil), row.acces, row.utilisateurs);
  }
  return packed;
}

export function unpackUsage({ ressources, mois, lignes }: PackedUsage): UsageRow[] {
  const rows: UsageRow[] = [];
  for (let at = 0; at < lignes.length; at += WIDTH) {
    const [idRessource, libelleRessource] = ressources[lignes[at] as number] as [string, string];
    rows.push({
      idRessource,
      libelleRessource,
      mois: mois[lignes[at + 1] as number] as string,
      profil: PROFILS[lignes[at + 2] as number] as Profil,
      acces: lignes[at + 3] as number,
      utilisateurs: lignes[at + 4] as number,
    });
  }
  return rows;
}

const isWholeNumber = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0;

/**
 * The packed rows, checked whole before anything reads them: sizes first, then every number a
 * whole number and every index pointing at a resource, month or profile. A refusal names the row
 * and its field (`lignes.3.acces`). The numbers are checked by one loop inside zod rather than one
 * schema per number: a year is 72,000 of them.
 */
export const packedUsageSchema = z
  .object({
    ressources: z.array(z.tuple([z.string(), z.string()])).check(z.maxLength(MAX_PACKED_RESOURCES)),
    mois: z.array(monthSchema).check(z.maxLength(MAX_PACKED_MONTHS)),
    lignes: z.custom<number[]>((value) => Array.isArray(value)),
  })
  .check((ctx) => {
    const { ressources, mois, lignes } = ctx.value;
    if (lignes.length > MAX_PACKED_ROWS * WIDTH || lignes.length % WIDTH !== 0) {
      ctx.issues.push({ code: 'custom', input: lignes, path: ['lignes'], message: t('usagePackedSize') });
      return;
    }
    const limits = [ressources.length, mois.length, PROFILS.length];
    for (let at = 0; at < lignes.length; at++) {
      const value = lignes[at];
      const limit = limits[at % WIDTH];
      if (isWholeNumber(value) && (limit === undefined || (value as number) < limit)) continue;
      ctx.issues.push({
        code: 'custom',
        input: value,
        path: ['lignes', Math.floor(at / WIDTH), PACKED_FIELDS[at % WIDTH] as string],
        message: t('usagePackedInvalid'),
      });
      return;
    }
  });
