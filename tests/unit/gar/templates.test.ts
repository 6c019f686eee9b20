import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Abonnement, LicenceCount } from '../../../utils/gar/abonnement';
import { planAssignment } from '../../../utils/gar/assignment-plan';
import type { Cible, ConsoleSubscription, SchoolPopulation } from '../../../utils/gar/school';
import { indexPopulation } from '../../../utils/gar/targets';
import type { Template, TemplateRule, TemplateTarget } from '../../../utils/gar/template-record';
import {
  alternativesFor,
  candidatesFor,
  capOverruns,
  conformity,
  type Decisions,
  decisionKey,
  normaliseTitle,
  planTemplates,
  resolveTemplates,
  type TemplateResolution,
  targetsFor,
} from '../../../utils/gar/templates';
import { resolvedAssignmentsCsv } from '../../../utils/gar/templates-csv';
import { sampleAbonnement } from '../abonnement-fixture';
import { person } from './person-fixture';

const now = new Date('2026-11-28T10:00:00.000+01:00');

const MEF_6 = '10010012110';
const MEF_5 = '10110001110';
const MEF_4 = '10210001110';

/**
 * 6A: Faure, Martin (pupils) and Durand (teacher, whose own MEF is 5e); 6B: Écrivain; 5A: Blanc.
 * Divisions are listed out of order so that sorting by code is visible.
 */
const population: SchoolPopulation = {
  divisions: [
    { code: '6B', libelle: '6e B', effectif: 1 },
    { code: '6A', libelle: '6e A', effectif: 2 },
    { code: '5A', libelle: '5e A', effectif: 1 },
  ],
  groupes: [
    { code: '6-ESP', libelle: 'Espagnol 6e', divisions: ['6A', '6B'], effectif: 2 },
    { code: 'LAT5', libelle: 'Latin 5e', divisions: ['5A'], effectif: 1 },
    { code: 'G-ALL', libelle: 'Allemand LV2', divisions: ['5A'], effectif: 0 },
  ],
  mefs: [
    { code: MEF_6, libelle: '6EME' },
    { code: MEF_5, libelle: '5EME' },
    { code: MEF_4, libelle: '4EME' },
  ],
  matieres: [{ code: '061300', libelle: 'MATHEMATIQUES' }],
  personnes: [
    person('ELV-1', 'Martin', 'Camille', 'ELEVE', { divisions: ['6A'], groupes: ['6-ESP'], mefs: [MEF_6] }),
    person('ELV-2', 'Faure', 'Léa', 'ELEVE', { divisions: ['6A'], mefs: [MEF_6] }),
    person('ELV-3', 'Écrivain', 'Tom', 'ELEVE', { divisions: ['6B'], groupes: ['6-ESP'], mefs: [MEF_6] }),
    person('ELV-4', 'Blanc', 'Noé', 'ELEVE', { divisions: ['5A'], groupes: ['LAT5'], mefs: [MEF_5] }),
    person('ENS-1', 'Durand', 'Paul', 'ENSEIGNANT', {
      divisions: ['6A'],
      mefs: [MEF_5],
      matieres: ['061300'],
    }),
    person('DOC-1', 'Le Goff', 'Anne', 'DOCUMENTALISTE'),
  ],
};
const index = indexPopulation(population);

function subscription(
  idAbonnement: string,
  overrides: Partial<Abonnement> = {},
  disponibles: LicenceCount = 'ILLIMITE',
): ConsoleSubscription {
  const achetees = disponibles;
  return {
    abonnement: sampleAbonnement({ idAbonnement, ...overrides }),
    compteurs: { GLOBAL: { achetees, affectees: 0, verrouillees: 0, disponibles } },
    version: 1,
  };
}

function rule(
  title: string,
  targets: TemplateTarget[],
  { ark, caps }: { ark?: string; caps?: TemplateRule['caps'] } = {},
): TemplateRule {
  return { resource: { ...(ark ? { ark } : {}), title }, targets, ...(caps ? { caps } : {}) };
}

function template(id: string, rules: TemplateRule[], name = `Modèle ${id}`): Template {
  return {
    id,
    name,
    description: '',
    createdAt: '2026-06-30T08:00:00.000Z',
    updatedAt: '2026-06-30T08:00:00.000Z',
    version: 2,
    rules,
  };
}

const holdersOf = (entries: Record<string, string[]>): Map<string, Set<string>> =>
  new Map(Object.entries(entries).map(([id, persons]) => [id, new Set(persons)]));

const ids = (subscriptions: readonly ConsoleSubscription[]): string[] =>
  subscriptions.map(({ abonnement }) => abonnement.idAbonnement);

const SIX_A: Cible = { type: 'division', code: '6A' };
const SIX_B: Cible = { type: 'division', code: '6B' };

describe('normaliseTitle', () => {
  it('ignores case and a trailing edition mention, whatever its form', () => {
    expect(normaliseTitle('Maths 5e – éd. 2023')).toBe(normaliseTitle('MATHS 5E'));
    expect(normaliseTitle('Le Robert junior (édition 2024)')).toBe('le robert junior');
    expect(normaliseTitle('Physique-Chimie 3e - Edition 2023-2024')).toBe('physique chimie 3e');
    expect(normaliseTitle('Anglais 4e [éd. 2022]')).toBe('anglais 4e');
  });

  it('removes accents and folds punctuation and repeated spaces', () => {
    expect(normaliseTitle('  Géographie   Éco ')).toBe('geographie eco');
    expect(normaliseTitle("L'Histoire-Géo, 4e !")).toBe('l histoire geo 4e');
    expect(normaliseTitle('Œuvres  complètes')).toBe('oeuvres completes');
  });

  it('keeps a year that is not an edition mention', () => {
    expect(normaliseTitle('Fred 2023')).toBe('fred 2023');
    expect(normaliseTitle('Annales bac 2024')).toBe('annales bac 2024');
  });
});

describe('candidatesFor', () => {
  const maths = subscription('ABO-M', { idRessource: 'ark:/12345/maths5', libelleRessource: 'Maths 5e' });

  it('finds the subscription by ARK, case ignored', () => {
    const found = candidatesFor(
      rule('Autre titre', [], { ark: 'ARK:/12345/Maths5' }),
      [subscription('ABO-X'), maths],
      now,
    );
    expect(ids(found)).toEqual(['ABO-M']);
  });

  it('falls back to the normalised title when no subscription has the ARK', () => {
    const renewed = subscription('ABO-N', {
      idRessource: 'ark:/99999/maths5-2024',
      libelleRessource: 'MATHS 5E – éd. 2024',
    });
    const found = candidatesFor(
      rule('Maths 5e (édition 2023)', [], { ark: 'ark:/12345/old' }),
      [renewed, subscription('ABO-X')],
      now,
    );
    expect(ids(found)).toEqual(['ABO-N']);
  });

  it('prefers the ARK to a title that matches another subscription', () => {
    const sameTitle = subscription('ABO-T', { idRessource: 'ark:/1/other', libelleRessource: 'Maths 5e' });
    const found = candidatesFor(rule('Maths 5e', [], { ark: 'ark:/12345/maths5' }), [sameTitle, maths], now);
    expect(ids(found)).toEqual(['ABO-M']);
  });

  it('returns every subscription of the resource, and none for an unknown one', () => {
    const second = subscription('ABO-M2', { idRessource: 'ark:/12345/maths5', libelleRessource: 'Maths 5e' });
    const byArk = rule('Maths 5e', [], { ark: 'ark:/12345/maths5' });
    expect(ids(candidatesFor(byArk, [maths, second], now))).toEqual(['ABO-M', 'ABO-M2']);
    expect(candidatesFor(rule('Dictionnaire', []), [maths, second], now)).toEqual([]);
  });

  it('leaves out the subscriptions the console would refuse and the deleted ones', () => {
    const same = { idRessource: 'ark:/12345/maths5', libelleRessource: 'Maths 5e' };
    const refused = [
      subscription('ABO-ETABL', { ...same, typeAffectation: 'ETABL' }),
      subscription('ABO-OLD', {
        ...same,
        anneeFinValidite: undefined,
        finValidite: '2026-08-31T23:59:59.000+02:00',
      }),
      subscription('ABO-LATER', { ...same, debutValidite: '2027-01-04T00:00:00.000+01:00' }),
      subscription('_ABO-DEL', { ...same, supprime: true }),
    ];
    const byArk = rule('Maths 5e', [], { ark: 'ark:/12345/maths5' });
    expect(candidatesFor(byArk, refused, now)).toEqual([]);
    expect(ids(candidatesFor(byArk, [...refused, maths], now))).toEqual(['ABO-M']);
  });
});

describe('alternativesFor — what to offer instead of a resource not delivered', () => {
  const offered = [
    subscription('ABO-H', { libelleRessource: 'Histoire-géographie 5e' }),
    subscription('ABO-A6', { libelleRessource: 'Atlas du monde 6e' }),
    subscription('ABO-A5', { libelleRessource: 'Atlas numérique du monde 5e – éd. 2026' }),
    subscription('ABO-D', { libelleRessource: 'Dictionnaire' }),
    subscription('ABO-X', { libelleRessource: 'Atlas numérique du monde 5e', supprime: true }),
  ];

  it('lists every usable subscription, the closest titles first, then by title', () => {
    const atlas = rule('Atlas numérique du monde 5e', [{ kind: 'division', code: '5A' }]);
    expect(alternativesFor(atlas, offered, now).map(({ idAbonnement }) => idAbonnement)).toEqual([
      'ABO-A5',
      'ABO-A6',
      'ABO-H',
      'ABO-D',
    ]);
  });

  it('comes with the rule the console cannot resolve, and choosing one resolves it', () => {
    const model = template('T9', [rule('Atlas numérique du monde 5e', [{ kind: 'division', code: '5A' }])]);
    const [absent] = resolveTemplates([model], offered.slice(0, 2), index, now).nonResolus;
    expect(absent).toMatchObject({
      kind: 'ressourceAbsente',
      alternatives: [
        { idAbonnement: 'ABO-A6', libelle: 'Atlas du monde 6e' },
        { idAbonnement: 'ABO-H', libelle: 'Histoire-géographie 5e' },
      ],
    });
    expect(absent?.message).toBe(
      'Modèle « Modèle T9 », règle 1 (Atlas numérique du monde 5e) : aucun abonnement en cours à cette ressource cette année.',
    );
    const decisions: Decisions = new Map([[decisionKey('T9', 0), { idAbonnement: 'ABO-A6' }]]);
    const resolved = resolveTemplates([model], offered.slice(0, 2), index, now, decisions);
    expect(resolved.lignes.map((line) => line.idAbonnement)).toEqual(['ABO-A6']);
    expect(resolved.nonResolus).toEqual([]);
  });
});

describe('targetsFor', () => {
  it('turns codes known today into console targets and a profile into a profile target', () => {
    const { cibles, problemes } = targetsFor(
      [
        { kind: 'division', code: '6A' },
        { kind: 'groupe', code: 'LAT5' },
        { kind: 'matiere', code: '061300' },
        { kind: 'profil', value: 'DOCUMENTALISTE' },
      ],
      index,
    );
    expect(cibles).toEqual([
      SIX_A,
      { type: 'groupe', code: 'LAT5' },
      { type: 'matiere', code: '061300' },
      { type: 'profil', code: 'DOCUMENTALISTE' },
    ]);
    expect(problemes).toEqual([]);
  });

  it('reports codes unknown this year, one problem per target', () => {
    const targets: TemplateTarget[] = [
      { kind: 'division', code: '6C' },
      { kind: 'groupe', code: 'GREC' },
      { kind: 'matiere', code: '999999' },
    ];
    const { cibles, problemes } = targetsFor(targets, index);
    expect(cibles).toEqual([]);
    expect(problemes.map((p) => [p.kind, p.target])).toEqual(targets.map((t) => ['codeAbsent', t]));
    expect(problemes[0]?.message).toBe("La division 6C n'existe pas cette année dans la console.");
  });

  it('gives a level as the divisions of its pupils, sorted by code, never from teachers’ levels', () => {
    expect(targetsFor([{ kind: 'divisionsDuNiveau', mef: MEF_6 }], index).cibles).toEqual([SIX_A, SIX_B]);
    // Durand teaches in 6A with a 5e MEF of his own: 6A is not a 5e division.
    expect(targetsFor([{ kind: 'divisionsDuNiveau', mef: MEF_5 }], index).cibles).toEqual([
      { type: 'division', code: '5A' },
    ]);
  });

  it('reports a level without any division this year', () => {
    const target: TemplateTarget = { kind: 'divisionsDuNiveau', mef: MEF_4 };
    const { cibles, problemes } = targetsFor([target], index);
    expect(cibles).toEqual([]);
    expect(problemes).toEqual([
      {
        kind: 'niveauSansDivision',
        target,
        message: "Niveau 4EME : aucune division n'a d'élève de ce niveau cette année.",
      },
    ]);
  });

  it('finds groups by a pattern in their code or libellé, case and accents ignored', () => {
    const groups = (motif: string): Cible[] =>
      targetsFor([{ kind: 'groupesCorrespondant', motif }], index).cibles;
    expect(groups('ÉSP')).toEqual([{ type: 'groupe', code: '6-ESP' }]);
    expect(groups('latin')).toEqual([{ type: 'groupe', code: 'LAT5' }]);
    expect(groups('e')).toEqual([
      { type: 'groupe', code: '6-ESP' },
      { type: 'groupe', code: 'G-ALL' },
      { type: 'groupe', code: 'LAT5' },
    ]);
  });

  it('reports a pattern no group matches, including one made of punctuation only', () => {
    for (const motif of ['chinois', '--']) {
      const { cibles, problemes } = targetsFor([{ kind: 'groupesCorrespondant', motif }], index);
      expect(cibles).toEqual([]);
      expect(problemes.map((p) => p.kind)).toEqual(['aucunGroupe']);
      expect(problemes[0]?.message).toContain(`« ${motif} »`);
    }
  });

  it('sends a division reached twice only once', () => {
    const { cibles } = targetsFor(
      [
        { kind: 'division', code: '6A' },
        { kind: 'divisionsDuNiveau', mef: MEF_6 },
      ],
      index,
    );
    expect(cibles).toEqual([SIX_A, SIX_B]);
  });
});

describe('resolveTemplates', () => {
  const maths = subscription('ABO-M', { idRessource: 'ark:/1/maths', libelleRessource: 'Maths 6e' });
  const dicoA = subscription('ABO-D1', { idRessource: 'ark:/1/dico', libelleRessource: 'Dictionnaire' });
  const dicoB = subscription('ABO-D2', { idRessource: 'ark:/1/dico', libelleRessource: 'Dictionnaire' });
  const subscriptions = [maths, dicoA, dicoB];
  const model = template('T1', [
    rule(
      'Maths 6e',
      [
        { kind: 'division', code: '6A' },
        { kind: 'division', code: '6Z' },
      ],
      {
        ark: 'ark:/1/maths',
        caps: { ELEVE: 30 },
      },
    ),
    rule('Dictionnaire', [{ kind: 'groupe', code: '6-ESP' }], { ark: 'ark:/1/dico' }),
    rule('Atlas', [{ kind: 'profil', value: 'ELEVE' }]),
  ]);

  /** Every rule must end up somewhere: a line, an unresolved item, or an explicit « ignorer ». */
  function accountedFor(resolution: TemplateResolution, decisions: Decisions): void {
    model.rules.forEach((_, ruleIndex) => {
      const somewhere =
        resolution.lignes.some((line) => line.ruleIndex === ruleIndex) ||
        resolution.nonResolus.some((item) => item.ruleIndex === ruleIndex) ||
        decisions.get(decisionKey(model.id, ruleIndex)) === 'ignorer';
      expect(somewhere, `règle ${ruleIndex}`).toBe(true);
    });
  }

  it('makes a line of a rule with one subscription and reports everything else', () => {
    const resolution = resolveTemplates([model], subscriptions, index, now);
    expect(resolution.lignes).toEqual([
      {
        templateId: 'T1',
        templateName: 'Modèle T1',
        ruleIndex: 0,
        idAbonnement: 'ABO-M',
        publics: ['ELEVE'],
        cibles: [SIX_A],
        caps: { ELEVE: 30 },
      },
    ]);
    expect(resolution.nonResolus.map((item) => [item.kind, item.ruleIndex])).toEqual([
      ['cible', 0],
      ['plusieursAbonnements', 1],
      ['ressourceAbsente', 2],
    ]);
    const [cible, several, absent] = resolution.nonResolus;
    expect(cible?.message).toBe(
      "Modèle « Modèle T1 », règle 1 : La division 6Z n'existe pas cette année dans la console.",
    );
    expect(several).toMatchObject({
      candidates: [
        { idAbonnement: 'ABO-D1', libelle: 'Dictionnaire' },
        { idAbonnement: 'ABO-D2', libelle: 'Dictionnaire' },
      ],
    });
    expect(several?.message).toContain('2 abonnements possibles');
    expect(absent?.message).toContain('règle 3 (Atlas)');
    accountedFor(resolution, new Map());
  });

  it('follows the RA’s decisions: the chosen subscription, or nothing for an ignored rule', () => {
    const decisions: Decisions = new Map<string, { idAbonnement: string } | 'ignorer'>([
      [decisionKey('T1', 1), { idAbonnement: 'ABO-D2' }],
      [decisionKey('T1', 2), 'ignorer'],
    ]);
    const resolution = resolveTemplates([model], subscriptions, index, now, decisions);
    expect(resolution.lignes.map((line) => [line.ruleIndex, line.idAbonnement, line.cibles])).toEqual([
      [0, 'ABO-M', [SIX_A]],
      [1, 'ABO-D2', [{ type: 'groupe', code: '6-ESP' }]],
    ]);
    expect(resolution.nonResolus.map((item) => [item.kind, item.ruleIndex])).toEqual([['cible', 0]]);
    accountedFor(resolution, decisions);
  });

  it('lets the RA give an absent resource’s rule to another subscription', () => {
    const decisions: Decisions = new Map([[decisionKey('T1', 2), { idAbonnement: 'ABO-M' }]]);
    const { lignes } = resolveTemplates([model], subscriptions, index, now, decisions);
    expect(lignes.map((line) => [line.ruleIndex, line.idAbonnement])).toEqual([
      [0, 'ABO-M'],
      [2, 'ABO-M'],
    ]);
  });

  it('asks again when the chosen subscription is gone or closed', () => {
    const closed = subscription('ABO-D2', {
      idRessource: 'ark:/1/dico',
      libelleRessource: 'Dictionnaire',
      supprime: true,
    });
    const decisions: Decisions = new Map([[decisionKey('T1', 1), { idAbonnement: 'ABO-D2' }]]);
    const resolution = resolveTemplates([model], [maths, dicoA, closed], index, now, decisions);
    // Only one usable subscription is left: the rule goes to it without asking.
    expect(resolution.lignes.map((line) => [line.ruleIndex, line.idAbonnement])).toContainEqual([
      1,
      'ABO-D1',
    ]);
    const gone = resolveTemplates(
      [model],
      subscriptions,
      index,
      now,
      new Map([[decisionKey('T1', 1), { idAbonnement: 'ABO-OLD' }]]),
    );
    expect(gone.nonResolus.map((item) => item.kind)).toContain('plusieursAbonnements');
  });
});

describe('planTemplates', () => {
  const maths = subscription('ABO-M', { idRessource: 'ark:/1/maths', libelleRessource: 'Maths 6e' }, 10);
  const dico = subscription('ABO-D', { idRessource: 'ark:/1/dico', libelleRessource: 'Dictionnaire' }, 10);
  const subscriptions = [maths, dico];
  const byArk = (ark: string, targets: TemplateTarget[], caps?: TemplateRule['caps']): TemplateRule =>
    rule('x', targets, { ark, caps });
  const context = (holders: Map<string, Set<string>> = new Map(), jusquAEpuisement = false) => ({
    subscriptions,
    holders,
    index,
    now,
    jusquAEpuisement,
  });

  it('gives a subscription the union of the targets several templates give it', () => {
    const templates = [
      template('A', [byArk('ark:/1/maths', [{ kind: 'division', code: '6A' }])]),
      template('B', [
        byArk('ark:/1/maths', [
          { kind: 'division', code: '6B' },
          { kind: 'division', code: '6A' },
        ]),
      ]),
    ];
    const resolution = resolveTemplates(templates, subscriptions, index, now);
    const plan = planTemplates(resolution, context());
    expect(plan.abonnements).toHaveLength(1);
    expect(plan.abonnements[0]?.parCible.map((target) => target.cible)).toEqual([SIX_A, SIX_B]);
    expect(plan.totalNouveaux).toBe(3);
    expect(plan).toEqual(planAssignment({ ...context(), subscriptions: [maths], cibles: [SIX_A, SIX_B] }));
  });

  it('equals planAssignment for a single template with one rule', () => {
    const resolution = resolveTemplates(
      [template('A', [byArk('ark:/1/maths', [{ kind: 'groupe', code: '6-ESP' }])])],
      subscriptions,
      index,
      now,
    );
    const holders = holdersOf({ 'ABO-M': ['ELV-1'] });
    expect(planTemplates(resolution, context(holders))).toEqual(
      planAssignment({
        ...context(holders),
        subscriptions: [maths],
        cibles: [{ type: 'groupe', code: '6-ESP' }],
      }),
    );
  });

  it('plans each subscription with its own targets and merges the plans', () => {
    const resolution = resolveTemplates(
      [
        template('A', [
          byArk('ark:/1/maths', [{ kind: 'division', code: '6A' }]),
          byArk('ark:/1/dico', [{ kind: 'division', code: '5A' }]),
        ]),
      ],
      subscriptions,
      index,
      now,
    );
    const plan = planTemplates(resolution, context());
    expect(plan.abonnements.map((p) => [p.idAbonnement, p.parCible.map((t) => t.nouveauxIds)])).toEqual([
      ['ABO-M', [['ELV-2', 'ELV-1']]],
      ['ABO-D', [['ELV-4']]],
    ]);
    expect(plan.totalNouveaux).toBe(3);
    expect(plan.manquantes).toBe(false);
  });

  it('reports the caps the plan would exceed, counting only what it adds', () => {
    const resolution = resolveTemplates(
      [template('A', [byArk('ark:/1/maths', [{ kind: 'divisionsDuNiveau', mef: MEF_6 }], { ELEVE: 2 })])],
      subscriptions,
      index,
      now,
    );
    const plan = planTemplates(resolution, context());
    expect(capOverruns(resolution, plan, index)).toEqual([
      { templateId: 'A', ruleIndex: 0, idAbonnement: 'ABO-M', profil: 'ELEVE', cap: 2, prevus: 3 },
    ]);
    const holders = holdersOf({ 'ABO-M': ['ELV-1'] });
    expect(capOverruns(resolution, planTemplates(resolution, context(holders)), index)).toEqual([]);
  });
});

describe('conformity', () => {
  const maths = subscription('ABO-M', { idRessource: 'ark:/1/maths', libelleRessource: 'Maths 6e' });
  const byArk = (targets: TemplateTarget[]): TemplateRule => rule('x', targets, { ark: 'ark:/1/maths' });

  it('counts designated persons without a licence and holders the template does not designate', () => {
    const resolution = resolveTemplates(
      [template('A', [byArk([{ kind: 'division', code: '6A' }])])],
      [maths],
      index,
      now,
    );
    // 6A designates Martin and Faure (the teacher is outside the pupils-only publics).
    const holders = holdersOf({ 'ABO-M': ['ELV-1', 'ELV-4', 'PARTI-1'] });
    expect(conformity(resolution, holders, index)).toEqual([
      { templateId: 'A', ruleIndex: 0, idAbonnement: 'ABO-M', manquants: 1, enTrop: 2 },
    ]);
  });

  it('does not call extra the persons another rule of the same template designates', () => {
    const resolution = resolveTemplates(
      [template('A', [byArk([{ kind: 'division', code: '6A' }]), byArk([{ kind: 'division', code: '6B' }])])],
      [maths],
      index,
      now,
    );
    const holders = holdersOf({ 'ABO-M': ['ELV-1', 'ELV-2', 'ELV-3'] });
    expect(conformity(resolution, holders, index).map((c) => [c.ruleIndex, c.manquants, c.enTrop])).toEqual([
      [0, 0, 0],
      [1, 0, 0],
    ]);
  });
});

describe('resolvedAssignmentsCsv', () => {
  it('writes one row per template, rule, subscription and target, for French Excel', () => {
    const maths = subscription('ABO-M', {
      idRessource: 'ark:/1/maths',
      libelleRessource: 'Maths 6e; tome 1',
      publicCible: ['ELEVE', 'ENSEIGNANT'],
    });
    const resolution = resolveTemplates(
      [
        template(
          'A',
          [
            rule(
              'x',
              [
                { kind: 'division', code: '6A' },
                { kind: 'profil', value: 'ENSEIGNANT' },
              ],
              {
                ark: 'ark:/1/maths',
              },
            ),
          ],
          '=Rentrée 6e',
        ),
      ],
      [maths],
      index,
      now,
    );
    const csv = resolvedAssignmentsCsv(resolution, new Map([['ABO-M', 'Maths 6e; tome 1']]), index);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { delimiter: ';' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      ['Modèle', 'Règle', 'Ressource', 'Abonnement', 'Cible', 'Type de cible', 'Code', 'Personnes désignées'],
      ["'=Rentrée 6e", '1', 'Maths 6e; tome 1', 'ABO-M', 'Division 6A', 'division', '6A', '3'],
      ["'=Rentrée 6e", '1', 'Maths 6e; tome 1', 'ABO-M', 'Tous les enseignants', 'profil', 'ENSEIGNANT', '1'],
    ]);
  });
});
