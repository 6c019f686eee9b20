import type { MessageKey } from './i18n';

/**
 * Every helper the RA can switch off, once each even when it runs on both hosts, in the order the
 * content scripts run them (console first). A plain list, not the features themselves: the popup
 * and the options page must not load every helper's code to show its name (npm run bench).
 * tests/unit/feature-catalog.test.ts keeps it equal to the content scripts' lists, with each label
 * in both catalogues, and each id its feature's file name.
 */
export const FEATURE_CATALOG: ReadonlyArray<readonly [id: string, label: MessageKey]> = [
  ['barre-compagnon', 'featureBarreCompagnon'],
  ['memoire-abonnements', 'featureMemoireAbonnements'],
  ['badges-fin', 'featureBadgesFin'],
  ['tri-par-fin', 'featureTriParFin'],
  ['affectation-groupee', 'featureAffectationGroupee'],
  ['badges-modeles', 'featureBadgesModeles'],
  ['verification-ent', 'featureVerificationEnt'],
  ['livraisons', 'featureLivraisons'],
  ['badges-livraison', 'featureBadgesLivraison'],
  ['capture-compteurs', 'featureCaptureCompteurs'],
  ['badges-fin-portail', 'featureBadgesFinPortail'],
  ['capture-statistiques', 'featureCaptureStatistiques'],
];

export function featureLabels(): Map<string, MessageKey> {
  return new Map(FEATURE_CATALOG);
}
