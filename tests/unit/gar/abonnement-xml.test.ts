import { describe, expect, it } from 'vitest';
import { parseAbonnementsXml } from '../../../utils/gar/abonnement-xml';
import { GarFormatError } from '../../../utils/gar/errors';
import { thrown } from '../errors';
import { speak } from '../speak';

const NS = 'http://www.atosworldline.com/wsabonnement/v1.0/';

/** The fields of one <abonnement>, in the web service's element order; null removes a field. */
type Fields = Record<string, string | string[] | null>;

const BASE: Fields = {
  idAbonnement: 'ABO-MATHS-6E-2026',
  commentaireAbonnement: 'Commande n° 2026-117',
  idDistributeurCom: '832020651_0000000000000012',
  idRessource: 'ark:/49591/maths6e',
  typeIdRessource: 'ark',
  libelleRessource: 'Maths 6e — manuel numérique',
  debutValidite: '2026-09-01T00:00:00.000+02:00',
  finValidite: '2027-08-31T23:59:59.000+02:00',
  anneeFinValidite: null,
  uaiEtab: '0561622J',
  categorieAffectation: 'transferable',
  typeAffectation: 'INDIV',
  nbLicenceGlobale: null,
  nbLicenceEnseignant: '5',
  nbLicenceEleve: '120',
  nbLicenceProfDoc: null,
  nbLicenceAutrePersonnel: null,
  publicCible: ['ELEVE', 'ENSEIGNANT'],
  codeProjetRessource: null,
};

function abonnementXml(overrides: Fields = {}): string {
  const fields = { ...BASE, ...overrides };
  const elements = Object.entries(fields).flatMap(([name, value]) => {
    if (value === null) return [];
    const values = Array.isArray(value) ? value : [value];
    return values.map((v) => `<${name}>${v}</${name}>`);
  });
  return `<abonnement>${elements.join('')}</abonnement>`;
}

function document(...abonnements: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<abonnements xmlns="${NS}">${abonnements.join('\n')}</abonnements>`;
}

const formatError = (xml: string): GarFormatError => thrown(GarFormatError, () => parseAbonnementsXml(xml));

describe('parseAbonnementsXml', () => {
  it('reads every field of a subscription', () => {
    const [abonnement] = parseAbonnementsXml(document(abonnementXml({ codeProjetRessource: 'PRJ-6E' })));
    expect(abonnement).toEqual({
      idAbonnement: 'ABO-MATHS-6E-2026',
      commentaireAbonnement: 'Commande n° 2026-117',
      idDistributeurCom: '832020651_0000000000000012',
      idRessource: 'ark:/49591/maths6e',
      typeIdRessource: 'ark',
      libelleRessource: 'Maths 6e — manuel numérique',
      debutValidite: '2026-09-01T00:00:00.000+02:00',
      finValidite: '2027-08-31T23:59:59.000+02:00',
      uaiEtab: ['0561622J'],
      categorieAffectation: 'transferable',
      typeAffectation: 'INDIV',
      licences: { kind: 'parProfil', counts: { ENSEIGNANT: 5, ELEVE: 120 } },
      publicCible: ['ELEVE', 'ENSEIGNANT'],
      codeProjetRessource: 'PRJ-6E',
      supprime: false,
      automatique: false,
    });
  });

  it('reads repeated publicCible and uaiEtab, ILLIMITE and a global count', () => {
    const [abonnement] = parseAbonnementsXml(
      document(
        abonnementXml({
          uaiEtab: ['0561622J', '0290009C'],
          nbLicenceEnseignant: null,
          nbLicenceEleve: null,
          nbLicenceGlobale: 'ILLIMITE',
          publicCible: ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'],
        }),
      ),
    );
    expect(abonnement?.uaiEtab).toEqual(['0561622J', '0290009C']);
    expect(abonnement?.publicCible).toEqual(['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL']);
    expect(abonnement?.licences).toEqual({ kind: 'global', count: 'ILLIMITE' });
  });

  it('accepts anneeFinValidite alone, both end fields, ARK in capitals and a prefixed namespace', () => {
    const xml = `<ns2:abonnements xmlns:ns2="${NS}">${abonnementXml({ finValidite: null, anneeFinValidite: '2026-2027', typeIdRessource: 'ARK' }).replaceAll('<', '<ns2:').replaceAll('<ns2:/', '</ns2:')}</ns2:abonnements>`;
    const [abonnement] = parseAbonnementsXml(xml);
    expect(abonnement?.anneeFinValidite).toBe('2026-2027');
    expect(abonnement?.finValidite).toBeUndefined();
    expect(abonnement?.typeIdRessource).toBe('ARK');
    const [both] = parseAbonnementsXml(document(abonnementXml({ anneeFinValidite: '2026-2027' })));
    expect([both?.finValidite, both?.anneeFinValidite]).toEqual([
      '2027-08-31T23:59:59.000+02:00',
      '2026-2027',
    ]);
  });

  it('flags deleted (_) and automatic (AUTO_) subscriptions', () => {
    const list = parseAbonnementsXml(
      document(
        abonnementXml({ idAbonnement: '_ABO-ANNULE' }),
        abonnementXml({ idAbonnement: 'AUTO_GAR_1234' }),
      ),
    );
    expect(list.map((a) => [a.idAbonnement, a.supprime, a.automatique])).toEqual([
      ['_ABO-ANNULE', true, false],
      ['AUTO_GAR_1234', false, true],
    ]);
  });

  it('reads an ETABL subscription with its global count', () => {
    const [abonnement] = parseAbonnementsXml(
      document(
        abonnementXml({
          typeAffectation: 'ETABL',
          nbLicenceEnseignant: null,
          nbLicenceEleve: null,
          nbLicenceGlobale: '1',
        }),
      ),
    );
    expect([abonnement?.typeAffectation, abonnement?.licences]).toEqual([
      'ETABL',
      { kind: 'global', count: 1 },
    ]);
  });

  it('gives an empty list for an empty <abonnements>', () => {
    expect(parseAbonnementsXml(`<abonnements xmlns="${NS}"/>`)).toEqual([]);
  });
});

describe('parseAbonnementsXml refuses malformed input with a precise French message', () => {
  const cases: Array<[string, Fields, string, RegExp]> = [
    [
      'a count that is not a number',
      { nbLicenceEleve: 'dix' },
      'abonnement[1]/nbLicenceEleve',
      /« dix » n'est ni un entier ni ILLIMITE/,
    ],
    [
      'global and per-profile counts together',
      { nbLicenceGlobale: '10' },
      'abonnement[1]/nbLicenceGlobale',
      /ne peuvent pas coexister/,
    ],
    [
      'no count at all',
      { nbLicenceEleve: null, nbLicenceEnseignant: null },
      'abonnement[1]/nbLicenceGlobale',
      /aucun nombre de licences/,
    ],
    [
      'a per-profile count without its public',
      { nbLicenceProfDoc: '2' },
      'abonnement[1]/nbLicenceProfDoc',
      /exige le public cible DOCUMENTALISTE/,
    ],
    [
      'ETABL with per-profile counts',
      { typeAffectation: 'ETABL' },
      'abonnement[1]/nbLicenceGlobale',
      /ETABL ne compte que des licences globales/,
    ],
    [
      'no end date',
      { finValidite: null },
      'abonnement[1]/finValidite',
      /finValidite ou anneeFinValidite est obligatoire/,
    ],
    [
      'a date without offset',
      { debutValidite: '2026-09-01T00:00:00' },
      'abonnement[1]/debutValidite',
      /avec son décalage horaire/,
    ],
    [
      'validity over ten years',
      { finValidite: '2037-09-02T00:00:00.000+02:00' },
      'abonnement[1]/finValidite',
      /dépasse 10 ans/,
    ],
    [
      'an end before the start',
      { finValidite: '2026-08-01T00:00:00.000+02:00' },
      'abonnement[1]/finValidite',
      /précède son début/,
    ],
    [
      'a malformed school year',
      { finValidite: null, anneeFinValidite: '2026-2028' },
      'abonnement[1]/anneeFinValidite',
      /année scolaire/,
    ],
    [
      'a bad distributor id',
      { idDistributeurCom: '832020651' },
      'abonnement[1]/idDistributeurCom',
      /SIREN_ISNI/,
    ],
    [
      'an unknown public',
      { publicCible: ['ELEVE', 'PARENT'] },
      'abonnement[1]/publicCible',
      /« PARENT » n'est pas un public cible/,
    ],
    ['a missing id', { idAbonnement: null }, 'abonnement[1]/idAbonnement', /obligatoire/],
    [
      'an id over 45 characters',
      { idAbonnement: 'A'.repeat(46) },
      'abonnement[1]/idAbonnement',
      /46 caractères, 45 au plus/,
    ],
    [
      'a title over 255 characters',
      { libelleRessource: 'T'.repeat(256) },
      'abonnement[1]/libelleRessource',
      /255 au plus/,
    ],
    [
      'an unknown typeAffectation',
      { typeAffectation: 'CLASSE' },
      'abonnement[1]/typeAffectation',
      /INDIV ou ETABL/,
    ],
    ['no school', { uaiEtab: null }, 'abonnement[1]/uaiEtab', /au moins un établissement/],
    [
      'a repeated single field',
      { idRessource: ['ark:/1/a', 'ark:/1/b'] },
      'abonnement[1]/idRessource',
      /qu’une fois/,
    ],
  ];

  for (const [name, overrides, element, message] of cases) {
    it(name, () => {
      const error = formatError(
        document(abonnementXml(), abonnementXml({ idAbonnement: 'SECOND', ...overrides })),
      );
      expect(error.element).toBe(element.replace('abonnement[1]', 'abonnement[2]'));
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/^Abonnement n°2/);
    });
  }

  it('refuses a duplicated idAbonnement', () => {
    const error = formatError(document(abonnementXml(), abonnementXml()));
    expect(error.element).toBe('abonnement[2]/idAbonnement');
    expect(error.message).toContain('apparaît plusieurs fois');
  });

  it('refuses XML that is not well-formed, with line and column', () => {
    const error = formatError(`<abonnements xmlns="${NS}">\n<abonnement><idAbonnement>A</abonnement>`);
    expect(error.element).toMatch(/^ligne 2, colonne \d+$/);
    expect(error.message).toContain("n'est pas un XML bien formé");
  });

  it('refuses another kind of file', () => {
    const error = formatError('<GAR-ENT-Eleve xmlns="http://data.education.fr/ns/gar" Version="1.7"/>');
    expect(error.element).toBe('GAR-ENT-Eleve');
    expect(error.message).toContain('<abonnements> attendu');
  });

  it('says where and what in English with an English catalogue', () => {
    speak('en');
    const error = formatError(document(abonnementXml({ idAbonnement: 'ABO-1', typeAffectation: 'AUTRE' })));
    expect(error.message).toBe(
      'Subscription no. 1 (id ABO-1): element abonnement[1]/typeAffectation — “AUTRE”: INDIV or ETABL expected',
    );
  });
});
