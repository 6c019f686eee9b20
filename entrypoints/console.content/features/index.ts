import { barreCompagnon } from '../../../components/features/barre-compagnon';
import type { FeatureDefinition } from '../../../utils/features';
import { affectationGroupee } from './affectation-groupee/index';
import { badgesFin } from './badges-fin';
import { badgesLivraison } from './badges-livraison';
import { badgesModeles } from './badges-modeles';
import { captureCompteurs } from './capture-compteurs';
import { livraisons } from './livraisons/index';
import { memoireAbonnements } from './memoire-abonnements';
import { triParFin } from './tri-par-fin';
import { verificationEnt } from './verification-ent/index';

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
