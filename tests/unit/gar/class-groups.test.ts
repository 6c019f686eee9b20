import { describe, expect, it } from 'vitest';
import type { Personne, SchoolPopulation } from '../../../utils/gar/school';
import { indexPopulation, syncDefects } from '../../../utils/gar/targets';
import { person } from './person-fixture';

type Groupe = SchoolPopulation['groupes'][number];

const groupe = (code: string, divisions: string[], libelle = code): Groupe => ({
  code,
  libelle,
  divisions,
  effectif: 0,
});

/** 5A with four pupils and 5B with one; each test gives the groups and who is in them. */
function school(groupes: Groupe[], membership: Record<string, string[]>): SchoolPopulation {
  const pupil = (id: string, division: string): Personne =>
    person(id, id, id, 'ELEVE', { divisions: [division], groupes: membership[id] ?? [] });
  return {
    divisions: [
      { code: '5A', libelle: '5e A', effectif: 4 },
      { code: '5B', libelle: '5e B', effectif: 1 },
    ],
    groupes,
    mefs: [],
    matieres: [],
    personnes: [
      pupil('A1', '5A'),
      pupil('A2', '5A'),
      pupil('A3', '5A'),
      pupil('A4', '5A'),
      pupil('B1', '5B'),
    ],
  };
}

const warnings = (population: SchoolPopulation, division = '5A'): string[] =>
  syncDefects(indexPopulation(population), [{ type: 'division', code: division }]).map((d) => d.message);

describe('which groups should hold every pupil of a division', () => {
  it('warns about a pupil in neither half of a split class, and says the rule', () => {
    const split = school([groupe('5A G1', ['5A']), groupe('5A G2', ['5A'])], {
      A1: ['5A G1'],
      A2: ['5A G2'],
      A3: ['5A G1'],
    });
    expect(warnings(split)).toEqual([
      'Division 5A : 1 élève dans aucun des groupes 5A G1, 5A G2. Ces groupes partagent la classe : chaque élève de 5A devrait être dans l’un d’eux.',
    ]);
    const [defect] = syncDefects(indexPopulation(split), [{ type: 'division', code: '5A' }]);
    expect(defect).toMatchObject({
      kind: 'absentsDesGroupes',
      groupes: ['5A G1', '5A G2'],
      personIds: ['A4'],
    });
  });

  it('says nothing of pupils outside option or language groups, even drawn from that division alone', () => {
    const options = school(
      [
        groupe('LATIN-5A', ['5A'], 'Latin'),
        groupe('ESP-5', ['5A', '5B'], 'Espagnol LV2'),
        groupe('CHORALE', []),
      ],
      { A1: ['LATIN-5A', 'ESP-5'], B1: ['ESP-5', 'CHORALE'] },
    );
    expect(warnings(options)).toEqual([]);
  });

  it('does not take numbered groups spanning several divisions for a split class', () => {
    const level = school([groupe('LATIN G1', ['5A', '5B']), groupe('LATIN G2', ['5A', '5B'])], {
      A1: ['LATIN G1'],
      B1: ['LATIN G2'],
    });
    expect(warnings(level)).toEqual([]);
  });

  it('recognises the usual ways of numbering halves and thirds, by code or else by libellé', () => {
    const shapes: [string, string][][] = [
      [
        ['ANG-G1-5A', ''],
        ['ANG-G2-5A', ''],
      ],
      [
        ['5AGR1', ''],
        ['5AGR2', ''],
        ['5AGR3', ''],
      ],
      [
        ['5A-1', ''],
        ['5A-2', ''],
      ],
      [
        ['GRP0231', 'Anglais groupe 1'],
        ['GRP0232', 'Anglais groupe 2'],
      ],
    ];
    for (const shape of shapes) {
      const [first, second] = shape;
      if (!first || !second) throw new Error('two groups per shape');
      const population = school(
        shape.map(([code, libelle]) => groupe(code, ['5A'], libelle || code)),
        { A1: [first[0]], A2: [second[0]], A3: [first[0]] },
      );
      expect(warnings(population), shape.map(([code]) => code).join(' / ')).toHaveLength(1);
    }
  });

  it('does not pair groups of two different families, nor a numbered group alone', () => {
    const mixed = school([groupe('ANG-G1-5A', ['5A']), groupe('SC-G2-5A', ['5A'])], { A1: ['ANG-G1-5A'] });
    expect(warnings(mixed)).toEqual([]);
  });

  it('takes no name with two numbers for a numbered half: the reading would be a guess', () => {
    const ambiguous = school([groupe('5A 1 G1', ['5A']), groupe('5A 2 G1', ['5A'])], { A1: ['5A 1 G1'] });
    expect(warnings(ambiguous)).toEqual([]);
  });

  it('checks each split on its own: a pupil in an English half must also be in a science half', () => {
    const two = school(
      [
        groupe('ANG-G1-5A', ['5A']),
        groupe('ANG-G2-5A', ['5A']),
        groupe('SC-G1-5A', ['5A']),
        groupe('SC-G2-5A', ['5A']),
      ],
      {
        A1: ['ANG-G1-5A', 'SC-G1-5A'],
        A2: ['ANG-G1-5A', 'SC-G2-5A'],
        A3: ['ANG-G2-5A', 'SC-G1-5A'],
        A4: ['ANG-G2-5A'],
      },
    );
    expect(warnings(two)).toEqual([
      'Division 5A : 1 élève dans aucun des groupes SC-G1-5A, SC-G2-5A. Ces groupes partagent la classe : chaque élève de 5A devrait être dans l’un d’eux.',
    ]);
  });

  it('holds a whole-class group to every pupil of its class', () => {
    const whole = school([groupe('5A-CE', ['5A'], 'Classe entière 5A')], { A1: ['5A-CE'], A2: ['5A-CE'] });
    expect(warnings(whole)).toEqual([
      'Division 5A : 2 élèves absents du groupe 5A-CE. Ce groupe est la classe entière : chaque élève de 5A devrait y être.',
    ]);
  });

  it('places a group that declares no division by its pupils, when they all come from one', () => {
    const undeclared = school([groupe('5A G1', []), groupe('5A G2', [])], { A1: ['5A G1'], A2: ['5A G2'] });
    expect(warnings(undeclared)).toHaveLength(1);
    const mixedPupils = school([groupe('5A G1', []), groupe('5A G2', [])], { A1: ['5A G1'], B1: ['5A G2'] });
    expect(warnings(mixedPupils)).toEqual([]);
  });

  it('is silent when the halves hold the whole class', () => {
    const complete = school([groupe('5A G1', ['5A']), groupe('5A G2', ['5A'])], {
      A1: ['5A G1'],
      A2: ['5A G2'],
      A3: ['5A G1'],
      A4: ['5A G2'],
    });
    expect(warnings(complete)).toEqual([]);
  });
});
