import { t } from '../i18n';

/**
 * A file or answer that does not follow GAR's format. The message, in the user's language, says where
 * (`element`) and which rule was broken (`rule`), so the RA — or the developer reading a
 * simulator seed — knows exactly what to fix.
 */
export class GarFormatError extends Error {
  override readonly name = 'GarFormatError';

  constructor(
    /** Where: an element path such as `abonnement[3]/nbLicenceEleve`. */
    readonly element: string,
    /** What: the broken rule, in the user's language. */
    readonly rule: string,
    /** Who: a human label such as « Abonnement n°3 (id ABC) », prefixed to the message. */
    context?: string,
  ) {
    super(
      context ? t('errorsWhoElementRule', context, element, rule) : t('errorsElementRule', element, rule),
    );
  }
}
