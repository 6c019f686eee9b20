/** How the RA reads a licence bucket: the publics cibles, or "tous publics" for a global count. */
export const BUCKET_LABELS: Record<string, string> = {
  ELEVE: 'élèves',
  ENSEIGNANT: 'enseignants',
  DOCUMENTALISTE: 'documentalistes',
  'AUTRE PERSONNEL': 'autres personnels',
  GLOBAL: 'tous publics',
};
