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

const DEFAULT_MESSAGES: Record<HostErrorKind, string> = {
  session: 'Votre session GAR a expiré : reconnectez-vous puis reprenez.',
  etablissement: "Vous n'êtes pas responsable d'affectation de cet établissement.",
  introuvable: "L'élément demandé n'existe plus dans la console.",
  conflit: 'Un autre responsable a modifié cet abonnement entre-temps.',
  licences: 'Il ne reste pas assez de licences.',
  cible: 'Cette affectation est refusée par la console.',
  serveur: 'La console GAR ne répond pas correctement pour le moment.',
  reseau: 'La connexion à la console GAR a été interrompue.',
  reponseInattendue: "La console GAR a répondu d'une façon que Compagnon GAR ne connaît pas.",
};

export function defaultMessage(kind: HostErrorKind): string {
  return DEFAULT_MESSAGES[kind];
}
