import { describe, expect, it } from 'vitest';
import {
  isResumable,
  jobState,
  operationCounts,
  operationSummary,
  requestSummary,
} from '../../../utils/gar/assignment-job';
import type { JournalEntry, JournalStep } from '../../../utils/gar/journal-record';
import { speak } from '../speak';

const AT = '2026-11-28T09:00:00.000Z';

function step(action: string, idAbonnement?: string, personIds?: string[], ok = true): JournalStep {
  return {
    at: AT,
    action,
    ...(idAbonnement ? { idAbonnement } : {}),
    ...(personIds ? { personIds } : {}),
    ok,
  };
}

function entry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: 'op-1',
    uai: '0561622J',
    kind: 'affectation',
    startedAt: AT,
    status: 'interrompu',
    summary: 'Affectation groupée',
    steps: [],
    job: { abonnements: [], cibles: [], jusquAEpuisement: false },
    ...overrides,
  };
}

describe('jobState', () => {
  it('is empty for an operation that wrote nothing', () => {
    expect(jobState({ steps: [step('debut')] })).toEqual({
      faits: new Map(),
      termines: new Set(),
      incertains: new Map(),
      verifies: new Map(),
    });
  });

  it('remembers who a check found reached by an unanswered write, until the next write', () => {
    const state = jobState({
      steps: [
        { ...step('envoi'), idAbonnement: 'A', personIds: ['p1', 'p2'] },
        { ...step('verifie'), idAbonnement: 'A', personIds: ['p1'] },
      ],
    });
    expect(state.verifies.get('A')).toEqual(new Set(['p1']));
    expect(state.incertains.get('A')).toEqual(['p1', 'p2']);
    const again = jobState({
      steps: [
        { ...step('envoi'), idAbonnement: 'A', personIds: ['p1', 'p2'] },
        { ...step('verifie'), idAbonnement: 'A', personIds: ['p1'] },
        { ...step('envoi'), idAbonnement: 'A', personIds: ['p2'] },
      ],
    });
    expect(again.verifies.has('A')).toBe(false);
  });

  it('gathers who was added, answered or found, per subscription', () => {
    const state = jobState({
      steps: [
        step('envoi', 'A', ['P1', 'P2']),
        step('affecte', 'A', ['P1']),
        step('envoi', 'B', ['P3']),
        step('erreur', 'B', undefined, false),
        step('constate', 'B', ['P3']),
      ],
    });
    expect(state.faits).toEqual(
      new Map([
        ['A', ['P1']],
        ['B', ['P3']],
      ]),
    );
    expect(state.termines).toEqual(new Set(['A', 'B']));
    expect(state.incertains).toEqual(new Map());
  });

  it('keeps a write without an answer as uncertain, with the persons it was about', () => {
    const state = jobState({
      steps: [
        step('envoi', 'A', ['P1']),
        step('affecte', 'A', ['P1']),
        step('envoi', 'B', ['P2', 'P3']),
        step('envoi', 'C', ['P4']),
        step('erreur', 'C', undefined, false),
      ],
    });
    expect(state.termines).toEqual(new Set(['A']));
    // An error does not settle a write: a dropped connection may have carried it.
    expect(state.incertains).toEqual(
      new Map([
        ['B', ['P2', 'P3']],
        ['C', ['P4']],
      ]),
    );
  });

  it('follows a resume: a new write makes a settled subscription uncertain again, a later answer adds up', () => {
    const steps = [
      step('envoi', 'A', ['P1']),
      step('affecte', 'A', ['P1']),
      step('reprise'),
      step('envoi', 'A', ['P2']),
    ];
    expect(jobState({ steps }).termines).toEqual(new Set());
    expect(jobState({ steps }).incertains).toEqual(new Map([['A', ['P2']]]));
    const answered = jobState({ steps: [...steps, step('affecte', 'A', ['P2', 'P1'])] });
    expect(answered.faits).toEqual(new Map([['A', ['P1', 'P2']]]));
    expect(answered.termines).toEqual(new Set(['A']));
  });

  it('reads an undo: who was removed', () => {
    const state = jobState({
      steps: [step('envoi', 'A', ['P1', 'P2']), step('retire', 'A', ['P1', 'P2'])],
    });
    expect(state.faits).toEqual(new Map([['A', ['P1', 'P2']]]));
    expect(state.termines).toEqual(new Set(['A']));
  });
});

describe('isResumable', () => {
  it('resumes an assignment or an undo that is running or interrupted', () => {
    for (const kind of ['affectation', 'annulation']) {
      expect(isResumable(entry({ kind, status: 'enCours' }))).toBe(true);
      expect(isResumable(entry({ kind, status: 'interrompu' }))).toBe(true);
    }
  });

  it('does not resume what ended, was given up or is another kind of entry', () => {
    for (const status of ['termine', 'annule', 'echec'] as const) {
      expect(isResumable(entry({ status }))).toBe(false);
    }
    expect(isResumable(entry({ kind: 'import' }))).toBe(false);
  });
});

describe('operationCounts', () => {
  const run = new Map([
    ['ABO-2', ['e3', 'e4']],
    ['ABO-3', ['e1']],
  ]);

  it('counts a first run as it is, without « après reprise »', () => {
    expect(operationCounts({ steps: [] }, run)).toEqual({ personnes: 3, abonnements: 2 });
  });

  it('counts a resumed operation whole: earlier runs, writes settled on resuming, and this run', () => {
    const before = [
      step('envoi', 'ABO-1', ['e1', 'e2']),
      step('affecte', 'ABO-1', ['e1', 'e2']),
      step('envoi', 'ABO-2', ['e3', 'e4', 'e5']),
      // Found applied when resuming, then sent again for the rest.
      step('verifie', 'ABO-2', ['e5']),
      step('reprise'),
    ];
    expect(operationCounts({ steps: before }, run)).toEqual({
      personnes: 6,
      abonnements: 3,
      apresReprise: 3,
    });
  });

  it('counts a person once per subscription when the journal already has this run’s steps', () => {
    const steps = [step('reprise'), step('affecte', 'ABO-2', ['e3', 'e4']), step('affecte', 'ABO-3', ['e1'])];
    // Everything was done after the resume: « dont 3 après reprise » would say nothing more.
    expect(operationCounts({ steps }, run)).toEqual({ personnes: 3, abonnements: 2 });
  });
});

describe('what an operation asked, in the RA’s words', () => {
  const job = {
    abonnements: [
      { idAbonnement: 'A', libelle: 'Atlas' },
      { idAbonnement: 'F', libelle: 'Français 5e' },
    ],
    cibles: [
      { type: 'division' as const, code: '5A', libelle: 'Division 5A' },
      { type: 'mef' as const, code: '5EME', libelle: 'Niveau 5EME' },
      { type: 'groupe' as const, code: 'LV2', libelle: '' },
    ],
    jusquAEpuisement: false,
  };

  it('counts the subscriptions in agreement and names the targets inside a sentence', () => {
    expect(requestSummary(job)).toBe('2 abonnements × division 5A, niveau 5EME, LV2');
    expect(requestSummary({ ...job, abonnements: [{ idAbonnement: 'A', libelle: 'Atlas' }] })).toBe(
      '1 abonnement × division 5A, niveau 5EME, LV2',
    );
    expect(requestSummary({ ...job, modeles: ['Rentrée 5A'] })).toBe('Modèle « Rentrée 5A » (2 abonnements)');
  });

  it('names the operation an undo undid: its date in Paris time, and what it had asked', () => {
    const undo = entry({ kind: 'annulation', job: { ...job, annule: 'op-0' } });
    const undone = entry({ id: 'op-0', startedAt: '2026-11-28T09:05:00.000Z' });
    expect(operationSummary(undo, undone)).toBe(
      'Annulation de l’affectation du 28/11/2026 10:05 : 2 abonnements × division 5A, niveau 5EME, LV2',
    );
    // Purged since: the date is lost, not what was asked.
    expect(operationSummary(undo)).toBe(
      'Annulation d’une affectation : 2 abonnements × division 5A, niveau 5EME, LV2',
    );
    expect(operationSummary(entry({ job }))).toBe(requestSummary(job));
  });
  it('says it in English too, the targets as the journal recorded them', () => {
    speak('en');
    expect(requestSummary({ ...job, modeles: ['Rentrée 5A', 'Options'] })).toBe(
      'Templates “Rentrée 5A”, “Options” (2 subscriptions)',
    );
    const undo = entry({ kind: 'annulation', job: { ...job, annule: 'op-0' } });
    expect(operationSummary(undo)).toBe(
      'Undo of an assignment: 2 subscriptions × division 5A, niveau 5EME, LV2',
    );
  });
});
