import { describe, expect, it } from 'vitest';
import type { Abonnement } from '../../../utils/gar/abonnement';
import type { Affectation } from '../../../utils/gar/affectation';
import { groupBySubscription, licenceCounts } from '../../../utils/gar/licences';

const base: Abonnement = {
  idAbonnement: 'ABO-1',
  idDistributeurCom: '832020651_0000000000000012',
  idRessource: 'ark:/49591/maths6e',
  typeIdRessource: 'ark',
  libelleRessource: 'Maths 6e',
  debutValidite: '2026-09-01T00:00:00.000+02:00',
  anneeFinValidite: '2026-2027',
  uaiEtab: ['0561622J'],
  typeAffectation: 'INDIV',
  licences: { kind: 'parProfil', counts: { ELEVE: 3, ENSEIGNANT: 'ILLIMITE' } },
  publicCible: ['ELEVE', 'ENSEIGNANT'],
  supprime: false,
  automatique: false,
};

const aff = (
  personId: string,
  profil: Affectation['profil'],
  extra: Partial<Affectation> = {},
): Affectation => ({
  idAbonnement: 'ABO-1',
  uai: '0561622J',
  personId,
  profil,
  verrouillee: false,
  ...extra,
});

describe('licenceCounts', () => {
  it('counts bought, assigned, locked and available per profile', () => {
    const summary = licenceCounts(base, [
      aff('e1', 'ELEVE'),
      aff('e2', 'ELEVE', { verrouillee: true }),
      aff('p1', 'ENSEIGNANT'),
    ]);
    expect(summary).toEqual({
      etablissement: false,
      lignes: {
        ELEVE: { achetees: 3, affectees: 2, verrouillees: 1, disponibles: 1, depassement: 0 },
        ENSEIGNANT: {
          achetees: 'ILLIMITE',
          affectees: 1,
          verrouillees: 0,
          disponibles: 'ILLIMITE',
          depassement: 0,
        },
      },
    });
  });

  it('counts a person once per subscription and ignores other subscriptions', () => {
    const summary = licenceCounts(base, [
      aff('e1', 'ELEVE'),
      aff('e1', 'ELEVE'),
      aff('e2', 'ELEVE', { idAbonnement: 'ABO-2' }),
    ]);
    expect(summary.lignes.ELEVE?.affectees).toBe(1);
  });

  it('reports over-assignment instead of negative availability', () => {
    const summary = licenceCounts(
      base,
      ['a', 'b', 'c', 'd', 'e'].map((id) => aff(id, 'ELEVE')),
    );
    expect(summary.lignes.ELEVE).toMatchObject({ disponibles: 0, depassement: 2 });
  });

  it('uses one GLOBAL bucket for a global count, and marks ETABL', () => {
    const etabl: Abonnement = { ...base, typeAffectation: 'ETABL', licences: { kind: 'global', count: 1 } };
    expect(licenceCounts(etabl, [])).toEqual({
      etablissement: true,
      lignes: { GLOBAL: { achetees: 1, affectees: 0, verrouillees: 0, disponibles: 1, depassement: 0 } },
    });
  });

  it('gives zero licences to a public without a count', () => {
    const summary = licenceCounts({ ...base, publicCible: ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE'] }, []);
    expect(summary.lignes.DOCUMENTALISTE).toEqual({
      achetees: 0,
      affectees: 0,
      verrouillees: 0,
      disponibles: 0,
      depassement: 0,
    });
  });
});

describe('groupBySubscription', () => {
  it('groups affectations by subscription in one pass', () => {
    const groups = groupBySubscription([
      aff('e1', 'ELEVE'),
      aff('e2', 'ELEVE', { idAbonnement: 'ABO-2' }),
      aff('e3', 'ELEVE'),
    ]);
    expect([...groups.keys()]).toEqual(['ABO-1', 'ABO-2']);
    expect(groups.get('ABO-1')?.map((a) => a.personId)).toEqual(['e1', 'e3']);
  });
});
