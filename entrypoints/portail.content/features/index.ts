import { barreCompagnon } from '../../../components/features/barre-compagnon';
import type { FeatureDefinition } from '../../../utils/features';
import { badgesFinPortail } from './badges-fin-portail';
import { captureStatistiques } from './capture-statistiques';

/** The portail's helpers, in the order they run. One file per feature in this folder. */
export const portailFeatures: FeatureDefinition[] = [barreCompagnon, badgesFinPortail, captureStatistiques];
