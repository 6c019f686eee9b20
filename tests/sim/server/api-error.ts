/** The error codes of API.md; each goes with one HTTP status. */
export type ErreurCode =
  | 'session'
  | 'etablissement'
  | 'introuvable'
  | 'conflit'
  | 'licences'
  | 'cible'
  | 'requete'
  | 'serveur';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 500 | 503;

/** A refusal of the simulated console, sent as `{ erreur, message, ...details }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly erreur: ErreurCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { erreur: this.erreur, message: this.message, ...this.details };
  }
}
