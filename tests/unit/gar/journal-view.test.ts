import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { JournalEntry, JournalStep } from '../../../utils/gar/journal-record';
import {
  filterJournal,
  type JournalWords,
  journalCounts,
  journalCsv,
  journalCsvFileName,
  journalCsvRows,
  journalSchools,
  journalSubscriptions,
  undoneAt,
} from '../../../utils/gar/journal-view';
import { speak } from '../speak';

const words: JournalWords = {
  kind: (kind) => (kind === 'affectation' ? 'Affectation groupée' : 'Annulation'),
  status: (status) => ({ termine: 'Terminée', interrompu: 'Interrompue' })[status as string] ?? status,
};

function step(action: string, fields: Partial<JournalStep> = {}): JournalStep {
  return { at: '2026-11-28T09:00:01.000Z', action, ok: true, ...fields };
}

function entry(fields: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: 'op-1',
    uai: '0561622J',
    kind: 'affectation',
    startedAt: '2026-11-28T09:00:00.000Z',
    endedAt: '2026-11-28T09:00:05.000Z',
    status: 'termine',
    summary: 'Maths 6e pour les 6e',
    steps: [],
    job: {
      abonnements: [
        { idAbonnement: 'ABO-1', libelle: 'Maths 6e — Hirondelle' },
        { idAbonnement: 'ABO-2', libelle: 'Dictionnaire Élémentaire' },
      ],
      cibles: [
        { type: 'division', code: '6A', libelle: 'Division 6A' },
        { type: 'groupe', code: 'LAT', libelle: 'Groupe LAT' },
      ],
      jusquAEpuisement: false,
    },
    ...fields,
  };
}

const assignment = entry({
  steps: [
    step('envoi', { idAbonnement: 'ABO-1', personIds: ['p1', 'p2', 'p3'] }),
    step('affecte', { idAbonnement: 'ABO-1', personIds: ['p1', 'p2', 'p3'] }),
    step('envoi', { idAbonnement: 'ABO-2', personIds: ['p1', 'p2'] }),
    step('erreur', { idAbonnement: 'ABO-2', ok: false, error: 'Session expirée' }),
    step('reprise'),
    step('constate', { idAbonnement: 'ABO-2', personIds: ['p1'] }),
    // A resume may confirm again someone an earlier step already counted.
    step('constate', { idAbonnement: 'ABO-1', personIds: ['p3'] }),
  ],
});

const undo = entry({
  id: 'op-2',
  kind: 'annulation',
  startedAt: '2026-11-29T10:00:00.000Z',
  endedAt: '2026-11-29T10:00:03.000Z',
  summary: 'Annulation : Maths 6e pour les 6e',
  job: {
    abonnements: [{ idAbonnement: 'ABO-1', libelle: 'Maths 6e — Hirondelle' }],
    cibles: [],
    jusquAEpuisement: false,
    annule: 'op-1',
  },
  steps: [
    step('envoi', { idAbonnement: 'ABO-1', personIds: ['p1', 'p2'] }),
    step('retire', { idAbonnement: 'ABO-1', personIds: ['p1', 'p2'] }),
  ],
});

const otherSchool = entry({
  id: 'op-3',
  uai: '0290001A',
  status: 'interrompu',
  startedAt: '2026-12-01T23:30:00.000Z',
  summary: 'Anglais 5e',
  job: {
    abonnements: [{ idAbonnement: 'ABO-9', libelle: 'English Rocks' }],
    cibles: [],
    jusquAEpuisement: true,
  },
});

const journal = [otherSchool, undo, { ...assignment, annulePar: 'op-2' }];

describe('journalCounts', () => {
  it('counts confirmed persons once per subscription, never the « envoi » announcing them', () => {
    expect(journalCounts(assignment)).toEqual({ abonnements: 2, added: 4, removed: 0, failures: 1 });
  });

  it('counts the persons an undo removed', () => {
    expect(journalCounts(undo)).toEqual({ abonnements: 1, added: 0, removed: 2, failures: 0 });
  });

  it('ignores the persons of a failed step', () => {
    const failed = entry({
      steps: [step('affecte', { idAbonnement: 'ABO-1', personIds: ['p1'], ok: false })],
    });
    expect(journalCounts(failed)).toMatchObject({ added: 0, failures: 1 });
  });

  it('finds a subscription only a step names when the job was not recorded', () => {
    const bare = entry({
      job: undefined,
      steps: [step('affecte', { idAbonnement: 'ABO-7', personIds: ['p1'] })],
    });
    expect(journalSubscriptions(bare)).toEqual([{ idAbonnement: 'ABO-7', libelle: '' }]);
    expect(journalCounts(bare)).toMatchObject({ abonnements: 1, added: 1 });
  });
});

describe('filterJournal', () => {
  const ids = (entries: JournalEntry[]): string[] => entries.map((found) => found.id);

  it('keeps everything without a filter, in the given order', () => {
    expect(ids(filterJournal(journal, {}))).toEqual(['op-3', 'op-2', 'op-1']);
    expect(ids(filterJournal(journal, { uai: '', kind: '', text: '  ' }))).toEqual(['op-3', 'op-2', 'op-1']);
  });

  it('filters by school, kind and status', () => {
    expect(ids(filterJournal(journal, { uai: '0290001A' }))).toEqual(['op-3']);
    expect(ids(filterJournal(journal, { kind: 'annulation' }))).toEqual(['op-2']);
    expect(ids(filterJournal(journal, { status: 'interrompu' }))).toEqual(['op-3']);
    expect(ids(filterJournal(journal, { uai: '0561622J', kind: 'affectation' }))).toEqual(['op-1']);
  });

  it('filters by period on the Paris calendar, both ends included', () => {
    // 2026-12-01T23:30Z is already 2 December in Paris (UTC+1 in winter).
    expect(ids(filterJournal(journal, { from: '2026-12-02' }))).toEqual(['op-3']);
    expect(ids(filterJournal(journal, { to: '2026-12-01' }))).toEqual(['op-2', 'op-1']);
    expect(ids(filterJournal(journal, { from: '2026-11-29', to: '2026-11-29' }))).toEqual(['op-2']);
  });

  it('searches summaries and resource titles, ignoring case and accents', () => {
    expect(ids(filterJournal(journal, { text: 'english' }))).toEqual(['op-3']);
    expect(ids(filterJournal(journal, { text: 'dictionnaire elementaire' }))).toEqual(['op-1']);
    expect(ids(filterJournal(journal, { text: 'ANNULATION' }))).toEqual(['op-2']);
    expect(ids(filterJournal(journal, { text: 'Physique' }))).toEqual([]);
  });
});

describe('journalSchools and undoneAt', () => {
  it('lists each school once, sorted', () => {
    expect(journalSchools(journal)).toEqual(['0290001A', '0561622J']);
  });

  it('dates an undone operation by the end of its undo, and knows when the undo is gone', () => {
    const byId = new Map(journal.map((found) => [found.id, found]));
    expect(undoneAt({ ...assignment, annulePar: 'op-2' }, byId)).toBe('2026-11-29T10:00:03.000Z');
    expect(undoneAt({ ...assignment, annulePar: 'purged' }, byId)).toBeUndefined();
    expect(undoneAt(assignment, byId)).toBeUndefined();
  });
});

describe('journal CSV', () => {
  it('writes one row per operation and subscription, with that subscription’s own counts', () => {
    const rows = journalCsvRows([{ ...assignment, annulePar: 'op-2' }], words, journal);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      Début: '28/11/2026 10:00',
      Fin: '28/11/2026 10:00',
      Établissement: '0561622J',
      Opération: 'Affectation groupée',
      État: 'Terminée',
      Résumé: 'Maths 6e pour les 6e',
      Abonnement: 'ABO-1',
      Ressource: 'Maths 6e — Hirondelle',
      'Personnes ajoutées': 3,
      'Personnes retirées': 0,
      'Étapes en échec': 0,
      Cibles: 'Division 6A, Groupe LAT',
      'Jusqu’à épuisement': 'non',
      // The undo is filtered out of the export but still dates the operation.
      'Annulée le': '29/11/2026 11:00',
    });
    expect(rows[1]).toMatchObject({ Abonnement: 'ABO-2', 'Personnes ajoutées': 1, 'Étapes en échec': 1 });
  });

  it('keeps an operation without subscriptions as one row, and an undo that was purged as a fact', () => {
    const bare = entry({ job: undefined, annulePar: 'purged' });
    expect(journalCsvRows([bare], words)).toEqual([
      expect.objectContaining({
        Abonnement: '',
        Ressource: '',
        'Annulée le': 'oui, date inconnue',
        Cibles: '',
      }),
    ]);
  });

  it('opens in French Excel and neutralises formulas with a leading apostrophe', () => {
    const tricky = entry({ summary: '=HYPERLINK("http://x";"clic"); 6e "A"', job: undefined });
    const csv = journalCsv([tricky, otherSchool], words);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), {
      delimiter: ';',
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]?.Résumé).toBe('\'=HYPERLINK("http://x";"clic"); 6e "A"');
    expect(parsed.data[1]).toMatchObject({
      Établissement: '0290001A',
      État: 'Interrompue',
      Ressource: 'English Rocks',
      'Jusqu’à épuisement': 'oui',
    });
  });

  it('names the file after the Paris day', () => {
    expect(journalCsvFileName(new Date('2026-12-31T23:30:00.000Z'))).toBe(
      'journal-compagnon-gar-2027-01-01.csv',
    );
  });
});

describe('journal CSV in English', () => {
  it('writes the headers and the yes/no cells in English', () => {
    speak('en');
    const [row] = journalCsvRows([entry({ job: undefined, annulePar: 'purged' })], words);
    expect(Object.keys(row ?? {})).toEqual([
      'Start',
      'End',
      'School',
      'Operation',
      'Status',
      'Summary',
      'Subscription',
      'Resource',
      'Persons added',
      'Persons removed',
      'Failed steps',
      'Targets',
      'Until licences run out',
      'Undone on',
    ]);
    expect(row).toMatchObject({ 'Undone on': 'yes, date unknown' });
  });
});
