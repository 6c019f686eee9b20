/**
 * Names of the performance marks the extension's pages leave, so `npm run bench` reads when a
 * screen was really rendered instead of guessing from outside (a poll adds its own delay).
 */
export const POPUP_FIRST_RENDER_MARK = 'compagnon-gar:popup-echeances-affichees';
