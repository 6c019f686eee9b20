// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  abandon,
  type JournalService,
  jobOf,
  type OperationPorts,
  outcomeSummary,
  planFromConsole,
  planUndoOf,
  prepareResume,
  prepareUndoResume,
  remainingOf,
  reviewInterrupted,
  runAssignment,
  runResume,
  runUndo,
  sameWrites,
} from '../../../utils/bulk/operation';
import { jobState } from '../../../utils/gar/assignment-job';
import type { JournalEntry } from '../../../utils/gar/journal-record';
import { formatParisDateTime } from '../../../utils/gar/paris-time';
import type { Cible } from '../../../utils/gar/school';
import { indexPopulation, type PopulationIndex } from '../../../utils/gar/targets';
import type { ConsoleClient } from '../../../utils/hosts/console/api';
import { HostError } from '../../../utils/hosts/errors';
import { speak } from '../speak';
import { MemoryJournal } from './memory-journal';
import { COLLEGE_UAI, simulator } from './sim-console';

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
    return context.journal.get(entry.id);
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

    const fresh = await prepareResume(context.ports, entry);
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

    // Read again on the next visit: the same findings are not journaled twice.
    const steps = context.journal.get(entry.id).steps.length;
    await prepareResume(context.ports, context.journal.get(entry.id));
    expect(context.journal.get(entry.id).steps).toHaveLength(steps);
  });

  it('a resumed operation ends with the whole operation counted, and how much was done after resuming', async () => {
    const context = await setup();
    const entry = await interrupted(context);
    const [applied] = context.ids;
    if (!applied) throw new Error('a subscription expected');
    const attendus = attendusOf(entry);
    await give(context, applied, attendus(applied));
    const fresh = await prepareResume(context.ports, entry);
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
    await expect(prepareResume(context.ports, withoutJob)).rejects.toThrow(
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
    const again = await prepareResume(context.ports, context.journal.get(entry.id));
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

describe('issue 14: every job ends readable and reversible', () => {
  /**
   * A tab that closes while its writes are out: each write reaches the console, its answer is
   * lost, and the journal (the background) hears nothing more from the tab.
   */
  function closingTab(context: Setup): OperationPorts {
    let closed = false;
    const client: ConsoleClient = {
      ...context.client,
      assign: async (uai, id, request) => {
        if (closed) throw new Error('onglet fermé');
        closed = true;
        await context.client.assign(uai, id, request);
        throw new Error('onglet fermé');
      },
    };
    const journal: JournalService = {
      start: (request) => context.journal.start(request),
      step: async (id, step) => {
        if (closed) throw new Error('onglet fermé');
        return context.journal.step(id, step);
      },
      finish: async (id, outcome) => {
        if (closed) throw new Error('onglet fermé');
        return context.journal.finish(id, outcome);
      },
      reopen: (id) => context.journal.reopen(id),
    };
    return { client, journal, now: () => new Date() };
  }

  /** A job on `ids` (6A) whose tab closes once its first write is out: that one applies, unanswered. */
  async function closedMidJob(context: Setup, ids = context.ids) {
    const ports = closingTab(context);
    const fresh = await planFromConsole(ports, {
      uai: COLLEGE_UAI,
      ids,
      cibles: SIX_A,
      jusquAEpuisement: true,
    });
    const job = jobOf(fresh.subscriptions, SIX_A, true, fresh.index);
    await runAssignment(ports, { uai: COLLEGE_UAI, plan: fresh.plan, job }).catch(() => undefined);
    const [entry] = [...context.journal.entries.values()];
    if (!entry) throw new Error('the job was journaled before writing');
    return { entry, fresh };
  }

  it('a write answered by nobody, then « Abandonner », then « Annuler »: every licence it added is removed', async () => {
    const context = await setup();
    const { entry, fresh } = await closedMidJob(context);
    expect(entry.status).toBe('enCours');
    const reached = (await holdersOf(context.client, context.ids[0] ?? '')).length;
    expect(reached).toBeGreaterThan(fresh.holdings.holders.get(context.ids[0] ?? '')?.size ?? 0);

    const abandoned = await abandon(context.ports, context.journal.get(entry.id));
    expect(abandoned.status).toBe('annule');
    const undo = await planUndoOf(context.ports, context.journal.get(entry.id));
    const undone = await runUndo(context.ports, context.journal.get(entry.id), undo);
    expect(undone.result.status).toBe('termine');
    for (const id of context.ids) {
      const before = [...(fresh.holdings.holders.get(id) ?? [])].sort();
      expect((await holdersOf(context.client, id)).sort()).toEqual(before);
    }
  });

  it('« Annuler » straight from the interrupted job: what its unanswered write did is removed too, and the job is closed', async () => {
    const context = await setup();
    const { entry, fresh } = await closedMidJob(context);
    const undo = await planUndoOf(context.ports, context.journal.get(entry.id));
    expect(undo.removals.size).toBe(1);
    await runUndo(context.ports, context.journal.get(entry.id), undo);
    const closed = context.journal.get(entry.id);
    expect(closed.status).not.toBe('enCours');
    expect(closed.annulePar).toBeDefined();
    for (const id of context.ids) {
      expect((await holdersOf(context.client, id)).sort()).toEqual(
        [...(fresh.holdings.holders.get(id) ?? [])].sort(),
      );
    }
  });

  it('a job fully applied before its tab closed is found done on return, with its undo', async () => {
    const context = await setup();
    // One subscription: its only write is the one that reached the console unanswered.
    const { entry, fresh } = await closedMidJob(context, context.ids.slice(0, 1));

    const review = await reviewInterrupted(context.ports, context.journal.get(entry.id));
    expect(review.kind).toBe('termine');
    const done = context.journal.get(entry.id);
    expect(done.status).toBe('termine');
    expect(done.summary).toContain('vérifiée dans la console après son interruption');
    const undo = await planUndoOf(context.ports, done);
    expect(countAll(undo.removals)).toBe(fresh.plan.totalNouveaux);
  });

  it('« Abandonner » on a job the console shows fully applied files it as done, not abandoned', async () => {
    const context = await setup();
    // One subscription: its only write is the one that reached the console unanswered.
    const { entry } = await closedMidJob(context, context.ids.slice(0, 1));
    await abandon(context.ports, context.journal.get(entry.id));
    expect(context.journal.get(entry.id).status).toBe('termine');
  });

  it('a job with writes left is offered with what is left, counted in licences', async () => {
    const context = await setup();
    const { entry, fresh } = await closedMidJob(context);
    const review = await reviewInterrupted(context.ports, context.journal.get(entry.id));
    const [first] = context.ids;
    const firstAdds = fresh.plan.abonnements
      .find((s) => s.idAbonnement === first)
      ?.parCible.flatMap((t) => t.nouveauxIds);
    expect(review).toMatchObject({
      kind: 'reprendre',
      abonnements: context.ids.length - 1,
      licences: fresh.plan.totalNouveaux - (firstAdds?.length ?? 0),
    });
    // Nobody runs it any more: the journal files it as stopped, with what is left.
    expect(context.journal.get(entry.id)).toMatchObject({ status: 'interrompu' });
    expect(context.journal.get(entry.id).summary).toMatch(
      /interrompue avant la fin .* reste \d+ licences à affecter sur 2 abonnements\./,
    );
  });
});

describe('issue 14: what is written is what was previewed', () => {
  it('each write names the previewed persons, never a division', async () => {
    const context = await setup();
    const sent: Cible[][] = [];
    const client: ConsoleClient = {
      ...context.client,
      assign: (uai, id, request) => {
        sent.push(request.cibles);
        return context.client.assign(uai, id, request);
      },
    };
    const ports = { ...context.ports, client };
    const fresh = await planFromConsole(ports, {
      uai: COLLEGE_UAI,
      ids: context.ids,
      cibles: SIX_A,
      jusquAEpuisement: true,
    });
    await runAssignment(ports, {
      uai: COLLEGE_UAI,
      plan: fresh.plan,
      job: jobOf(fresh.subscriptions, SIX_A, true, fresh.index),
    });
    expect(sent.flat().every((cible) => cible.type === 'personne')).toBe(true);
    const previewed = fresh.plan.abonnements.flatMap((s) => s.parCible.flatMap((t) => t.nouveauxIds));
    expect(sent.flat().map((c) => c.code)).toEqual(previewed);
  });

  it('a pupil moved into the division after the preview makes « Confirmer » show the plan again', async () => {
    const context = await setup();
    const previewed = await planFromConsole(context.ports, {
      uai: COLLEGE_UAI,
      ids: context.ids,
      cibles: SIX_A,
      jusquAEpuisement: true,
    });
    const population = await context.client.population(COLLEGE_UAI);
    const newcomer = population.personnes.find((p) => p.profil === 'ELEVE' && !p.divisions.includes('6A'));
    if (!newcomer) throw new Error('a pupil outside 6A expected');
    const moved = {
      ...population,
      personnes: population.personnes.map((p) => (p.id === newcomer.id ? { ...p, divisions: ['6A'] } : p)),
    };
    const ports = { ...context.ports, client: { ...context.client, population: async () => moved } };
    const atConfirm = await planFromConsole(ports, {
      uai: COLLEGE_UAI,
      ids: context.ids,
      cibles: SIX_A,
      jusquAEpuisement: true,
    });
    expect(sameWrites(previewed.plan, atConfirm.plan, true)).toBe(false);
    const unchanged = await planFromConsole(context.ports, {
      uai: COLLEGE_UAI,
      ids: context.ids,
      cibles: SIX_A,
      jusquAEpuisement: true,
    });
    expect(sameWrites(previewed.plan, unchanged.plan, true)).toBe(true);
  });
});

describe('issue 14: reads are retried', () => {
  it('a preview rides out a short outage of the console', async () => {
    const context = await setup();
    let failures = 2;
    const flaky =
      <T>(read: () => Promise<T>) =>
      async (): Promise<T> => {
        if (failures-- > 0) throw new HostError('serveur', 'panne');
        return read();
      };
    const pauses: number[] = [];
    const ports: OperationPorts = {
      ...context.ports,
      client: { ...context.client, population: (uai) => flaky(() => context.client.population(uai))() },
      sleep: async (ms) => void pauses.push(ms),
    };
    const fresh = await planFromConsole(ports, {
      uai: COLLEGE_UAI,
      ids: context.ids,
      cibles: SIX_A,
      jusquAEpuisement: true,
    });
    expect(fresh.plan.totalNouveaux).toBeGreaterThan(0);
    expect(pauses).toEqual([400, 800]);
  });

  it('gives up after a few attempts, with the console’s own error', async () => {
    const context = await setup();
    const ports: OperationPorts = {
      ...context.ports,
      client: {
        ...context.client,
        population: () => Promise.reject(new HostError('serveur', 'panne longue')),
      },
      sleep: async () => undefined,
    };
    await expect(
      planFromConsole(ports, { uai: COLLEGE_UAI, ids: context.ids, cibles: SIX_A, jusquAEpuisement: true }),
    ).rejects.toThrow('panne longue');
  });
});

function countAll(map: ReadonlyMap<string, readonly string[]>): number {
  return [...map.values()].reduce((sum, persons) => sum + persons.length, 0);
}

describe('how an operation ended, as the journal says it', () => {
  const counts = { personnes: 36, abonnements: 4, apresReprise: 17 };

  it('counts the whole operation in French, 0 and 1 in the singular', () => {
    expect(outcomeSummary('affectation', counts, { status: 'termine' })).toBe(
      '36 licences affectées sur 4 abonnements, dont 17 après reprise.',
    );
    expect(outcomeSummary('annulation', { personnes: 0, abonnements: 1 }, { status: 'interrompu' })).toBe(
      '0 licence retirée sur 1 abonnement ; interrompue : arrêt demandé',
    );
  });

  it('speaks English in an English browser', () => {
    speak('en');
    expect(outcomeSummary('affectation', counts, { status: 'termine' })).toBe(
      '36 licences assigned across 4 subscriptions, 17 of them after resuming.',
    );
    expect(outcomeSummary('annulation', { personnes: 0, abonnements: 1 }, { status: 'interrompu' })).toBe(
      '0 licences removed across 1 subscription; interrupted: stop requested',
    );
  });
});
