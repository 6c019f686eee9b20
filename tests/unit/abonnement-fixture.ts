import type { Abonnement } from '../../utils/gar/abonnement';

/** A valid subscription of the collège 0561622J; tests override what they are about. */
export function sampleAbonnement(overrides: Partial<Abonnement> = {}): Abonnement {
  return {
    idAbonnement: 'ABO-1',
    idDistributeurCom: '832020651_0000000000000012',
    idRessource: `ark:/1/${overrides.idAbonnement ?? 'ABO-1'}`,
    typeIdRessource: 'ark',
    libelleRessource: `Ressource ${overrides.idAbonnement ?? 'ABO-1'}`,
    debutValidite: '2026-09-01T00:00:00.000+02:00',
    anneeFinValidite: '2026-2027',
    uaiEtab: ['0561622J'],
    typeAffectation: 'INDIV',
    licences: { kind: 'global', count: 10 },
    publicCible: ['ELEVE'],
    supprime: false,
    automatique: false,
    ...overrides,
  };
}
