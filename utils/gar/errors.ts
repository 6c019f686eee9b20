/**
 * A file or answer that does not follow GAR's format. The message is French and says where
 * (`element`) and which rule was broken (`rule`), so the RA — or the developer reading a
 * simulator seed — knows exactly what to fix.
 */
export class GarFormatError extends Error {
  override readonly name = 'GarFormatError';

  constructor(
    /** Where: an element path such as `abonnement[3]/nbLicenceEleve`. */
    readonly element: string,
    /** What: the broken rule, in French. */
    readonly rule: string,
    /** Who: a human label such as « Abonnement n°3 (id ABC) », prefixed to the message. */
    context?: string,
  ) {
    super(`${context ? `${context} : ` : ''}élément ${element} — ${rule}`);
  }
}
