import type { Profil } from '../../../../utils/gar/abonnement';
import type { Exclusion, Refus } from '../../../../utils/gar/assignment-plan';
import type { CounterBucket } from '../../../../utils/gar/school';
import { type MessageKey, type PluralKey, t, tn } from '../../../../utils/i18n';

/** Why the console refuses a subscription or a person, in the RA's words. */
const REFUS_KEYS: Record<Refus, MessageKey> = {
  etablissement: 'bulkRefusEtablissement',
  expire: 'bulkRefusExpire',
  pasEncoreActif: 'bulkRefusPasEncoreActif',
};

const EXCLUSION_KEYS: Record<Exclusion, MessageKey> = {
  horsPublic: 'bulkExclusionHorsPublic',
  etablissement: 'bulkExclusionEtablissement',
  expire: 'bulkExclusionExpire',
  pasEncoreActif: 'bulkExclusionPasEncoreActif',
  licences: 'bulkExclusionLicences',
};

export function refusLabel(refus: Refus): string {
  return t(REFUS_KEYS[refus]);
}

export function exclusionLabel(exclusion: Exclusion): string {
  return t(EXCLUSION_KEYS[exclusion]);
}

/** A number of persons (or licences) of one bucket, agreeing: « 1 élève », « 3 enseignants ». */
const BUCKET_COUNT_KEYS: Record<CounterBucket, PluralKey> = {
  ELEVE: 'bulkCountPupils',
  ENSEIGNANT: 'bulkCountTeachers',
  DOCUMENTALISTE: 'bulkCountLibrarians',
  'AUTRE PERSONNEL': 'bulkCountOtherStaff',
  GLOBAL: 'bulkCountGlobal',
};

export function bucketCount(bucket: string, count: number): string {
  const key = BUCKET_COUNT_KEYS[bucket as CounterBucket];
  return key ? tn(count, key) : `${count} ${bucket}`;
}

/** Counts per profile, as one line: « 27 élèves · 8 enseignants ». */
export function profileCounts(counts: readonly (readonly [string, number])[]): string {
  return counts.map(([bucket, count]) => bucketCount(bucket, count)).join(' · ');
}

const PROFILE_KEYS: Record<Profil, MessageKey> = {
  ELEVE: 'bulkProfilePupil',
  ENSEIGNANT: 'bulkProfileTeacher',
  DOCUMENTALISTE: 'bulkProfileLibrarian',
  'AUTRE PERSONNEL': 'bulkProfileOtherStaff',
};

/** One person's profile, in the singular: « élève ». */
export function profileWord(profil: Profil): string {
  return t(PROFILE_KEYS[profil]);
}
