import { type MessageKey, t } from '../i18n';

/**
 * What can go wrong when talking to a GAR page, as the features need to tell it apart: a session
 * to renew, licences that are short, a colleague's concurrent change, a server to retry…
 */
export type HostErrorKind =
  | 'session'
  | 'etablissement'
  | 'introuvable'
  | 'conflit'
  | 'licences'
  | 'cible'
  | 'serveur'
  | 'reseau'
  | 'reponseInattendue';

export class HostError extends Error {
  override readonly name = 'HostError';

  constructor(
    readonly kind: HostErrorKind,
    message: string,
    /** The HTTP status, when there was a response. */
    readonly status?: number,
    /** Extra facts the server gave (missing licences per profile, current version…). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** Worth retrying as is, after a pause: the server or the network hiccuped. */
  get transient(): boolean {
    return this.kind === 'serveur' || this.kind === 'reseau';
  }
}

/** The catalogue keys of what the RA reads for each kind (read at the time of the error, not at load). */
const DEFAULT_MESSAGES: Record<HostErrorKind, MessageKey> = {
  session: 'hostsErrorSession',
  etablissement: 'hostsErrorEtablissement',
  introuvable: 'hostsErrorIntrouvable',
  conflit: 'hostsErrorConflit',
  licences: 'hostsErrorLicences',
  cible: 'hostsErrorCible',
  serveur: 'hostsErrorServeur',
  reseau: 'hostsErrorReseau',
  reponseInattendue: 'hostsErrorReponseInattendue',
};

export function defaultMessage(kind: HostErrorKind): string {
  return t(DEFAULT_MESSAGES[kind]);
}
