// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  type ExecuteOptions,
  executeTasks,
  MESSAGES,
  type Progress,
  type WriteClient,
  type WriteTask,
} from '../../../utils/bulk/executor';
import { assignmentTasks } from '../../../utils/bulk/operation';
import { jobState } from '../../../utils/gar/assignment-job';
import { planAssignment, refusalOf } from '../../../utils/gar/assignment-plan';
import type { JournalStep } from '../../../utils/gar/journal-record';
import { indexPopulation } from '../../../utils/gar/targets';
import type {
  AssignResult,
  ConsoleAffectations,
  ConsoleClient,
  RemoveResult,
} from '../../../utils/hosts/console/api';
import { defaultMessage, HostError, type HostErrorKind } from '../../../utils/hosts/errors';
import { speak } from '../speak';
import { COLLEGE_UAI, simulator } from './sim-console';

// The executor against an in-memory console that follows the console's rules (version check,
// licences never over-spent, persons already holding reported, not added twice) and fails on cue.

const UAI = '0561622J';

/**
 * What the fake console does to the next write on a subscription: fail before or after applying
 * it, or let another RA change the subscription first.
 */
type Fault =
  | 'serveur'
  | 'serveurApres'
  | 'reseau'
  | 'reseauApres'
  | 'session'
  | 'introuvable'
  | 'autreRa'
  | 'autreRaPuisReseau';

interface Subscription {
  version: number;
  holders: Set<string>;
  disponibles: number;
}

function hostError(kind: HostErrorKind, status?: number, details: Record<string, unknown> = {}): HostError {
  return new HostError(kind, defaultMessage(kind), status, details);
}

class FakeConsole implements WriteClient {
  readonly subscriptions = new Map<string, Subscription>();
  readonly faults = new Map<string, Fault[]>();
  /** Every write call, in order, and every read. */
  readonly writes: { id: string; version: number }[] = [];
  reads = 0;
  inFlight = 0;
  maxInFlight = 0;
  /** Runs when a write arrives, before anything else (to abort, move a clock…). */
  onWrite?: (id: string) => void;

  constructor(
    private readonly log: string[] = [],
    private readonly latencyMs = 1,
  ) {}

  add(id: string, options: Partial<Subscription> & { holders?: Set<string> } = {}): this {
    this.subscriptions.set(id, { version: 1, holders: new Set(), disponibles: 100, ...options });
    return this;
  }

  fail(id: string, ...faults: Fault[]): this {
    this.faults.set(id, faults);
    return this;
  }

  async affectations(_uai: string, id: string): Promise<ConsoleAffectations> {
    this.reads += 1;
    const subscription = this.get(id);
    return {
      version: subscription.version,
      affectations: [...subscription.holders].map((idPersonne) => ({
        idPersonne,
        profil: 'ELEVE' as const,
        verrouillee: false,
      })),
    };
  }

  assign(
    _uai: string,
    id: string,
    request: { version: number; cibles: { type: string; code: string }[]; jusquAEpuisement?: boolean },
  ): Promise<AssignResult> {
    return this.write(id, request.version, (subscription) => {
      const persons = [...new Set(request.cibles.map((cible) => cible.code))];
      const dejaAffectees = persons.filter((p) => subscription.holders.has(p));
      const fresh = persons.filter((p) => !subscription.holders.has(p));
      if (!request.jusquAEpuisement && fresh.length > subscription.disponibles) {
        throw hostError('licences', 422, { manquantes: { GLOBAL: fresh.length - subscription.disponibles } });
      }
      const ajoutees = fresh.slice(0, subscription.disponibles);
      for (const person of ajoutees) subscription.holders.add(person);
      subscription.disponibles -= ajoutees.length;
      if (ajoutees.length > 0) subscription.version += 1;
      const exclues = fresh.slice(ajoutees.length).map((idPersonne) => ({ idPersonne, raison: 'licences' }));
      return { version: subscription.version, ajoutees, dejaAffectees, exclues };
    });
  }

  remove(
    _uai: string,
    id: string,
    request: { version: number; idPersonnes: string[] },
  ): Promise<RemoveResult> {
    return this.write(id, request.version, (subscription) => {
      const retirees = request.idPersonnes.filter((p) => subscription.holders.delete(p));
      subscription.disponibles += retirees.length;
      if (retirees.length > 0) subscription.version += 1;
      return { version: subscription.version, retirees };
    });
  }

  private get(id: string): Subscription {
    const subscription = this.subscriptions.get(id);
    if (!subscription) throw hostError('introuvable', 404);
    return subscription;
  }

  private async write<T>(id: string, version: number, apply: (s: Subscription) => T): Promise<T> {
    this.log.push(`write ${id}`);
    this.writes.push({ id, version });
    this.onWrite?.(id);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      const fault = this.faults.get(id)?.shift();
      const subscription = this.get(id);
      if (fault === 'autreRa' || fault === 'autreRaPuisReseau') {
        subscription.holders.add('AUTRE');
        subscription.version += 1;
      }
      if (fault === 'serveur') throw hostError('serveur', 503);
      if (fault === 'reseau' || fault === 'autreRaPuisReseau') throw hostError('reseau');
      if (fault === 'session') throw hostError('session', 401);
      if (fault === 'introuvable') throw hostError('introuvable', 404);
      if (version !== subscription.version)
        throw hostError('conflit', 409, { version: subscription.version });
      const result = apply(subscription);
      if (fault === 'serveurApres') throw hostError('serveur', 500);
      if (fault === 'reseauApres') throw hostError('reseau');
      return result;
    } finally {
      this.inFlight -= 1;
    }
  }
}

class RecordingJournal {
  readonly steps: JournalStep[] = [];
  /** Refuses the step when it returns true (a full disk, a dead background). */
  refuse?: (step: JournalStep) => boolean;

  constructor(private readonly log: string[] = []) {}

  async step(step: JournalStep): Promise<void> {
    if (this.refuse?.(step)) throw new Error('quota dépassé');
    this.log.push(`${step.action} ${step.idAbonnement ?? ''}`.trim());
    this.steps.push(step);
  }

  actions(id: string): string[] {
    return this.steps.filter((step) => step.idAbonnement === id).map((step) => step.action);
  }
}

function affecter(id: string, attendus: string[], overrides: Partial<WriteTask> = {}): WriteTask {
  return {
    kind: 'affecter',
    idAbonnement: id,
    version: 1,
    cibles: attendus.map((code) => ({ type: 'personne', code })),
    jusquAEpuisement: false,
    attendus,
    ...overrides,
  } as WriteTask;
}

const persons = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);

interface Setup {
  client: FakeConsole;
  journal: RecordingJournal;
  sleeps: number[];
  options: ExecuteOptions;
}

function setup(client = new FakeConsole(), overrides: Partial<ExecuteOptions> = {}): Setup {
  const journal = new RecordingJournal();
  const sleeps: number[] = [];
  const options: ExecuteOptions = {
    client,
    journal,
    sleep: async (ms) => void sleeps.push(ms),
    ...overrides,
  };
  return { client, journal, sleeps, options };
}

describe('what the RA reads when a run stops', () => {
  it('counts subscriptions in agreement, never « abonnement(s) »', () => {
    expect(MESSAGES.echec(1)).toBe("1 abonnement n'a pas pu être traité.");
    expect(MESSAGES.echec(2)).toBe("2 abonnements n'ont pas pu être traités.");
    expect(MESSAGES.annule(1)).toBe('Opération arrêtée à votre demande : 1 abonnement reste à traiter.');
    expect(MESSAGES.conflit(3)).toMatch(/^3 abonnements ont changé entre-temps/);
  });

  it('speaks the browser’s language, with its own plural rule', () => {
    speak('en');
    expect(MESSAGES.echec(1)).toBe('1 subscription could not be processed.');
    expect(MESSAGES.annule(0)).toBe(
      'Operation stopped at your request: 0 subscriptions are left to process.',
    );
    expect(MESSAGES.tentatives('Server error.', 4)).toBe('Server error. (4 attempts)');
  });
});

describe('executeTasks — the normal run', () => {
  it('sends one request per subscription, journaled before and after', async () => {
    const log: string[] = [];
    const client = new FakeConsole(log).add('A').add('B');
    const journal = new RecordingJournal(log);
    const tasks: WriteTask[] = [
      {
        kind: 'affecter',
        idAbonnement: 'A',
        version: 1,
        cibles: [
          { type: 'personne', code: 'P1' },
          { type: 'personne', code: 'P2' },
        ],
        jusquAEpuisement: true,
        attendus: ['P1', 'P2'],
      },
      affecter('B', ['P3']),
    ];
    const result = await executeTasks(UAI, tasks, { client, journal, concurrency: 1 });

    expect(result).toEqual({
      status: 'termine',
      faits: new Map([
        ['A', ['P1', 'P2']],
        ['B', ['P3']],
      ]),
      conflits: [],
      echecs: [],
      restants: [],
    });
    expect(client.writes).toEqual([
      { id: 'A', version: 1 },
      { id: 'B', version: 1 },
    ]);
    expect(log).toEqual(['envoi A', 'write A', 'affecte A', 'envoi B', 'write B', 'affecte B']);
    expect(journal.steps[0]).toEqual({
      at: expect.any(String),
      action: 'envoi',
      idAbonnement: 'A',
      targets: ['personne:P1', 'personne:P2'],
      personIds: ['P1', 'P2'],
      ok: true,
    });
    expect(journal.steps[1]).toMatchObject({ action: 'affecte', idAbonnement: 'A', personIds: ['P1', 'P2'] });
  });

  it('records who the console added, not who the plan expected', async () => {
    const client = new FakeConsole().add('A', { holders: new Set(['P1']) });
    const { journal, options } = setup(client);
    const result = await executeTasks(UAI, [affecter('A', ['P1', 'P2'])], options);
    expect(result.faits.get('A')).toEqual(['P2']);
    expect(journal.steps.at(-1)).toMatchObject({ action: 'affecte', personIds: ['P2'] });
  });

  it('removes, journaled as « retire »', async () => {
    const client = new FakeConsole().add('A', { holders: new Set(['P1', 'P2', 'P3']), version: 4 });
    const { journal, options } = setup(client);
    const result = await executeTasks(
      UAI,
      [{ kind: 'retirer', idAbonnement: 'A', version: 4, idPersonnes: ['P1', 'P2'] }],
      options,
    );
    expect(result.faits.get('A')).toEqual(['P1', 'P2']);
    expect(journal.steps.map((s) => [s.action, s.personIds])).toEqual([
      ['envoi', ['P1', 'P2']],
      ['retire', ['P1', 'P2']],
    ]);
    expect(journal.steps[0]?.targets).toBeUndefined();
  });

  it('never has more writes in flight than the concurrency', async () => {
    const client = new FakeConsole([], 5);
    const tasks = persons('ABO', 10).map((id) => {
      client.add(id);
      return affecter(id, [`${id}-P`]);
    });
    const { options } = setup(client, { concurrency: 3 });
    const result = await executeTasks(UAI, tasks, options);
    expect(result.status).toBe('termine');
    expect(client.writes).toHaveLength(10);
    expect(client.maxInFlight).toBe(3);
  });

  it('reports progress at the start and after each task, with an estimate of the time left', async () => {
    let clock = 0;
    const client = new FakeConsole().add('A').add('B').add('C');
    client.onWrite = () => {
      clock += 1000;
    };
    const progress: Progress[] = [];
    const { options } = setup(client, {
      concurrency: 1,
      now: () => new Date(clock),
      onProgress: (p) => progress.push(p),
    });
    await executeTasks(
      UAI,
      [affecter('A', ['P1', 'P2']), affecter('B', ['P3']), affecter('C', ['P4'])],
      options,
    );
    expect(progress).toEqual([
      { total: 3, done: 0, personnes: 0, enCours: 0, elapsedMs: 0, restantMs: null },
      { total: 3, done: 1, personnes: 2, enCours: 0, elapsedMs: 1000, restantMs: 2000 },
      { total: 3, done: 2, personnes: 3, enCours: 0, elapsedMs: 2000, restantMs: 1000 },
      { total: 3, done: 3, personnes: 4, enCours: 0, elapsedMs: 3000, restantMs: 0 },
    ]);
  });

  it('divides the estimate by the writes that run side by side', async () => {
    let clock = 0;
    const client = new FakeConsole().add('A').add('B').add('C').add('D');
    client.onWrite = () => {
      clock += 1000;
    };
    const progress: Progress[] = [];
    const { options } = setup(client, {
      concurrency: 2,
      now: () => new Date(clock),
      onProgress: (p) => progress.push(p),
    });
    const tasks = ['A', 'B', 'C', 'D'].map((id) => affecter(id, [`${id}-P`]));
    await executeTasks(UAI, tasks, options);
    // Both first writes started at 0 and the clock reads 2000 when they end: 2000 ms each, 3 left.
    expect(progress[1]).toMatchObject({ done: 1, enCours: 1, restantMs: (2000 * 3) / 2 });
  });
});

describe('executeTasks — the journal comes first', () => {
  it('writes nothing when the journal cannot record the step before the write', async () => {
    const client = new FakeConsole().add('A').add('B');
    const { journal, options } = setup(client);
    journal.refuse = () => true;
    const result = await executeTasks(UAI, [affecter('A', ['P1']), affecter('B', ['P2'])], options);
    expect(client.writes).toEqual([]);
    expect(result).toMatchObject({
      status: 'interrompu',
      reason: 'echec',
      message: MESSAGES.journal(),
      restants: ['A', 'B'],
    });
  });

  it('stops when the outcome cannot be recorded, yet reports what the console did', async () => {
    const client = new FakeConsole().add('A').add('B');
    const { journal, options } = setup(client, { concurrency: 1 });
    journal.refuse = (step) => step.action === 'affecte';
    const result = await executeTasks(UAI, [affecter('A', ['P1']), affecter('B', ['P2'])], options);
    expect(client.writes.map((w) => w.id)).toEqual(['A']);
    expect(result).toMatchObject({ status: 'interrompu', reason: 'echec', message: MESSAGES.journal() });
    expect(result.faits.get('A')).toEqual(['P1']);
    expect(result.restants).toEqual(['B']);
  });

  it('says the journal failed even when another stop came first', async () => {
    const client = new FakeConsole().add('A').add('B').fail('A', 'session');
    const { journal, options } = setup(client, { concurrency: 2 });
    journal.refuse = (step) => step.action === 'affecte';
    const result = await executeTasks(UAI, [affecter('A', ['P1']), affecter('B', ['P2'])], options);
    expect(result).toMatchObject({ reason: 'echec', message: MESSAGES.journal() });
  });
});

describe('executeTasks — transient failures', () => {
  it('retries a server error with an exponential pause', async () => {
    const client = new FakeConsole().add('A').fail('A', 'serveur', 'serveur');
    const { journal, sleeps, options } = setup(client, { backoffMs: 400 });
    const result = await executeTasks(UAI, [affecter('A', ['P1'])], options);
    expect(result.status).toBe('termine');
    expect(sleeps).toEqual([400, 800]);
    expect(client.writes).toHaveLength(3);
    expect(journal.actions('A')).toEqual(['envoi', 'erreur', 'envoi', 'erreur', 'envoi', 'affecte']);
    expect(journal.steps[1]).toMatchObject({ ok: false, error: defaultMessage('serveur') });
  });

  it('gives up after the retries, lists the failure and goes on with the others', async () => {
    const client = new FakeConsole().add('A').add('B').fail('A', 'serveur', 'serveur', 'serveur', 'serveur');
    const { sleeps, options } = setup(client, { retries: 3, concurrency: 1 });
    const result = await executeTasks(UAI, [affecter('A', ['P1']), affecter('B', ['P2'])], options);
    expect(sleeps).toEqual([400, 800, 1600]);
    expect(result).toMatchObject({
      status: 'interrompu',
      reason: 'echec',
      message: MESSAGES.echec(1),
      echecs: [{ idAbonnement: 'A', message: MESSAGES.tentatives(defaultMessage('serveur'), 4) }],
      restants: ['A'],
    });
    expect(result.faits.get('B')).toEqual(['P2']);
  });

  it('after a dropped connection that carried the write, finds it done instead of sending it again', async () => {
    const client = new FakeConsole().add('A').fail('A', 'reseauApres');
    const { journal, options } = setup(client);
    const result = await executeTasks(UAI, [affecter('A', ['P1', 'P2'])], options);
    expect(result.status).toBe('termine');
    expect(result.faits.get('A')).toEqual(['P1', 'P2']);
    expect(client.writes).toHaveLength(1);
    expect(client.reads).toBe(1);
    expect(journal.actions('A')).toEqual(['envoi', 'erreur', 'constate']);
    expect(journal.steps.at(-1)).toMatchObject({ action: 'constate', personIds: ['P1', 'P2'] });
  });

  it('after a dropped connection that carried nothing, sends the same write again', async () => {
    const client = new FakeConsole().add('A').fail('A', 'reseau');
    const { journal, options } = setup(client);
    const result = await executeTasks(UAI, [affecter('A', ['P1'])], options);
    expect(result.faits.get('A')).toEqual(['P1']);
    expect(client.writes).toEqual([
      { id: 'A', version: 1 },
      { id: 'A', version: 1 },
    ]);
    expect(journal.actions('A')).toEqual(['envoi', 'erreur', 'envoi', 'affecte']);
  });

  it('after a dropped connection, a change by someone else is a conflict', async () => {
    const client = new FakeConsole().add('A').fail('A', 'autreRaPuisReseau');
    const { options } = setup(client);
    const result = await executeTasks(UAI, [affecter('A', ['P1'])], options);
    expect(result).toMatchObject({
      status: 'interrompu',
      reason: 'conflit',
      conflits: ['A'],
      restants: ['A'],
    });
    expect(client.writes).toHaveLength(1);
  });

  it('after a server error that had applied the write, takes the refusal of the retry as done', async () => {
    const client = new FakeConsole().add('A').fail('A', 'serveurApres');
    const { journal, options } = setup(client);
    const result = await executeTasks(UAI, [affecter('A', ['P1', 'P2'])], options);
    expect(result.status).toBe('termine');
    expect(result.faits.get('A')).toEqual(['P1', 'P2']);
    expect(journal.actions('A')).toEqual(['envoi', 'erreur', 'envoi', 'erreur', 'constate']);
    expect(client.subscriptions.get('A')?.disponibles).toBe(98);
  });
});

describe('executeTasks — conflicts', () => {
  it('stops launching on another RA’s change; writes in flight finish', async () => {
    const client = new FakeConsole().add('A').add('B').add('C').add('D').fail('A', 'autreRa');
    const { journal, options } = setup(client, { concurrency: 2 });
    const tasks = ['A', 'B', 'C', 'D'].map((id) => affecter(id, [`${id}-P`]));
    const result = await executeTasks(UAI, tasks, options);
    expect(result).toMatchObject({
      status: 'interrompu',
      reason: 'conflit',
      message: MESSAGES.conflit(1),
      conflits: ['A'],
      restants: ['A', 'C', 'D'],
    });
    expect(result.faits).toEqual(new Map([['B', ['B-P']]]));
    expect(client.writes.map((w) => w.id)).toEqual(['A', 'B']);
    // Refused outright: the journal says nothing of it applied.
    expect(journal.actions('A')).toEqual(['envoi', 'erreur', 'refuse']);
  });

  it('journals a write refused every time as « refuse »: nothing of it to look for on resuming', async () => {
    const refusedThenSession = new FakeConsole().add('A').add('B').fail('A', 'autreRa').fail('B', 'session');
    const refused = setup(refusedThenSession, { concurrency: 1 });
    await executeTasks(UAI, [affecter('A', ['P1']), affecter('B', ['P2'])], refused.options);
    expect(refused.journal.actions('A')).toEqual(['envoi', 'erreur', 'refuse']);
    expect(jobState({ steps: refused.journal.steps }).incertains.size).toBe(0);

    // A server error first may have applied the write: a later refusal does not settle it.
    const uncertain = new FakeConsole().add('A').fail('A', 'serveurApres', 'autreRa');
    const maybe = setup(uncertain);
    const result = await executeTasks(UAI, [affecter('A', ['P1', 'P2'])], maybe.options);
    expect(maybe.journal.actions('A')).not.toContain('refuse');
    // (Here the write did apply: the retry's check finds everyone there.)
    expect(result.faits.get('A')).toEqual(['P1', 'P2']);
    const sessionLost = new FakeConsole().add('A').fail('A', 'serveur', 'session');
    const lost = setup(sessionLost);
    await executeTasks(UAI, [affecter('A', ['P1'])], lost.options);
    expect(lost.journal.actions('A')).toEqual(['envoi', 'erreur', 'envoi', 'erreur']);
    expect([...jobState({ steps: lost.journal.steps }).incertains.keys()]).toEqual(['A']);
  });

  it('takes a licence refusal (counts moved since the plan) as a conflict', async () => {
    const client = new FakeConsole().add('A', { disponibles: 1 });
    const { options } = setup(client);
    const result = await executeTasks(UAI, [affecter('A', ['P1', 'P2'])], options);
    expect(result).toMatchObject({ reason: 'conflit', conflits: ['A'] });
    expect(client.subscriptions.get('A')?.holders.size).toBe(0);
  });

  it('carries a removal over a newer version, removing only who is still there', async () => {
    // Since the undo was planned, someone removed P2 (version 4 → 5).
    const client = new FakeConsole().add('A', { version: 5, holders: new Set(['P1', 'P3']) });
    const { journal, options } = setup(client);
    const result = await executeTasks(
      UAI,
      [{ kind: 'retirer', idAbonnement: 'A', version: 4, idPersonnes: ['P1', 'P2'] }],
      options,
    );
    expect(result.status).toBe('termine');
    expect(result.faits.get('A')).toEqual(['P1']);
    expect(client.writes).toEqual([
      { id: 'A', version: 4 },
      { id: 'A', version: 5 },
    ]);
    expect(journal.steps.filter((s) => s.action === 'envoi').map((s) => s.personIds)).toEqual([
      ['P1', 'P2'],
      ['P1'],
    ]);
    expect([...(client.subscriptions.get('A')?.holders ?? [])]).toEqual(['P3']);
  });

  it('ends a removal with nothing left to remove as done, without another write', async () => {
    const client = new FakeConsole().add('A', { version: 5, holders: new Set(['P3']) });
    const { journal, options } = setup(client);
    const result = await executeTasks(
      UAI,
      [{ kind: 'retirer', idAbonnement: 'A', version: 4, idPersonnes: ['P1', 'P2'] }],
      options,
    );
    expect(result.status).toBe('termine');
    expect(client.writes).toHaveLength(1);
    expect(journal.actions('A')).toEqual(['envoi', 'erreur', 'constate']);
  });

  it('carries a removal over only one newer version', async () => {
    const client = new FakeConsole()
      .add('A', { version: 5, holders: new Set(['P1']) })
      .fail('A', 'autreRa', 'autreRa');
    const { options } = setup(client);
    const result = await executeTasks(
      UAI,
      [{ kind: 'retirer', idAbonnement: 'A', version: 5, idPersonnes: ['P1'] }],
      options,
    );
    expect(result).toMatchObject({ reason: 'conflit', conflits: ['A'] });
    expect(client.writes).toHaveLength(2);
  });
});

describe('executeTasks — stops', () => {
  it('stops on an expired session, lets writes in flight finish, and says what to do', async () => {
    const client = new FakeConsole().add('A').add('B').add('C').add('D').fail('A', 'session');
    const { options } = setup(client, { concurrency: 2 });
    const tasks = ['A', 'B', 'C', 'D'].map((id) => affecter(id, [`${id}-P`]));
    const result = await executeTasks(UAI, tasks, options);
    expect(result).toMatchObject({
      status: 'interrompu',
      reason: 'session',
      message: "Votre session de la console GAR a expiré : reconnectez-vous, puis reprenez l'opération.",
      restants: ['A', 'C', 'D'],
    });
    expect(result.faits).toEqual(new Map([['B', ['B-P']]]));
  });

  it('tells an English-speaking RA their session expired, in English', async () => {
    speak('en');
    const { options } = setup(new FakeConsole().add('A').fail('A', 'session'));
    const result = await executeTasks(UAI, [affecter('A', ['A-P'])], options);
    expect(result.message).toBe(
      'Your GAR console session has expired: log in again, then resume the operation.',
    );
  });

  it('lists other failures and goes on with the rest', async () => {
    const client = new FakeConsole().add('A').add('B').add('C').fail('B', 'introuvable');
    const { sleeps, options } = setup(client, { concurrency: 1 });
    const tasks = ['A', 'B', 'C'].map((id) => affecter(id, [`${id}-P`]));
    const result = await executeTasks(UAI, tasks, options);
    expect(result).toMatchObject({
      status: 'interrompu',
      reason: 'echec',
      echecs: [{ idAbonnement: 'B', message: defaultMessage('introuvable') }],
      restants: ['B'],
    });
    expect([...result.faits.keys()]).toEqual(['A', 'C']);
    expect(sleeps).toEqual([]);
  });

  it('launches nothing more once the RA stops; writes in flight finish', async () => {
    const controller = new AbortController();
    const client = new FakeConsole().add('A').add('B').add('C').add('D');
    client.onWrite = () => controller.abort();
    const { options } = setup(client, { concurrency: 2, signal: controller.signal });
    const tasks = ['A', 'B', 'C', 'D'].map((id) => affecter(id, [`${id}-P`]));
    const result = await executeTasks(UAI, tasks, options);
    expect(result).toMatchObject({
      status: 'interrompu',
      reason: 'annule',
      message: MESSAGES.annule(2),
      restants: ['C', 'D'],
    });
    expect([...result.faits.keys()]).toEqual(['A', 'B']);
  });

  it('does not wait out a retry pause once the RA stops', async () => {
    const controller = new AbortController();
    const client = new FakeConsole().add('A').fail('A', 'serveur');
    const { options } = setup(client, {
      signal: controller.signal,
      sleep: (_ms, signal) =>
        new Promise((resolve) => {
          signal?.addEventListener('abort', () => resolve());
          controller.abort();
        }),
    });
    const result = await executeTasks(UAI, [affecter('A', ['P1'])], options);
    expect(result).toMatchObject({ reason: 'annule', restants: ['A'] });
    expect(client.writes).toHaveLength(1);
  });

  it('writes nothing when stopped before the start', async () => {
    const controller = new AbortController();
    controller.abort();
    const client = new FakeConsole().add('A');
    const { options } = setup(client, { signal: controller.signal });
    const result = await executeTasks(UAI, [affecter('A', ['P1'])], options);
    expect(client.writes).toEqual([]);
    expect(result).toMatchObject({ status: 'interrompu', reason: 'annule', restants: ['A'] });
  });

  it('finishes with nothing to do', async () => {
    const { options } = setup();
    expect(await executeTasks(UAI, [], options)).toMatchObject({ status: 'termine', restants: [] });
  });
});

describe('executeTasks — a retry or a resume never assigns twice', () => {
  it('re-running the same tasks after a partial run adds nobody twice', async () => {
    const ids = ['A', 'B', 'C', 'D'];
    const client = new FakeConsole();
    for (const id of ids) client.add(id);
    client.fail('C', 'session');
    const tasks = ids.map((id) => affecter(id, persons(id, 3)));
    const first = setup(client, { concurrency: 1 });
    const partial = await executeTasks(UAI, tasks, first.options);
    expect(partial).toMatchObject({ reason: 'session', restants: ['C', 'D'] });

    // After a new login, the very same tasks (stale versions included) go again.
    const second = setup(client, { concurrency: 1 });
    const resumed = await executeTasks(UAI, tasks, second.options);
    expect(resumed.status).toBe('termine');
    expect(second.journal.actions('A')).toEqual(['envoi', 'erreur', 'constate']);

    const added = [...first.journal.steps, ...second.journal.steps]
      .filter((step) => step.action === 'affecte')
      .flatMap((step) => step.personIds ?? []);
    expect(added).toHaveLength(new Set(added).size);
    expect(added.sort()).toEqual(ids.flatMap((id) => persons(id, 3)).sort());
    for (const id of ids) expect(client.subscriptions.get(id)?.disponibles).toBe(97);
  });
});

// The executor against the simulator on the committed college seed, with its fault knobs: what
// the executor promises holds against the console's own rules, not only against the fake above.

/** Division 6A to the first active individual subscriptions open to pupils (teachers of 6A included). */
async function plannedTasks(client: ConsoleClient, count: number): Promise<WriteTask[]> {
  const now = new Date();
  const subscriptions = (await client.subscriptions(COLLEGE_UAI))
    .filter((s) => refusalOf(s, now) === undefined && s.abonnement.publicCible.includes('ELEVE'))
    .slice(0, count);
  const holders = new Map<string, Set<string>>();
  for (const { abonnement } of subscriptions) {
    const current = await client.affectations(COLLEGE_UAI, abonnement.idAbonnement);
    holders.set(abonnement.idAbonnement, new Set(current.affectations.map((a) => a.idPersonne)));
  }
  const population = await client.population(COLLEGE_UAI);
  const plan = planAssignment({
    subscriptions,
    holders,
    index: indexPopulation(population),
    cibles: [{ type: 'division', code: '6A' }],
    now,
    jusquAEpuisement: true,
  });
  return assignmentTasks(plan, true);
}

/** Every expected person holds a licence, and the journal added each of them once at most. */
async function expectAllAssignedOnce(
  client: ConsoleClient,
  tasks: readonly WriteTask[],
  steps: readonly JournalStep[],
): Promise<void> {
  for (const task of tasks) {
    if (task.kind !== 'affecter') continue;
    const current = await client.affectations(COLLEGE_UAI, task.idAbonnement);
    const held = current.affectations.map((a) => a.idPersonne);
    expect(held).toHaveLength(new Set(held).size);
    expect(held).toEqual(expect.arrayContaining(task.attendus));
    const added = steps
      .filter((step) => step.idAbonnement === task.idAbonnement && step.action === 'affecte')
      .flatMap((step) => step.personIds ?? []);
    expect(added).toHaveLength(new Set(added).size);
  }
}

const noPause = { backoffMs: 0, sleep: async () => undefined };

describe('executeTasks against the simulator', () => {
  it('completes through a 30 % error rate, nobody assigned twice', async () => {
    const { login, faults } = await simulator();
    const client = await login();
    const tasks = await plannedTasks(client, 8);
    expect(tasks.length).toBeGreaterThanOrEqual(6);
    await faults({ tauxErreur: 0.3 });
    const journal = new RecordingJournal();
    const result = await executeTasks(COLLEGE_UAI, tasks, { client, journal, retries: 8, ...noPause });
    await faults(null);

    expect(result.status).toBe('termine');
    expect(journal.steps.some((step) => step.action === 'erreur')).toBe(true);
    for (const task of tasks) {
      if (task.kind === 'affecter') expect(result.faits.get(task.idAbonnement)).toEqual(task.attendus);
    }
    await expectAllAssignedOnce(client, tasks, journal.steps);
  });

  it('reports another RA’s change as a conflict and stops there', async () => {
    const { login, faults } = await simulator();
    const client = await login();
    const tasks = await plannedTasks(client, 4);
    const [first, second] = tasks;
    if (first?.kind !== 'affecter' || second?.kind !== 'affecter') throw new Error('plan too small');
    // Just before our first write, someone gives a licence of the second subscription to one of ours.
    await faults({
      changementConcurrent: {
        uai: COLLEGE_UAI,
        idAbonnement: second.idAbonnement,
        ajouter: second.attendus.slice(0, 1),
        apresRequetes: 0,
      },
    });
    const journal = new RecordingJournal();
    const result = await executeTasks(COLLEGE_UAI, tasks, { client, journal, concurrency: 1, ...noPause });

    expect(result).toMatchObject({
      status: 'interrompu',
      reason: 'conflit',
      conflits: [second.idAbonnement],
      restants: tasks.slice(1).map((task) => task.idAbonnement),
    });
    expect(result.faits.get(first.idAbonnement)).toEqual(first.attendus);
  });

  it('stops on an expired session; after a new login the same tasks complete the rest', async () => {
    const { login, faults } = await simulator();
    const tasks = await plannedTasks(await login(), 6);
    const runner = await login();
    // The fresh session serves three requests, then expires.
    await faults({ expirationSessionApres: 3 });
    const journal = new RecordingJournal();
    const partial = await executeTasks(COLLEGE_UAI, tasks, {
      client: runner,
      journal,
      concurrency: 1,
      ...noPause,
    });
    expect(partial).toMatchObject({ status: 'interrompu', reason: 'session' });
    expect(partial.faits.size).toBe(3);
    expect(partial.restants).toEqual(tasks.slice(3).map((task) => task.idAbonnement));

    await faults(null);
    const again = await login();
    const resumed = await executeTasks(COLLEGE_UAI, tasks, { client: again, journal, ...noPause });
    expect(resumed.status).toBe('termine');
    for (const task of tasks.slice(0, 3)) {
      expect(journal.actions(task.idAbonnement).at(-1)).toBe('constate');
    }
    await expectAllAssignedOnce(again, tasks, journal.steps);
  });
});
