import { barreCompagnon } from '../../../components/barre-compagnon';
import type { FeatureDefinition } from '../../../utils/features';
import { badgesFinPortail } from './badges-fin';
import { captureStatistiques } from './capture-statistiques';

/** The portail's helpers, in the order they run. One file per feature in this folder. */
export const portailFeatures: FeatureDefinition[] = [barreCompagnon, badgesFinPortail, captureStatistiques];
