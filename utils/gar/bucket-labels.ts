/** How the RA reads a licence bucket: the publics cibles, or "tous publics" for a global count. */
export const BUCKET_LABELS: Record<string, string> = {
  ELEVE: 'élèves',
  ENSEIGNANT: 'enseignants',
  DOCUMENTALISTE: 'documentalistes',
  'AUTRE PERSONNEL': 'autres personnels',
  GLOBAL: 'tous publics',
};

/** The same words as a column or legend title: « Élèves », « Autres personnels ». */
export function bucketTitle(bucket: string): string {
  const label = BUCKET_LABELS[bucket] ?? bucket;
  return label.charAt(0).toLocaleUpperCase('fr') + label.slice(1);
}
