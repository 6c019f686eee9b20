import { type MessageKey, t } from '../i18n';

const BUCKET_KEYS: Readonly<Record<string, MessageKey>> = {
  ELEVE: 'bucketLabelsEleve',
  ENSEIGNANT: 'bucketLabelsEnseignant',
  DOCUMENTALISTE: 'bucketLabelsDocumentaliste',
  'AUTRE PERSONNEL': 'bucketLabelsAutrePersonnel',
  GLOBAL: 'bucketLabelsGlobal',
};

/**
 * How the RA reads a licence bucket: the publics cibles, or "tous publics" for a global count.
 * Each label is a getter, read from the catalogue when shown: at import time it is not there yet.
 */
export const BUCKET_LABELS: Readonly<Record<string, string>> = Object.defineProperties(
  {},
  Object.fromEntries(
    Object.entries(BUCKET_KEYS).map(([bucket, key]) => [bucket, { enumerable: true, get: () => t(key) }]),
  ),
);

/** The same words as a column or legend title: « Élèves », « Autres personnels ». */
export function bucketTitle(bucket: string): string {
  const label = BUCKET_LABELS[bucket] ?? bucket;
  return label.charAt(0).toLocaleUpperCase('fr') + label.slice(1);
}
