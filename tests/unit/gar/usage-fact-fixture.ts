import type { UsageFact } from '../../../utils/gar/usage-stats';

/** Usage of Atlas by pupils in September 2025, as a portail capture records it. */
export function usageFact(overrides: Partial<UsageFact> = {}): UsageFact {
  return {
    idRessource: 'ark:/A',
    libelle: 'Atlas',
    mois: '2025-09',
    profil: 'ELEVE',
    acces: 10,
    utilisateurs: 5,
    sources: ['portail'],
    ...overrides,
  };
}
