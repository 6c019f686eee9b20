/**
 * The subjects and resources a generated school subscribes to: plausible French titles, fictional
 * ARK ids and distributors. Matière codes follow the shape of the national nomenclature.
 */

export interface Subject {
  code: string;
  libelle: string;
  /** Short name used in resource titles and group codes. */
  short: string;
  /** Discipline de poste of the teachers of this subject. */
  poste: string;
}

export const SUBJECTS = {
  francais: { code: '020700', libelle: 'FRANCAIS', short: 'Français', poste: 'L0202' },
  maths: { code: '061300', libelle: 'MATHEMATIQUES', short: 'Maths', poste: 'L1300' },
  anglais: { code: '030201', libelle: 'ANGLAIS LV1', short: 'Anglais', poste: 'L0422' },
  espagnol: { code: '030602', libelle: 'ESPAGNOL LV2', short: 'Espagnol', poste: 'L0426' },
  allemand: { code: '030402', libelle: 'ALLEMAND LV2', short: 'Allemand', poste: 'L0421' },
  histoire: { code: '040600', libelle: 'HISTOIRE-GEOGRAPHIE', short: 'Histoire-Géo', poste: 'L1000' },
  svt: { code: '062900', libelle: 'SCIENCES VIE ET TERRE', short: 'SVT', poste: 'L1600' },
  physique: { code: '061800', libelle: 'PHYSIQUE-CHIMIE', short: 'Physique-Chimie', poste: 'L1500' },
  latin: { code: '020200', libelle: 'LATIN', short: 'Latin', poste: 'L0210' },
  technologie: { code: '066500', libelle: 'TECHNOLOGIE', short: 'Technologie', poste: 'L1400' },
  eps: { code: '100100', libelle: 'EDUCATION PHYSIQUE ET SPORTIVE', short: 'EPS', poste: 'L1900' },
  musique: { code: '080100', libelle: 'EDUCATION MUSICALE', short: 'Éducation musicale', poste: 'L1700' },
  ses: { code: '042000', libelle: 'SCIENCES ECONOMIQUES ET SOCIALES', short: 'SES', poste: 'L8011' },
  philosophie: { code: '010100', libelle: 'PHILOSOPHIE', short: 'Philosophie', poste: 'L0100' },
  nsi: { code: '064700', libelle: 'NUMERIQUE ET SCIENCES INFORMATIQUES', short: 'NSI', poste: 'L8510' },
} as const satisfies Record<string, Subject>;

export type SubjectKey = keyof typeof SUBJECTS;

export const PUBLISHERS = [
  { name: 'Éditions Hirondelle', distributor: '552081317_0000000000000101', ark: '49591' },
  { name: 'Éditions du Cartable', distributor: '413654087_0000000000000202', ark: '27561' },
  { name: 'Lumni Éducation', distributor: '834725003_0000000000000303', ark: '86527' },
  { name: 'Éditions Boussole', distributor: '391209456_0000000000000404', ark: '12148' },
  { name: 'Kiosque Scolaire', distributor: '478523690_0000000000000505', ark: '67375' },
] as const;

/** School-wide resources every school in the seeds subscribes to. */
export const SCHOOL_RESOURCES = [
  { key: 'dictionnaire', title: 'Dictionnaire Le Robert Collège en ligne', kind: 'ETABL' },
  { key: 'larousse', title: 'Larousse junior — dictionnaire et encyclopédie', kind: 'ETABL' },
  { key: 'presse', title: 'Presse junior — le quotidien des collégiens', kind: 'presse' },
  { key: 'exercices', title: 'Exercices en ligne — toutes matières', kind: 'plateforme' },
  { key: 'langues', title: 'Langues vivantes — laboratoire audio', kind: 'plateforme' },
  { key: 'orientation', title: 'Orientation et métiers', kind: 'plateforme' },
  { key: 'soutien', title: 'Soutien scolaire en ligne', kind: 'plateforme' },
  { key: 'monde-ados', title: 'Le Monde des ados — magazine numérique', kind: 'plateforme' },
  { key: 'code', title: 'Initiation au code et à la robotique', kind: 'plateforme' },
  { key: 'atlas', title: 'Atlas numérique du monde', kind: 'jamaisAffecte' },
  { key: 'cdi', title: 'Portail documentaire du CDI', kind: 'personnels' },
] as const;
