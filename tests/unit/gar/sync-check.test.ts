import { describe, expect, it } from 'vitest';
import type { SchoolPopulation } from '../../../utils/gar/school';
import { checkSync, populationCounts, syncMessage } from '../../../utils/gar/sync-check';
import { indexPopulation, syncDefects } from '../../../utils/gar/targets';
import { speak } from '../speak';
import { person } from './person-fixture';

/** 6A and 6B with their pupils; 6-ESP draws from 6A only but holds a 6B pupil; 6C is empty; nobody is documentaliste. */
function school(extra: Partial<SchoolPopulation> = {}): SchoolPopulation {
  return {
    divisions: [
      { code: '6A', libelle: '6e A', effectif: 2 },
      { code: '6B', libelle: '6e B', effectif: 1 },
      { code: '6C', libelle: '6e C', effectif: 0 },
    ],
    groupes: [
      { code: '6-ESP', libelle: 'Espagnol', divisions: ['6A'], effectif: 2 },
      { code: '6-LAT', libelle: 'Latin', divisions: ['6A'], effectif: 0 },
    ],
    mefs: [{ code: '6EME', libelle: 'Sixième' }],
    matieres: [],
    personnes: [
      person('E1', 'Martin', 'Léa', 'ELEVE', { divisions: ['6A'], groupes: ['6-ESP'], mefs: ['6EME'] }),
      person('E2', 'Faure', 'Tom', 'ELEVE', { divisions: ['6A'], mefs: ['6EME'] }),
      person('E3', 'Blanc', 'Noé', 'ELEVE', { divisions: ['6B'], groupes: ['6-ESP'], mefs: ['6EME'] }),
      person('E4', 'Roux', 'Ana', 'ELEVE', { mefs: ['6EME'] }),
      person('P1', 'Durand', 'Paul', 'ENSEIGNANT', { divisions: ['6A'] }),
      person('A1', 'Petit', 'Marc', 'AUTRE PERSONNEL'),
    ],
    ...extra,
  };
}

const kinds = (findings: { kind: string }[]): string[] => findings.map((finding) => finding.kind);

describe('checkSync — what the ENT did not bring', () => {
  it('flags empty divisions and groups, pupils in no division, stray group members and a missing profile', () => {
    const { findings } = checkSync(indexPopulation(school()));
    expect(kinds(findings)).toEqual([
      'profilAbsent',
      'divisionVide',
      'groupeVide',
      'elevesSansDivision',
      'horsDivisions',
    ]);
    expect(findings[0]).toMatchObject({ message: 'Aucun documentaliste dans la console.' });
    expect(findings.find((f) => f.kind === 'horsDivisions')?.message).toContain('6-ESP');
    for (const finding of findings) expect(finding.demande).toMatch(/ENT|GAR/);
  });

  it('says nothing of pupils outside an option group, and the same as the bulk panel of a split class', () => {
    // E2 of 6A is in no group: 6-ESP is a language, not half of the class.
    expect(kinds(checkSync(indexPopulation(school())).findings)).not.toContain('absentsDesGroupes');
    const split = school({
      groupes: [
        { code: '6A G1', libelle: 'Demi-groupe 1', divisions: ['6A'], effectif: 1 },
        { code: '6A G2', libelle: 'Demi-groupe 2', divisions: ['6A'], effectif: 0 },
      ],
    });
    const population = {
      ...split,
      personnes: split.personnes.map((p) => (p.id === 'E1' ? { ...p, groupes: ['6A G1'] } : p)),
    };
    const index = indexPopulation(population);
    const finding = checkSync(index).findings.find((f) => f.kind === 'absentsDesGroupes');
    const [defect] = syncDefects(index, [{ type: 'division', code: '6A' }]);
    expect(finding?.message).toBe(defect?.message);
    expect(finding?.message).toContain('Ces groupes partagent la classe');
    expect(finding?.demande).toBe(
      "Vérifier dans l'ENT les inscriptions aux groupes 6A G1, 6A G2 : des élèves de 6A n'y sont pas.",
    );
  });

  it('compares with the previous visit: drops and jumps beyond 10 % and 5 persons', () => {
    const index = indexPopulation(school());
    const previous = populationCounts(index);
    previous.profils.ELEVE = 40;
    previous.divisions['6A'] = 3;
    const { findings } = checkSync(index, { previous });
    const variations = findings.filter((f) => f.kind === 'variation');
    expect(variations.map((f) => f.message)).toEqual(['élèves : 40 → 4 depuis la dernière visite (baisse).']);
  });

  it('compares with what the RA expects: number of divisions and pupils per level', () => {
    const { findings } = checkSync(indexPopulation(school()), {
      expected: { divisions: 4, elevesParNiveau: { '6EME': 60 } },
    });
    expect(findings.filter((f) => f.kind.startsWith('attente')).map((f) => f.message)).toEqual([
      '3 divisions dans la console, 4 attendues.',
      'Niveau 6EME : 4 élèves dans la console, environ 60 attendus.',
    ]);
  });

  it('keeps counts and codes only, never a name', () => {
    const counts = populationCounts(indexPopulation(school()));
    expect(counts).toEqual({
      profils: { ELEVE: 4, ENSEIGNANT: 1, DOCUMENTALISTE: 0, 'AUTRE PERSONNEL': 1 },
      divisions: { '6A': 2, '6B': 1, '6C': 0 },
      groupes: { '6-ESP': 2, '6-LAT': 0 },
      niveaux: { '6EME': 4 },
    });
    expect(JSON.stringify(counts)).not.toMatch(/Martin|Léa/);
  });

  it('finds nothing to say about a complete school', () => {
    const complete = school({
      divisions: [{ code: '6A', libelle: '6e A', effectif: 1 }],
      groupes: [],
      personnes: [
        person('E1', 'Martin', 'Léa', 'ELEVE', { divisions: ['6A'], mefs: ['6EME'] }),
        person('P1', 'Durand', 'Paul', 'ENSEIGNANT'),
        person('D1', 'Le Goff', 'Anne', 'DOCUMENTALISTE'),
        person('A1', 'Petit', 'Marc', 'AUTRE PERSONNEL'),
      ],
    });
    expect(checkSync(indexPopulation(complete)).findings).toEqual([]);
  });
});

describe('syncMessage — for the ENT administrator', () => {
  it('lists every finding with what to check, for the school, ready to send', () => {
    const { findings } = checkSync(indexPopulation(school()));
    const message = syncMessage(findings, '0561622J');
    const lines = message.split('\n');
    expect(lines[0]).toBe('Objet : Synchronisation ENT → GAR à vérifier – UAI 0561622J');
    expect(message).toContain(`montre ${findings.length} écarts avec l’ENT :`);
    for (const finding of findings) {
      const at = lines.indexOf(`- ${finding.message}`);
      expect(at, finding.message).toBeGreaterThan(0);
      expect(lines[at + 1]).toBe(`  ${finding.demande}`);
    }
    expect(lines.at(-1)).toBe('Le responsable d’affectation (UAI 0561622J)');
    // Counts and codes, as the findings: never a pupil's name.
    expect(message).not.toMatch(/Martin|Léa|Roux/);
  });

  it('agrees with one finding', () => {
    const [first] = checkSync(indexPopulation(school())).findings;
    expect(syncMessage(first ? [first] : [], '0290009C')).toContain('montre 1 écart avec l’ENT :');
  });
});

describe('in English', () => {
  it('says the findings, what to ask and the message to send in English', () => {
    speak('en');
    const { findings } = checkSync(indexPopulation(school()));
    expect(findings[0]).toMatchObject({
      message: 'No librarian in the console.',
      demande: 'Ask why librarian accounts are not sent to the GAR.',
    });
    expect(findings.find((f) => f.kind === 'elevesSansDivision')?.message).toBe('1 student in no class.');
    expect(findings.find((f) => f.kind === 'horsDivisions')?.message).toBe(
      'Group 6-ESP: 1 student in none of its classes (6A).',
    );
    const message = syncMessage(findings, '0561622J');
    expect(message).toMatch(/^Subject: ENT → GAR synchronisation to check – UAI 0561622J\n/);
    expect(message).toContain(`shows ${findings.length} differences from the ENT:`);
  });
});
