import { signal } from '@preact/signals';
import type { MessageKey } from './i18n';

/**
 * The helpers that could not work on the page in front of the RA (an element the page should show
 * never appeared, or the helper failed), as their names' catalogue keys. Written by the feature
 * manager for each run, read by the bar so the RA sees it where they are, not only in the popup.
 */
export const unavailableHere = signal<readonly MessageKey[]>([]);

/**
 * Whether the page in front of the RA is one of the GAR sites' pages the host profile does not
 * know (its path matches no view): then no helper runs there, and the bar says so — the console
 * may have changed, and the diagnostic tells a maintainer how. Written by the bar at each run.
 */
export const unrecognizedPage = signal(false);

/**
 * Whether the stored fichier d'étalonnage was refused on this page (a later version no longer
 * accepts it): the built-in profile stands and the bar says so. Written by the bar at each run.
 */
export const refusedCalibration = signal(false);
