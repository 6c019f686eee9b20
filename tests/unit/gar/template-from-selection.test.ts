import { describe, expect, it } from 'vitest';
import type { ConsoleSubscription } from '../../../utils/gar/school';
import { rulesFromSelection } from '../../../utils/gar/template-from-selection';
import { templateRuleSchema } from '../../../utils/gar/template-record';
import { sampleAbonnement } from '../abonnement-fixture';

const subscription = (overrides: Parameters<typeof sampleAbonnement>[0]): ConsoleSubscription => ({
  abonnement: sampleAbonnement(overrides),
  compteurs: {},
  version: 1,
});

describe('rulesFromSelection — « Enregistrer comme modèle »', () => {
  it('keeps the resource by ARK and title, never the idAbonnement, and the targets as rules', () => {
    const { rules, personnesIgnorees } = rulesFromSelection(
      [
        subscription({
          idAbonnement: 'ABO-2026-1',
          idRessource: 'ark:/49591/maths-6e',
          libelleRessource: 'Maths 6e',
        }),
      ],
      [
        { type: 'mef', code: '10010012110' },
        { type: 'groupe', code: '6-ESP' },
        { type: 'profil', code: 'ENSEIGNANT' },
        { type: 'personne', code: 'ELV-42' },
      ],
    );
    expect(rules).toEqual([
      {
        resource: { ark: 'ark:/49591/maths-6e', title: 'Maths 6e' },
        targets: [
          { kind: 'divisionsDuNiveau', mef: '10010012110' },
          { kind: 'groupe', code: '6-ESP' },
          { kind: 'profil', value: 'ENSEIGNANT' },
        ],
      },
    ]);
    expect(JSON.stringify(rules)).not.toContain('ABO-2026-1');
    expect(personnesIgnorees).toBe(1);
    for (const rule of rules) expect(templateRuleSchema.safeParse(rule).success).toBe(true);
  });

  it('keeps only the title when the resource is not identified by an ARK', () => {
    const { rules } = rulesFromSelection(
      [subscription({ typeIdRessource: 'ISBN', idRessource: '9782000000000', libelleRessource: 'Atlas' })],
      [{ type: 'division', code: '5A' }],
    );
    expect(rules[0]?.resource).toEqual({ title: 'Atlas' });
  });
});
