import type { Exclusion, Refus } from '../../utils/gar/assignment-plan';
import { type MessageKey, t } from '../../utils/i18n';

/** Why the console refuses a subscription or a person, in the RA's words. */
const REFUS_KEYS: Record<Refus, MessageKey> = {
  etablissement: 'bulkRefusEtablissement',
  expire: 'bulkRefusExpire',
  pasEncoreActif: 'bulkRefusPasEncoreActif',
};

const EXCLUSION_KEYS: Record<Exclusion, MessageKey> = {
  horsPublic: 'bulkExclusionHorsPublic',
  etablissement: 'bulkExclusionEtablissement',
  expire: 'bulkExclusionExpire',
  pasEncoreActif: 'bulkExclusionPasEncoreActif',
  licences: 'bulkExclusionLicences',
};

export function refusLabel(refus: Refus): string {
  return t(REFUS_KEYS[refus]);
}

export function exclusionLabel(exclusion: Exclusion): string {
  return t(EXCLUSION_KEYS[exclusion]);
}
