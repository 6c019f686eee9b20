import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GarFormatError } from '../../../utils/gar/errors';
import {
  canonicalProfil,
  mergePopulation,
  parsePopulationXml,
  profilCible,
} from '../../../utils/gar/population';
import { thrown } from '../errors';

const fixture = (name: string): string =>
  readFileSync(resolve(import.meta.dirname, 'fixtures', `${name}.xml`), 'utf8');

const formatError = (xml: string): GarFormatError => thrown(GarFormatError, () => parsePopulationXml(xml));

describe('parsePopulationXml', () => {
  it('reads pupils, their profiles whatever the casing, MEF and subjects (prefixed namespace)', () => {
    const file = parsePopulationXml(fixture('GAR-ENT-Eleve'));
    if (file.kind !== 'eleve') throw new Error(file.kind);
    expect(
      file.persons.map((person) => [person.id, person.nom, person.prenom, person.profils[0]?.profil]),
    ).toEqual([
      ['ELV-0001', 'Le Goff', 'Maëlys', 'National_elv'],
      ['ELV-0002', 'Nguyen-Lefebvre', 'Jean-Baptiste', 'National_elv'],
    ]);
    expect(file.persons[0]).toMatchObject({
      kind: 'eleve',
      autresPrenoms: ['Maëlys', 'Anne'],
      civilite: 'Mme',
      dateNaissance: '2014-03-12',
      etablissements: ['0561622J'],
    });
    expect(file.personMefs).toEqual([{ uai: '0561622J', personId: 'ELV-0001', mefCode: '10010012110' }]);
    expect(file.enseignements).toEqual([{ uai: '0561622J', personId: 'ELV-0001', matiere: '030201' }]);
  });

  it('reads teachers, documentalistes and other staff with their disciplines and mails', () => {
    const file = parsePopulationXml(fixture('GAR-ENT-Enseignant'));
    if (file.kind !== 'enseignant') throw new Error(file.kind);
    const [teacher, doc, head] = file.persons;
    expect(teacher).toMatchObject({
      id: 'ENS-0001',
      profils: [{ uai: '0561622J', profil: 'National_ens' }],
      disciplinesPostes: [{ uai: '0561622J', code: 'L1300' }],
      mails: ['helene.kervella@ac-rennes.fr'],
    });
    expect([teacher, doc, head].map((person) => person && profilCible(person, '0561622J'))).toEqual([
      'ENSEIGNANT',
      'DOCUMENTALISTE',
      'AUTRE PERSONNEL',
    ]);
  });

  it('reads the school, its MEF and its subjects', () => {
    expect(parsePopulationXml(fixture('GAR-ENT-Etab'))).toEqual({
      kind: 'etab',
      etablissements: [
        { uai: '0561622J', nom: 'Collège Jules Verne', contrat: 'PU', telephone: '0297000000' },
      ],
      mefs: [{ uai: '0561622J', code: '10010012110', libelle: '6EME' }],
      matieres: [{ uai: '0561622J', code: '030201', libelle: 'ANGLAIS LV1' }],
    });
  });

  it('tells divisions from groups and reads memberships and teaching links', () => {
    const file = parsePopulationXml(fixture('GAR-ENT-Groupe'));
    if (file.kind !== 'groupe') throw new Error(file.kind);
    expect(file.groupes).toEqual([
      { code: '6A', uai: '0561622J', libelle: '6e A', statut: 'DIVISION', divisions: [] },
      { code: '6-ESP', uai: '0561622J', libelle: 'Espagnol 6e', statut: 'GROUPE', divisions: ['6A', '6B'] },
    ]);
    expect(file.memberships).toEqual([{ uai: '0561622J', personId: 'ELV-0001', groupeCode: '6A' }]);
    expect(file.teaching).toEqual([
      {
        uai: '0561622J',
        personId: 'ENS-0001',
        groupeCode: '6A',
        via: 'classe',
        matieres: ['030201', '030601'],
      },
      { uai: '0561622J', personId: 'ENS-0001', groupeCode: '6-ESP', via: 'groupe', matieres: ['030601'] },
    ]);
  });

  it('reads the RA file with every school the RA assigns in', () => {
    expect(parsePopulationXml(fixture('GAR-ENT-RespAff'))).toEqual({
      kind: 'respAff',
      respAffs: [
        {
          id: 'DOC-0001',
          nom: 'Morvan',
          prenom: 'Yann',
          mails: ['yann.morvan@ac-rennes.fr'],
          uais: ['0561622J', '0290009C'],
        },
      ],
    });
  });

  it('merges the files of one feed into one population', () => {
    const population = mergePopulation(
      ['GAR-ENT-Eleve', 'GAR-ENT-Enseignant', 'GAR-ENT-Etab', 'GAR-ENT-Groupe', 'GAR-ENT-RespAff'].map(
        (name) => parsePopulationXml(fixture(name)),
      ),
    );
    expect(population.persons).toHaveLength(5);
    expect(population.groupes).toHaveLength(2);
    expect(population.respAffs[0]?.uais).toEqual(['0561622J', '0290009C']);
    expect(population.teaching).toHaveLength(2);
  });
});

describe('profiles', () => {
  it('compares GAR-ENT profiles case-insensitively', () => {
    expect(canonicalProfil('NATIONAL_ENS')).toBe('National_ens');
    expect(canonicalProfil('national_Col')).toBe('National_col');
    expect(canonicalProfil('National_tut')).toBe('National_tut');
  });

  it('gives no public for a profile in another school or an unknown profile', () => {
    const person = {
      profils: [
        { uai: '0290009C', profil: 'National_ens' },
        { uai: '0561622J', profil: 'National_tut' },
      ],
    };
    expect(profilCible(person, '0561622J')).toBeNull();
    expect(profilCible(person, '0290009C')).toBe('ENSEIGNANT');
  });
});

describe('parsePopulationXml refuses malformed files precisely', () => {
  it('names a missing required element with its path', () => {
    const xml = fixture('GAR-ENT-Eleve').replace('<men:GARPersonNom>Nguyen-Lefebvre</men:GARPersonNom>', '');
    const error = formatError(xml);
    expect(error.element).toBe('GAREleve[2]/GARPersonNom');
    expect(error.message).toBe(
      'Élève n°2 : élément GAREleve[2]/GARPersonNom — élément obligatoire absent ou vide',
    );
  });

  it('names a nested element at fault', () => {
    const xml = fixture('GAR-ENT-Enseignant').replace('<GARPersonProfil>National_doc</GARPersonProfil>', '');
    expect(formatError(xml).element).toBe('GAREnseignant[2]/GARPersonProfils[1]/GARPersonProfil');
  });

  it('refuses a group status other than DIVISION or GROUPE', () => {
    const xml = fixture('GAR-ENT-Groupe').replace(
      '<GARGroupeStatut>GROUPE</GARGroupeStatut>',
      '<GARGroupeStatut>CLASSE</GARGroupeStatut>',
    );
    const error = formatError(xml);
    expect(error.element).toBe('GARGroupe[2]/GARGroupeStatut');
    expect(error.message).toContain('DIVISION ou GROUPE attendu');
  });

  it('refuses an unknown root, naming it', () => {
    const error = formatError('<GAR-ENT-Parent xmlns="http://data.education.fr/ns/gar" Version="1.7"/>');
    expect(error.element).toBe('GAR-ENT-Parent');
    expect(error.message).toContain('racine inconnue');
  });

  it('refuses a file that is not well-formed', () => {
    expect(formatError('<GAR-ENT-Eleve><GAREleve></GAR-ENT-Eleve>').message).toContain(
      "n'est pas un XML bien formé",
    );
  });
});
