// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  type JournalService,
  jobOf,
  type OperationPorts,
  planFromConsole,
  planUndoOf,
  prepareResume,
  prepareUndoResume,
  remainingOf,
  runAssignment,
  runResume,
  runUndo,
} from '../../../utils/bulk/operation';
import { jobState } from '../../../utils/gar/assignment-job';
import { formatParisDateTime } from '../../../utils/gar/paris-time';
import type { Cible } from '../../../utils/gar/school';
import { indexPopulation, type PopulationIndex } from '../../../utils/gar/targets';
import type { ConsoleClient } from '../../../utils/hosts/console/api';
import type { JournalEntry } from '../../../utils/store/records';
import { COLLEGE_UAI, simulator } from './sim-console';

/** The background's journal, in memory: what the panel's operations write, step by step. */
class MemoryJournal implements JournalService {
  readonly entries = new Map<string, JournalEntry>();
  private next = 0;

  async start(request: Parameters<JournalService['start']>[0]): Promise<JournalEntry> {
    const entry: JournalEntry = {
      ...request,
      id: `op-${++this.next}`,
      startedAt: new Date().toISOString(),
      status: 'enCours',
      steps: [],
    };
    this.entries.set(entry.id, entry);
    return entry;
  }

  async step(id: string, step: JournalEntry['steps'][number]): Promise<void> {
    this.get(id).steps.push(step);
  }

  async finish(id: string, outcome: Parameters<JournalService['finish']>[1]): Promise<void> {
    const { reverses, ...rest } = outcome;
    Object.assign(this.get(id), rest);
    if (reverses) this.get(reverses).annulePar = id;
  }

  async reopen(id: string): Promise<JournalEntry> {
    const entry = this.get(id);
    entry.status = 'enCours';
    return structuredClone(entry);
  }

  get(id: string): JournalEntry {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`no entry ${id}`);
    return entry;
  }
}

const SIX_A: Cible[] = [{ type: 'division', code: '6A' }];

interface Setup {
  ports: OperationPorts;
  journal: MemoryJournal;
  client: ConsoleClient;
  index: PopulationIndex;
  ids: string[];
}

/** The college, logged in, with the first three active subscriptions open to pupils. */
async function setup(): Promise<Setup & { sim: Awaited<ReturnType<typeof simulator>> }> {
  const sim = await simulator();
  const client = await sim.login();
  const journal = new MemoryJournal();
  const ports = { client, journal, now: () => new Date() };
  const index = indexPopulation(await client.population(COLLEGE_UAI));
  const fresh = await planFromConsole(ports, {
    uai: COLLEGE_UAI,
    ids: (await client.subscriptions(COLLEGE_UAI)).map((s) => s.abonnement.idAbonnement),
    cibles: SIX_A,
    jusquAEpuisement: true,
    index,
  });
  const ids = fresh.plan.abonnements
    .filter((plan) => plan.parCible.some((target) => target.nouveaux > 0))
    .slice(0, 3)
    .map((plan) => plan.idAbonnement);
  return { sim, ports, journal, client, index, ids };
}

async function planAndRun({ ports, client, index, ids }: Setup) {
  const fresh = await planFromConsole(ports, {
    uai: COLLEGE_UAI,
    ids,
    cibles: SIX_A,
    jusquAEpuisement: true,
    index,
  });
  const job = jobOf(fresh.subscriptions, SIX_A, true, index);
  const run = await runAssignment(ports, { uai: COLLEGE_UAI, plan: fresh.plan, job });
  return { ...run, fresh, client };
}

async function holdersOf(client: ConsoleClient, id: string): Promise<string[]> {
  return (await client.affectations(COLLEGE_UAI, id)).affectations.map((a) => a.idPersonne);
}

describe('an operation from plan to journal, against the simulator', () => {
  it('journals the request, carries it out, and an undo removes exactly what it added', async () => {
    const context = await setup();
    expect(context.ids).toHaveLength(3);
    const { entry, result, fresh } = await planAndRun(context);
    expect(result.status).toBe('termine');
    expect(context.journal.get(entry.id)).toMatchObject({
      status: 'termine',
      job: { jusquAEpuisement: true },
    });

    // Another RA adds someone to the first subscription afterwards: the undo leaves them alone.
    const [first] = context.ids;
    const outsider = context.index.population.personnes.find(
      (p) => p.profil === 'ELEVE' && !p.divisions.includes('6A'),
    );
    if (!first || !outsider) throw new Error('seed lacks what the test needs');
    await context.client.assign(COLLEGE_UAI, first, {
      version: (await context.client.affectations(COLLEGE_UAI, first)).version,
      cibles: [{ type: 'personne', code: outsider.id }],
      jusquAEpuisement: true,
    });

    const undo = await planUndoOf(context.ports, context.journal.get(entry.id));
    const added = [...jobState(context.journal.get(entry.id)).faits.values()].flat();
    expect([...undo.removals.values()].flat().sort()).toEqual([...added].sort());
    const undone = await runUndo(context.ports, context.journal.get(entry.id), undo);
    expect(undone.result.status).toBe('termine');
    expect(context.journal.get(entry.id).annulePar).toBe(undone.entry.id);
    for (const id of context.ids) {
      const before = fresh.holdings.holders.get(id) ?? new Set<string>();
      const expected = id === first ? [...before, outsider.id] : [...before];
      expect((await holdersOf(context.client, id)).sort()).toEqual(expected.sort());
    }
  });

  it('keeps person targets by id only: the journal never stores a name', async () => {
    const { index } = await setup();
    const person = index.population.personnes[0];
    if (!person) throw new Error('empty population');
    const job = jobOf([], [{ type: 'personne', code: person.id }], false, index);
    expect(JSON.stringify(job)).not.toContain(person.nom);
    expect(job.cibles[0]).toMatchObject({ type: 'personne', code: person.id });
  });
});

describe('prepareResume settles the writes an interruption left without an answer', () => {
  /** An operation whose writes were all sent (« envoi ») but none answered: a tab closed. */
  async function interrupted(context: Setup): Promise<JournalEntry> {
    const fresh = await planFromConsole(context.ports, {
      uai: COLLEGE_UAI,
      ids: context.ids,
      cibles: SIX_A,
      jusquAEpuisement: true,
      index: context.index,
    });
    const entry = await context.journal.start({
      uai: COLLEGE_UAI,
      kind: 'affectation',
      summary: 'interrompue',
      job: jobOf(fresh.subscriptions, SIX_A, true, context.index),
    });
    for (const plan of fresh.plan.abonnements) {
      await context.journal.step(entry.id, {
        at: new Date().toISOString(),
        action: 'envoi',
        idAbonnement: plan.idAbonnement,
        personIds: plan.parCible.flatMap((t) => t.nouveauxIds),
        ok: true,
      });
    }
    return entry;
  }

  /** Who the unanswered write of a subscription meant to add. */
  const attendusOf =
    (entry: JournalEntry) =>
    (id: string): string[] =>
      entry.steps.find((step) => step.idAbonnement === id)?.personIds ?? [];

  /** The console receives some of a write's persons, as if the write had gone through. */
  async function give(context: Setup, id: string, persons: string[]): Promise<void> {
    for (const person of persons) {
      await context.client.assign(COLLEGE_UAI, id, {
        version: (await context.client.affectations(COLLEGE_UAI, id)).version,
        cibles: [{ type: 'personne', code: person }],
      });
    }
  }

  it('a write that applied is settled; one that did not is planned again in full; a partial one keeps who it reached', async () => {
    const context = await setup();
    const entry = await interrupted(context);
    const [applied, lost, partial] = context.ids;
    if (!applied || !lost || !partial) throw new Error('three subscriptions expected');
    const attendus = attendusOf(entry);
    // The console did receive the first write, and half of the third (as if by another means).
    await give(context, applied, attendus(applied));
    const half = attendus(partial).slice(0, 2);
    await give(context, partial, half);

    const fresh = await prepareResume(context.ports, entry, context.index);
    const settled = context.journal.get(entry.id).steps.slice(-2);
    expect(settled).toEqual([
      expect.objectContaining({ action: 'constate', idAbonnement: applied, personIds: attendus(applied) }),
      expect.objectContaining({ action: 'verifie', idAbonnement: partial, personIds: half }),
    ]);
    const planned = new Map(
      fresh.plan.abonnements.map((plan) => [
        plan.idAbonnement,
        plan.parCible.reduce((n, t) => n + t.nouveaux, 0),
      ]),
    );
    expect(planned.has(applied)).toBe(false);
    expect(planned.get(lost)).toBe(attendus(lost).length);
    expect(planned.get(partial)).toBe(attendus(partial).length - half.length);

    // The partial write's persons belong to the job (an undo removes them), but it is not settled.
    const state = jobState(context.journal.get(entry.id));
    expect(state.faits.get(partial)).toEqual(half);
    expect(remainingOf(context.journal.get(entry.id))).toEqual([lost, partial]);
  });

  it('a resumed operation ends with the whole operation counted, and how much was done after resuming', async () => {
    const context = await setup();
    const entry = await interrupted(context);
    const [applied] = context.ids;
    if (!applied) throw new Error('a subscription expected');
    const attendus = attendusOf(entry);
    await give(context, applied, attendus(applied));
    const fresh = await prepareResume(context.ports, entry, context.index);
    // The panel holds the entry as it was offered, before the resume settled anything.
    const result = await runResume(context.ports, entry, fresh.plan);
    expect(result.status).toBe('termine');
    const all = context.ids.reduce((sum, id) => sum + attendus(id).length, 0);
    const after = all - attendus(applied).length;
    expect(after).toBeGreaterThan(0);
    expect(context.journal.get(entry.id).summary).toBe(
      `3 abonnements × division 6A — ${all} licences affectées sur 3 abonnements, dont ${after} après reprise.`,
    );
  });

  it('refuses to resume an operation whose request was not journaled', async () => {
    const context = await setup();
    const entry = await context.journal.start({
      uai: COLLEGE_UAI,
      kind: 'affectation',
      summary: 'sans demande',
      job: { abonnements: [], cibles: [], jusquAEpuisement: false },
    });
    const { job: _job, ...withoutJob } = context.journal.get(entry.id);
    await expect(prepareResume(context.ports, withoutJob, context.index)).rejects.toThrow(
      'Cette opération ne peut pas être reprise',
    );
  });
});

describe('another RA assigns one of the planned persons before the job writes', () => {
  it('the refused write is planned again; the colleague’s licence is neither counted nor undone', async () => {
    const context = await setup();
    const [id] = context.ids;
    if (!id) throw new Error('a subscription expected');
    const fresh = await planFromConsole(context.ports, {
      uai: COLLEGE_UAI,
      ids: [id],
      cibles: SIX_A,
      jusquAEpuisement: true,
      index: context.index,
    });
    const planned = fresh.plan.abonnements[0]?.parCible.flatMap((t) => t.nouveauxIds) ?? [];
    const [colleagues, ...ours] = planned;
    if (!colleagues || ours.length === 0) throw new Error('two persons to add expected');
    await context.sim.faults({
      changementConcurrent: { uai: COLLEGE_UAI, idAbonnement: id, ajouter: [colleagues], apresRequetes: 0 },
    });
    const job = jobOf(fresh.subscriptions, SIX_A, true, context.index);
    const { entry, result } = await runAssignment(context.ports, { uai: COLLEGE_UAI, plan: fresh.plan, job });
    expect(result).toMatchObject({ status: 'interrompu', reason: 'conflit' });

    // The new plan has everyone but the colleague's pupil; the resume adds exactly that.
    const again = await prepareResume(context.ports, context.journal.get(entry.id), context.index);
    expect(again.plan.totalNouveaux).toBe(ours.length);
    const resumed = await runResume(context.ports, context.journal.get(entry.id), again.plan);
    expect(resumed.status).toBe('termine');
    expect(context.journal.get(entry.id).summary).toBe(
      // All of it after the re-plan: nothing to split out.
      `1 abonnement × division 6A — ${ours.length} licences affectées sur 1 abonnement.`,
    );
    const undo = await planUndoOf(context.ports, context.journal.get(entry.id));
    expect([...(undo.removals.get(id) ?? [])].sort()).toEqual([...ours].sort());
  });
});

describe('an undo interrupted, then resumed', () => {
  it('goes on in its own entry, removes nothing twice, and counts everything it removed', async () => {
    const context = await setup();
    const { entry: done, fresh } = await planAndRun(context);
    const original = context.journal.get(done.id);
    const [first, second, third] = context.ids;
    if (!first || !second || !third) throw new Error('three subscriptions expected');
    const added = jobState(original).faits;
    const addedTo = (id: string): string[] => added.get(id) ?? [];

    // The undo removed the first subscription's, sent the second's (the console applied it, the
    // tab closed before the answer), and never reached the third.
    const job = {
      ...(original.job ?? { abonnements: [], cibles: [], jusquAEpuisement: false }),
      annule: done.id,
    };
    const undo = await context.journal.start({
      uai: COLLEGE_UAI,
      kind: 'annulation',
      summary: 'interrompue',
      job,
    });
    const remove = async (id: string): Promise<void> => {
      const { version } = await context.client.affectations(COLLEGE_UAI, id);
      await context.client.remove(COLLEGE_UAI, id, { version, idPersonnes: addedTo(id) });
    };
    const at = new Date().toISOString();
    await context.journal.step(undo.id, {
      at,
      action: 'envoi',
      idAbonnement: first,
      personIds: addedTo(first),
      ok: true,
    });
    await remove(first);
    await context.journal.step(undo.id, {
      at,
      action: 'retire',
      idAbonnement: first,
      personIds: addedTo(first),
      ok: true,
    });
    await context.journal.step(undo.id, {
      at,
      action: 'envoi',
      idAbonnement: second,
      personIds: addedTo(second),
      ok: true,
    });
    await remove(second);
    await context.journal.finish(undo.id, { status: 'interrompu', summary: 'interrompue' });

    const plan = await prepareUndoResume(context.ports, context.journal.get(undo.id), original);
    expect([...plan.removals.keys()]).toEqual([third]);
    const { entry, result } = await runUndo(context.ports, original, plan, {}, context.journal.get(undo.id));
    expect(result.status).toBe('termine');
    expect(entry.id).toBe(undo.id);
    expect(context.journal.entries.size).toBe(2);
    expect(original.annulePar).toBe(undo.id);

    const total = context.ids.reduce((sum, id) => sum + addedTo(id).length, 0);
    expect(context.journal.get(undo.id).summary).toBe(
      `Annulation de l’affectation du ${formatParisDateTime(original.startedAt)} : 3 abonnements × division 6A — ${total} licences retirées sur 3 abonnements, dont ${addedTo(third).length} après reprise.`,
    );
    for (const id of context.ids) {
      expect((await holdersOf(context.client, id)).sort()).toEqual(
        [...(fresh.holdings.holders.get(id) ?? [])].sort(),
      );
    }
  });
});
