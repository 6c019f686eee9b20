import { barreCompagnon } from '../../../components/barre-compagnon';
import type { FeatureDefinition } from '../../../utils/features';
import { affectationGroupee } from './affectation-groupee';
import { badgesFin } from './badges-fin';
import { badgesLivraison } from './badges-livraison';
import { badgesModeles } from './badges-modeles';
import { captureCompteurs } from './capture-compteurs';
import { livraisons } from './livraisons';
import { memoireAbonnements } from './memoire-abonnements';
import { triParFin } from './tri-par-fin';
import { verificationEnt } from './verification-ent';

/** The console's helpers, in the order they run. One file per feature in this folder. */
export const consoleFeatures: FeatureDefinition[] = [
  barreCompagnon,
  memoireAbonnements,
  badgesFin,
  triParFin,
  affectationGroupee,
  badgesModeles,
  verificationEnt,
  livraisons,
  badgesLivraison,
  captureCompteurs,
];
