// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  type JournalSource,
  readReviewedJournal,
  resumableOf,
  undoableOf,
  undoneBy,
} from '../../../utils/bulk/journal-review';
import { type OperationPorts, planFromConsole } from '../../../utils/bulk/operation';
import type { JournalEntry } from '../../../utils/gar/journal-record';
import type { Cible } from '../../../utils/gar/school';
import type { ConsoleClient } from '../../../utils/hosts/console/api';
import { MemoryJournal } from './memory-journal';
import { COLLEGE_UAI, simulator } from './sim-console';

const SIX_A: Cible[] = [{ type: 'division', code: '6A' }];

/**
 * A job whose one write was sent and never answered (the tab closed): the journal holds the
 * « envoi » only. `applied` says whether the console carried it out.
 */
async function interruptedJob(client: ConsoleClient, journal: MemoryJournal, applied: boolean) {
  const ports = { client, journal, now: () => new Date() };
  const ids = (await client.subscriptions(COLLEGE_UAI)).map((s) => s.abonnement.idAbonnement);
  const { plan } = await planFromConsole(ports, {
    uai: COLLEGE_UAI,
    ids,
    cibles: SIX_A,
    jusquAEpuisement: false,
  });
  const target = plan.abonnements.find((subscription) => subscription.parCible.some((t) => t.nouveaux > 0));
  if (!target) throw new Error('a subscription adding someone of 6A');
  const attendus = target.parCible.flatMap((t) => t.nouveauxIds);
  const entry = await journal.start({
    uai: COLLEGE_UAI,
    kind: 'affectation',
    summary: '1 abonnement × division 6A',
    job: {
      abonnements: [{ idAbonnement: target.idAbonnement, libelle: target.idAbonnement }],
      cibles: [{ type: 'division', code: '6A', libelle: 'Division 6A' }],
      jusquAEpuisement: false,
    },
  });
  await journal.step(entry.id, {
    at: new Date().toISOString(),
    action: 'envoi',
    idAbonnement: target.idAbonnement,
    personIds: attendus,
    ok: true,
  });
  if (applied) {
    const { version } = await client.affectations(COLLEGE_UAI, target.idAbonnement);
    await client.assign(COLLEGE_UAI, target.idAbonnement, {
      version,
      cibles: attendus.map((code) => ({ type: 'personne', code })),
    });
  }
  return { entry, idAbonnement: target.idAbonnement };
}

const sourceOf = (journal: MemoryJournal, running: ReadonlySet<string> = new Set()): JournalSource => ({
  list: async () => journal.all(),
  runningIds: async () => running,
});

/** Counts the console's affectation reads: what a review costs. */
function counting(client: ConsoleClient): { client: ConsoleClient; reads: () => number } {
  let reads = 0;
  return {
    client: {
      ...client,
      affectations: (uai, id) => {
        reads += 1;
        return client.affectations(uai, id);
      },
    },
    reads: () => reads,
  };
}

describe('the journal as the panel lists it', () => {
  it('closes an interrupted job found applied in full, lists it again as done and offers it for undo', async () => {
    const sim = await simulator();
    const client = await sim.login();
    const journal = new MemoryJournal();
    const { entry } = await interruptedJob(client, journal, true);
    const ports: OperationPorts = { client, journal, now: () => new Date() };

    const read = await readReviewedJournal(ports, sourceOf(journal), COLLEGE_UAI, new Map());

    expect(read.reviews.get(entry.id)?.kind).toBe('termine');
    expect(read.entries.find((e) => e.id === entry.id)?.status).toBe('termine');
    expect(resumableOf(read)).toEqual([]);
    expect(undoableOf(read.entries).map((e) => e.id)).toEqual([entry.id]);
  });

  it('files a job with writes left as stopped and offers its resume; a second listing reads nothing again', async () => {
    const sim = await simulator();
    const journal = new MemoryJournal();
    const { entry } = await interruptedJob(await sim.login(), journal, false);
    const { client, reads } = counting(await sim.login());
    const ports: OperationPorts = { client, journal, now: () => new Date() };

    const first = await readReviewedJournal(ports, sourceOf(journal), COLLEGE_UAI, new Map());
    expect(first.reviews.get(entry.id)).toMatchObject({ kind: 'reprendre', entry: { status: 'interrompu' } });
    expect(resumableOf(first).map((e) => e.id)).toEqual([entry.id]);
    const readsAfterFirst = reads();
    expect(readsAfterFirst).toBeGreaterThan(0);

    const second = await readReviewedJournal(ports, sourceOf(journal), COLLEGE_UAI, first.reviews);
    expect(reads()).toBe(readsAfterFirst);
    expect(resumableOf(second).map((e) => e.id)).toEqual([entry.id]);
  });

  it('neither reviews nor offers a job a tab is running', async () => {
    const sim = await simulator();
    const journal = new MemoryJournal();
    const { entry } = await interruptedJob(await sim.login(), journal, true);
    const { client, reads } = counting(await sim.login());
    const ports: OperationPorts = { client, journal, now: () => new Date() };

    const read = await readReviewedJournal(
      ports,
      sourceOf(journal, new Set([entry.id])),
      COLLEGE_UAI,
      new Map(),
    );

    expect(reads()).toBe(0);
    expect(read.reviews.size).toBe(0);
    expect(journal.get(entry.id).status).toBe('enCours');
    expect(resumableOf(read)).toEqual([]);
    expect(undoableOf(read.entries)).toEqual([]);
  });

  it('a console that fails the review leaves the job offered as it is', async () => {
    const sim = await simulator();
    const client = await sim.login();
    const journal = new MemoryJournal();
    const { entry } = await interruptedJob(client, journal, true);
    const down: ConsoleClient = { ...client, affectations: () => Promise.reject(new Error('panne')) };
    const ports: OperationPorts = { client: down, journal, now: () => new Date() };

    const read = await readReviewedJournal(ports, sourceOf(journal), COLLEGE_UAI, new Map());

    expect(read.reviews.size).toBe(0);
    expect(journal.get(entry.id).status).toBe('enCours');
    expect(resumableOf(read).map((e) => e.id)).toEqual([entry.id]);
  });

  it('a tab that cannot say what runs counts as running nothing', async () => {
    const sim = await simulator();
    const client = await sim.login();
    const journal = new MemoryJournal();
    const { entry } = await interruptedJob(client, journal, true);
    const ports: OperationPorts = { client, journal, now: () => new Date() };
    const source: JournalSource = {
      list: async () => journal.all(),
      runningIds: () => Promise.reject(new Error('pas de réponse')),
    };

    const read = await readReviewedJournal(ports, source, COLLEGE_UAI, new Map());

    expect(read.running.size).toBe(0);
    expect(read.reviews.get(entry.id)?.kind).toBe('termine');
  });

  it('a journal that cannot be listed fails the listing', async () => {
    const sim = await simulator();
    const ports: OperationPorts = {
      client: await sim.login(),
      journal: new MemoryJournal(),
      now: () => new Date(),
    };
    const source: JournalSource = { list: () => Promise.reject(new Error('journal indisponible')) };

    await expect(readReviewedJournal(ports, source, COLLEGE_UAI, new Map())).rejects.toThrow(
      'journal indisponible',
    );
  });
});

/** A journal entry with only what the offers look at. */
function entry(id: string, fields: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id,
    uai: COLLEGE_UAI,
    kind: 'affectation',
    startedAt: '2026-11-28T09:05:00.000Z',
    status: 'termine',
    summary: id,
    steps: [],
    job: { abonnements: [], cibles: [], jusquAEpuisement: false },
    ...fields,
  };
}

const undoOf = (id: string, undone: string, status: JournalEntry['status']): JournalEntry =>
  entry(id, {
    kind: 'annulation',
    status,
    job: { abonnements: [], cibles: [], jusquAEpuisement: false, annule: undone },
  });

describe('what « Dernières opérations » offers to undo', () => {
  it('assignments that ended, not undone, and without an undo of theirs left interrupted', () => {
    const entries = [
      entry('running', { status: 'enCours' }),
      entry('undone', { annulePar: 'undo-1' }),
      undoOf('undo-1', 'undone', 'termine'),
      entry('being-undone', { status: 'interrompu' }),
      undoOf('undo-2', 'being-undone', 'interrompu'),
      entry('stopped', { status: 'interrompu' }),
      entry('done'),
      entry('abandoned', { status: 'annule' }),
    ];

    expect(undoableOf(entries).map((e) => e.id)).toEqual(['stopped', 'done', 'abandoned']);
  });

  it('the five most recent only', () => {
    const entries = Array.from({ length: 7 }, (_, i) => entry(`op-${i}`));
    expect(undoableOf(entries).map((e) => e.id)).toEqual(['op-0', 'op-1', 'op-2', 'op-3', 'op-4']);
  });

  it('an undo names the operation it reverses while it is in the journal', () => {
    const done = entry('done');
    const undo = undoOf('undo', 'done', 'interrompu');
    expect(undoneBy([undo, done], undo)).toBe(done);
    expect(undoneBy([undo], undo)).toBeUndefined();
    expect(undoneBy([undo, done], done)).toBeUndefined();
  });
});
