/**
 * Names of the performance marks the extension's pages leave, so `npm run bench` reads when a
 * screen was really rendered instead of guessing from outside (a poll adds its own delay).
 */
export const POPUP_FIRST_RENDER_MARK = 'compagnon-gar:popup-echeances-affichees';

/** The options page's « Statistiques d’usage » first showed a school's figures. */
export const STATISTICS_FIRST_RENDER_MARK = 'compagnon-gar:statistiques-affichees';

/** The same section started reading the history (the benchmark's start for its figure). */
export const STATISTICS_READ_START_MARK = 'compagnon-gar:statistiques-lecture';
