/**
 * Where the GAR pages live. The real console's and portail's URLs are not public: these are
 * guesses, kept here only, so calibrating against the live pages is a one-file change.
 * Every known GAR hostname ends in `.gar.education.fr` (DOMAIN.md §5).
 */

/** The host permission the production build asks for: GAR's own hosts, nothing else. */
export const GAR_HOST_PERMISSION = 'https://*.gar.education.fr/*';

/** Guess: the console d'affectation V8 is served from its own subdomain. */
export const CONSOLE_MATCHES = ['https://affectation.gar.education.fr/*'];

/** Guess: the portail GAR (subscriptions, end dates, statistics). */
export const PORTAIL_MATCHES = ['https://portail.gar.education.fr/*'];

/** Origins, for links that open the console or the portail from the popup. */
export const CONSOLE_ORIGIN = 'https://affectation.gar.education.fr';
export const PORTAIL_ORIGIN = 'https://portail.gar.education.fr';

const CONSOLE_HOSTNAME = new URL(CONSOLE_ORIGIN).hostname;
const PORTAIL_HOSTNAME = new URL(PORTAIL_ORIGIN).hostname;

/** A page of the console, whatever its port (the demo serves the simulator on its own). */
export function isConsolePage(url: URL): boolean {
  return url.hostname === CONSOLE_HOSTNAME;
}

/** A page of the portail, whatever its port. */
export function isPortailPage(url: URL): boolean {
  return url.hostname === PORTAIL_HOSTNAME;
}

/** A page of either GAR site the content scripts run on. */
export function isGarPage(url: URL): boolean {
  return isConsolePage(url) || isPortailPage(url);
}
