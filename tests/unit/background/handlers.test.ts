import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackground } from '../../../utils/background/handlers';
import type { PresencePort } from '../../../utils/background/job-lease';
import { packUsage } from '../../../utils/gar/usage-row';
import type { MessageKey } from '../../../utils/i18n';
import {
  type ContentSender,
  createEnvelope,
  createMessageListener,
  type PresenceNotice,
  type Sender,
  sendRequest,
} from '../../../utils/messaging';
import { type GarDb, openGarDb } from '../../../utils/store/db';
import { listUsageMonths } from '../../../utils/store/usage-history';
import { sampleAbonnement } from '../abonnement-fixture';
import { speakKeys } from '../speak';

let counter = 0;
const opened: GarDb[] = [];

function backgroundWithFreshDb(
  now = () => new Date('2026-11-28T09:00:00.000Z'),
  messageKeys?: () => Promise<MessageKey[]>,
) {
  const db = openGarDb(`background-test-${++counter}`).then((database) => {
    opened.push(database);
    return database;
  });
  const optionsOpened: (string | undefined)[] = [];
  const background = createBackground({
    db: () => db,
    version: '0.1.0',
    now,
    openOptionsPage: async (section) => {
      optionsOpened.push(section);
    },
    messageKeys,
  });
  const listen = createMessageListener(background.handlers, background.authorize);
  /** The background as one sender reaches it. */
  const as =
    (sender: Sender | null) =>
    (message: unknown): ReturnType<typeof listen> =>
      listen(message, sender);
  return {
    listener: as({ kind: 'extension' }),
    as,
    presence: background.presence,
    db,
    optionsOpened: () => optionsOpened,
  };
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  vi.restoreAllMocks();
});

const health = {
  featureId: 'barre-compagnon',
  status: 'ok' as const,
  lastRunAt: '2026-09-01T06:00:00.000Z',
  url: 'https://affectation.gar.education.fr/',
  unmatchedSelectors: [],
};

describe('the background routes messages to the store', () => {
  it('keeps the latest health report of each feature', async () => {
    const { listener } = backgroundWithFreshDb();
    await sendRequest(listener, 'health.report', [health]);
    await sendRequest(listener, 'health.report', [
      { ...health, status: 'echec', error: 'Sélecteur introuvable' },
    ]);
    const list = await sendRequest(listener, 'health.list', {});
    expect(list).toEqual([{ ...health, status: 'echec', error: 'Sélecteur introuvable' }]);
  });

  it('refuses a health report carrying a query string (it may name pupils)', async () => {
    const { listener } = backgroundWithFreshDb();
    const reply = await listener(
      createEnvelope('health.report', [
        { ...health, url: 'https://affectation.gar.education.fr/eleves?nom=Martin' },
      ]),
    );
    expect(reply.ok).toBe(false);
    expect(await sendRequest(listener, 'health.list', {})).toEqual([]);
  });

  it('updates one setting without resetting the others', async () => {
    const { listener } = backgroundWithFreshDb();
    await sendRequest(listener, 'settings.update', { journalRetentionDays: 30 });
    await sendRequest(listener, 'settings.update', { disabledFeatures: ['barre-compagnon'] });
    const settings = await sendRequest(listener, 'settings.get', {});
    expect(settings.journalRetentionDays).toBe(30);
    expect(settings.disabledFeatures).toEqual(['barre-compagnon']);
    expect(settings.expiringSoonDays).toBe(30);
  });

  it('opens the options page on request and answers ping with the version', async () => {
    const background = backgroundWithFreshDb();
    await sendRequest(background.listener, 'options.open', {});
    await sendRequest(background.listener, 'options.open', { section: 'statistiques' });
    await sendRequest(background.listener, 'options.open', { section: 'commandes' });
    expect(background.optionsOpened()).toEqual([undefined, 'statistiques', 'commandes']);
    const unknown = await background.listener(
      createEnvelope('options.open', { section: 'ailleurs' } as never),
    );
    expect(unknown.ok).toBe(false);
    expect(await sendRequest(background.listener, 'ping', {})).toEqual({ version: '0.1.0' });
  });
});

describe('the memory of subscriptions seen in the console', () => {
  const abonnement = sampleAbonnement({ libelleRessource: 'Maths 6e' });
  const counts = { GLOBAL: { achetees: 10, affectees: 4, verrouillees: 0, disponibles: 6 } };

  it('remembers what was seen and keeps a subscription that disappeared, marked gone', async () => {
    const { listener } = backgroundWithFreshDb();
    const first = await sendRequest(listener, 'subscriptions.seen', {
      uai: '0561622J',
      subscriptions: [{ abonnement, counts }],
    });
    expect(first).toEqual({ added: ['ABO-1'], kept: [], gone: [] });
    const second = await sendRequest(listener, 'subscriptions.seen', { uai: '0561622J', subscriptions: [] });
    expect(second.gone).toEqual(['ABO-1']);
    const [seen] = await sendRequest(listener, 'subscriptions.list', {});
    expect(seen?.goneSince).toBe('2026-11-28T09:00:00.000Z');
    expect(seen?.counts.GLOBAL?.disponibles).toBe(6);
  });

  it('does not record the same list again within minutes, unless the store lost it', async () => {
    let now = new Date('2026-11-28T09:00:00.000Z');
    const { listener, db } = backgroundWithFreshDb(() => now);
    const request = { uai: '0561622J', subscriptions: [{ abonnement, counts }] };
    const lastSeenAt = async () => (await sendRequest(listener, 'subscriptions.list', {}))[0]?.lastSeenAt;
    await sendRequest(listener, 'subscriptions.seen', request);

    // The RA clicks through the console's tabs: every view sends the same list.
    now = new Date('2026-11-28T09:04:00.000Z');
    expect(await sendRequest(listener, 'subscriptions.seen', request)).toEqual({
      added: [],
      kept: ['ABO-1'],
      gone: [],
    });
    expect(await lastSeenAt()).toBe('2026-11-28T09:00:00.000Z');

    // A change is recorded at once.
    const changed = {
      ...request,
      subscriptions: [{ abonnement, counts: { GLOBAL: { ...counts.GLOBAL, affectees: 5 } } }],
    };
    await sendRequest(listener, 'subscriptions.seen', changed);
    expect(await lastSeenAt()).toBe('2026-11-28T09:04:00.000Z');

    // The same list later on moves the time it was seen.
    now = new Date('2026-11-28T09:10:00.000Z');
    await sendRequest(listener, 'subscriptions.seen', changed);
    expect(await lastSeenAt()).toBe('2026-11-28T09:10:00.000Z');

    // The options page erased the memory meanwhile: the same list is recorded again.
    await (await db).clear('seenSubscriptions');
    now = new Date('2026-11-28T09:11:00.000Z');
    expect(await sendRequest(listener, 'subscriptions.seen', changed)).toEqual({
      added: ['ABO-1'],
      kept: [],
      gone: [],
    });
    expect(await lastSeenAt()).toBe('2026-11-28T09:11:00.000Z');
  });

  it('refuses a malformed school code', async () => {
    const { listener } = backgroundWithFreshDb();
    const reply = await listener(createEnvelope('subscriptions.seen', { uai: 'lycée', subscriptions: [] }));
    expect(reply).toEqual({ ok: false, error: 'Message « subscriptions.seen » mal formé (uai).' });
  });
});

describe('the journal of bulk operations, through messages', () => {
  const job = {
    abonnements: [{ idAbonnement: 'ABO-1', libelle: 'Maths 6e' }],
    cibles: [{ type: 'division' as const, code: '6A', libelle: 'Division 6A' }],
    jusquAEpuisement: false,
  };

  it('records an operation before its writes, each step, its end, a reopening, and links an undo to it', async () => {
    const { listener } = backgroundWithFreshDb();
    const entry = await sendRequest(listener, 'journal.start', {
      uai: '0350042K',
      kind: 'affectation',
      summary: 'Maths 6e → Division 6A',
      job,
    });
    expect(entry.status).toBe('enCours');
    const step = { at: '2026-11-28T09:00:01.000Z', action: 'envoi', idAbonnement: 'ABO-1', ok: true };
    await sendRequest(listener, 'journal.step', { id: entry.id, step: { ...step, personIds: ['p1', 'p2'] } });
    await sendRequest(listener, 'journal.finish', {
      id: entry.id,
      status: 'termine',
      summary: '2 affectées',
    });
    const undo = await sendRequest(listener, 'journal.start', {
      uai: '0350042K',
      kind: 'annulation',
      summary: 'Annulation',
      job: { ...job, annule: entry.id },
    });
    const interrupted = await sendRequest(listener, 'journal.finish', {
      id: undo.id,
      status: 'interrompu',
      summary: 'session expirée',
    });
    expect(interrupted.endedAt).toBeDefined();
    const reopened = await sendRequest(listener, 'journal.reopen', { id: undo.id });
    expect(reopened).toMatchObject({ status: 'enCours' });
    expect(reopened.endedAt).toBeUndefined();
    await sendRequest(listener, 'journal.finish', {
      id: undo.id,
      status: 'termine',
      summary: '2 retirées',
      reverses: entry.id,
    });

    const entries = await sendRequest(listener, 'journal.list', { uai: '0350042K' });
    const first = entries.find((candidate) => candidate.id === entry.id);
    const latest = entries.find((candidate) => candidate.id === undo.id);
    expect(first).toMatchObject({ id: entry.id, status: 'termine', annulePar: undo.id });
    expect(first?.steps).toEqual([{ ...step, personIds: ['p1', 'p2'] }]);
    expect(latest).toMatchObject({ id: undo.id, kind: 'annulation', job: { annule: entry.id } });
  });

  it('stores the starts and steps of a school in a strict order, even within one millisecond and after a worker restart', async () => {
    const sameInstant = () => new Date('2026-11-28T09:00:00.000Z');
    const first = backgroundWithFreshDb(sameInstant);
    const start = { uai: '0350042K', kind: 'affectation' as const, summary: 'Maths 6e → Division 6A', job };
    const assignment = await sendRequest(first.listener, 'journal.start', start);
    const undo = await sendRequest(first.listener, 'journal.start', {
      ...start,
      kind: 'annulation' as const,
      job: { ...job, annule: assignment.id },
    });
    const step = { at: '2026-11-28T09:00:00.000Z', action: 'envoi', idAbonnement: 'ABO-1', ok: true };
    // Sent together, as two tabs would: each is stamped in the order the background received it.
    await Promise.all([
      sendRequest(first.listener, 'journal.step', {
        id: assignment.id,
        step: { ...step, action: 'affecte' },
      }),
      sendRequest(first.listener, 'journal.step', { id: undo.id, step }),
    ]);
    // The worker restarts: a new background over the same database goes on after what is stored.
    const restarted = createMessageListener(
      createBackground({
        db: () => first.db,
        version: '0.1.0',
        now: sameInstant,
        openOptionsPage: async () => {},
      }).handlers,
    );
    await sendRequest((message) => restarted(message, { kind: 'extension' }), 'journal.step', {
      id: undo.id,
      step: { ...step, action: 'constate' },
    });
    // Another school's journal keeps its own time.
    const elsewhere = await sendRequest(first.listener, 'journal.start', { ...start, uai: '0990001A' });

    const entries = await sendRequest(first.listener, 'journal.list', { uai: '0350042K' });
    const stored = (id: string) => entries.find((entry) => entry.id === id);
    const stamps = [
      stored(assignment.id)?.startedAt,
      stored(undo.id)?.startedAt,
      stored(assignment.id)?.steps[0]?.at,
      ...(stored(undo.id)?.steps.map((s) => s.at) ?? []),
    ];
    expect(stamps).toEqual([
      '2026-11-28T09:00:00.000Z',
      '2026-11-28T09:00:00.001Z',
      '2026-11-28T09:00:00.002Z',
      '2026-11-28T09:00:00.003Z',
      '2026-11-28T09:00:00.004Z',
    ]);
    expect(elsewhere.startedAt).toBe('2026-11-28T09:00:00.000Z');
    // Newest first, with no tie for the order to fall on by chance.
    expect(entries.map((entry) => entry.id)).toEqual([undo.id, assignment.id]);
  });

  it('refuses a step for an operation that does not exist, in French', async () => {
    const { listener } = backgroundWithFreshDb();
    const reply = await listener(
      createEnvelope('journal.step', {
        id: 'inconnue',
        step: { at: '2026-11-28T09:00:01.000Z', action: 'envoi', ok: true },
      }),
    );
    expect(reply).toEqual({ ok: false, error: 'Entrée de journal introuvable : inconnue' });
  });
});

describe('templates, through messages', () => {
  it('saves a template and lists it; a malformed one is refused and not stored', async () => {
    const { listener } = backgroundWithFreshDb();
    const template = {
      id: 'tpl-1',
      name: 'Manuels de 6e',
      description: '',
      version: 2 as const,
      rules: [
        { resource: { title: 'Maths 6e' }, targets: [{ kind: 'divisionsDuNiveau' as const, mef: '6EME' }] },
      ],
      createdAt: '2026-11-28T09:00:00.000Z',
      updatedAt: '2026-11-28T09:00:00.000Z',
    };
    expect(await sendRequest(listener, 'templates.save', template)).toEqual(template);
    const refused = await listener(createEnvelope('templates.save', { ...template, id: 'tpl-2', name: '' }));
    expect(refused.ok).toBe(false);
    expect(await sendRequest(listener, 'templates.list', {})).toEqual([template]);
  });
});

describe('what is kept about a school between visits, through messages', () => {
  const counts = (eleves: number) => ({
    profils: { ELEVE: eleves, ENSEIGNANT: 3, DOCUMENTALISTE: 1, 'AUTRE PERSONNEL': 1 },
    divisions: { '6A': eleves },
    groupes: {},
    niveaux: { '6EME': eleves },
  });

  it('returns the previous ENT counts when a new check is recorded, and keeps the expectations apart', async () => {
    const { listener } = backgroundWithFreshDb();
    const first = { checkedAt: '2026-09-01T08:00:00.000Z', counts: counts(27) };
    expect(
      await sendRequest(listener, 'school.syncChecked', { uai: '0561622J', synchronisation: first }),
    ).toEqual({
      previous: null,
    });
    await sendRequest(listener, 'school.expectations', { uai: '0561622J', attentes: { divisions: 17 } });
    const second = { checkedAt: '2026-09-08T08:00:00.000Z', counts: counts(12) };
    expect(
      await sendRequest(listener, 'school.syncChecked', { uai: '0561622J', synchronisation: second }),
    ).toEqual({
      previous: first,
    });
    expect(await sendRequest(listener, 'school.get', { uai: '0561622J' })).toEqual({
      uai: '0561622J',
      synchronisation: second,
      attentes: { divisions: 17 },
    });
    expect(await sendRequest(listener, 'school.get', { uai: '0290009C' })).toBeNull();
  });

  it('refuses an expectation out of range, in French, and keeps the previous one', async () => {
    const { listener } = backgroundWithFreshDb();
    await sendRequest(listener, 'school.expectations', { uai: '0561622J', attentes: { divisions: 17 } });
    const reply = await listener(
      createEnvelope('school.expectations', { uai: '0561622J', attentes: { divisions: 0 } }),
    );
    expect(reply.ok).toBe(false);
    expect((await sendRequest(listener, 'school.get', { uai: '0561622J' }))?.attentes).toEqual({
      divisions: 17,
    });
  });
});

describe('the statistics capture, through messages', () => {
  const UAI = '0561622J';
  const abonnement = sampleAbonnement({ libelleRessource: 'Maths 6e' });
  const counts = { GLOBAL: { achetees: 10, affectees: 4, verrouillees: 0, disponibles: 6 } };
  const row = {
    idRessource: abonnement.idRessource,
    libelleRessource: 'Maths 6e',
    mois: '2026-10',
    profil: 'ELEVE' as const,
    acces: 120,
    utilisateurs: 30,
  };
  const usage = [row, { ...row, profil: 'ENSEIGNANT' as const, acces: 12, utilisateurs: 3 }];

  async function accesStored(db: Promise<GarDb>): Promise<number> {
    const months = await listUsageMonths(await db, UAI);
    return months.flatMap((month) => month.lignes).reduce((total, fact) => total + (fact.acces ?? 0), 0);
  }

  it('stores usage and licences once: the same capture again adds nothing', async () => {
    const { listener, db } = backgroundWithFreshDb();
    const capture = {
      uai: UAI,
      source: 'portail' as const,
      usage: packUsage(usage),
      subscriptions: [{ abonnement, counts }],
    };

    expect(await sendRequest(listener, 'stats.capture', capture)).toEqual({
      ajoutees: 3,
      modifiees: 0,
      inchangees: 0,
      mois: 2,
    });
    expect(await sendRequest(listener, 'stats.capture', capture)).toMatchObject({
      ajoutees: 0,
      inchangees: 3,
    });
    expect(await accesStored(db)).toBe(132);
    expect(await sendRequest(listener, 'stats.status', { uai: UAI, source: 'portail' })).toEqual({
      automatiqueDue: false,
      derniereCapture: '2026-11-28T09:00:00.000Z',
    });
  });

  it('refuses a malformed row in French and stores nothing', async () => {
    const { listener, db } = backgroundWithFreshDb();
    const reply = await listener(
      createEnvelope('stats.capture', {
        uai: UAI,
        source: 'portail',
        usage: packUsage([{ ...row, acces: -1 }]),
        subscriptions: [],
      }),
    );
    expect(reply).toEqual({
      ok: false,
      error: 'Message « stats.capture » mal formé (usage.lignes.0.acces).',
    });
    expect(await listUsageMonths(await db, UAI)).toEqual([]);
  });

  it('captures the console counters on the first visit of the day only, and not when turned off', async () => {
    let now = new Date('2026-11-28T07:00:00.000Z');
    const { listener, db } = backgroundWithFreshDb(() => now);
    const seen = (affectees: number) =>
      sendRequest(listener, 'subscriptions.seen', {
        uai: UAI,
        subscriptions: [{ abonnement, counts: { GLOBAL: { ...counts.GLOBAL, affectees } } }],
      });
    const assigned = async () =>
      (await listUsageMonths(await db, UAI)).flatMap((m) => m.lignes).map((fact) => fact.licencesAffectees);

    expect(await sendRequest(listener, 'stats.status', { uai: UAI, source: 'console' })).toEqual({
      automatiqueDue: true,
      derniereCapture: null,
    });
    await seen(4);
    now = new Date('2026-11-28T21:00:00.000Z');
    await seen(5);
    expect(await assigned()).toEqual([4]);

    // 23:30 UTC is already the next day in Paris.
    now = new Date('2026-11-28T23:30:00.000Z');
    await seen(6);
    expect(await assigned()).toEqual([6]);

    await sendRequest(listener, 'settings.update', { statsAutoCapture: false });
    now = new Date('2026-11-30T08:00:00.000Z');
    await seen(7);
    expect(await assigned()).toEqual([6]);
    expect(await sendRequest(listener, 'stats.status', { uai: UAI, source: 'console' })).toMatchObject({
      automatiqueDue: false,
    });
  });
});

describe('content scripts: their school, and one owner per running job', () => {
  const COLLEGE_A = '0561622J';
  const COLLEGE_B = '0290009C';
  const job = {
    abonnements: [{ idAbonnement: 'ABO-1', libelle: 'Maths 6e' }],
    cibles: [{ type: 'division' as const, code: '6A', libelle: 'Division 6A' }],
    jusquAEpuisement: false,
  };
  const start = { uai: COLLEGE_A, kind: 'affectation' as const, summary: 'Maths 6e → 6A', job };
  const step = { at: '2026-11-28T09:00:01.000Z', action: 'envoi', idAbonnement: 'ABO-1', ok: true };

  type Background = ReturnType<typeof backgroundWithFreshDb>;

  /** A console tab whose content script opened its presence port (and declared a school). */
  async function consoleTab(background: Pick<Background, 'as' | 'presence'>, tabId: number, uai?: string) {
    const told: PresenceNotice[] = [];
    const port: PresencePort = { id: `port-${tabId}`, post: (notice) => told.push(notice) };
    const sender: ContentSender = {
      kind: 'content',
      tabId,
      frameId: 0,
      documentId: `doc-${tabId}`,
      url: 'https://affectation.gar.education.fr/ressources',
    };
    background.presence.connect(port, sender);
    if (uai !== undefined) await background.presence.receive(port, { type: 'ecole', uai });
    return { told, port, ask: background.as(sender), close: () => background.presence.disconnect(port.id) };
  }

  it('gives a content script the messages of the browser’s language in one reply, slots in place', async () => {
    const background = backgroundWithFreshDb(undefined, async () => ['barSettings', 'expiryInDays']);
    const tab = await consoleTab(background, 1);
    expect(await tab.ask(createEnvelope('i18n.templates', {}))).toEqual({
      ok: true,
      data: { barSettings: 'Réglages', expiryInDays: 'expire dans \ue001 j' },
    });
  });

  it('acknowledges the school a tab declares, and ignores what is not the port protocol', async () => {
    const background = backgroundWithFreshDb();
    const tab = await consoleTab(background, 1, COLLEGE_A);
    await background.presence.receive(tab.port, { type: 'ecole', uai: 'tous' });
    await background.presence.receive(tab.port, { type: 'effacer' });
    expect(tab.told).toEqual([{ type: 'ecoleNotee', uai: COLLEGE_A }]);
  });

  it('serves a tab its own school only; the handler never runs for the rest', async () => {
    speakKeys();
    const background = backgroundWithFreshDb();
    await sendRequest(background.listener, 'journal.start', { ...start, uai: COLLEGE_B });
    const tab = await consoleTab(background, 1, COLLEGE_A);
    expect(await sendRequest(tab.ask, 'journal.list', { uai: COLLEGE_A })).toEqual([]);
    expect(await tab.ask(createEnvelope('journal.list', { uai: COLLEGE_B }))).toEqual({
      ok: false,
      error: 'accessOtherSchool',
    });
    expect(await tab.ask(createEnvelope('journal.list', {}))).toEqual({
      ok: false,
      error: 'accessSchoolRequired',
    });
    expect(await tab.ask(createEnvelope('health.list', {}))).toEqual({
      ok: false,
      error: 'accessExtensionOnly',
    });
    const [other] = await sendRequest(background.listener, 'journal.list', {});
    const rewrite = { id: other?.id ?? '', status: 'annule' as const, summary: 'effacé' };
    expect(await tab.ask(createEnvelope('journal.finish', rewrite))).toEqual({
      ok: false,
      error: 'accessOtherSchool',
    });
    expect((await sendRequest(background.listener, 'journal.list', {}))[0]?.status).toBe('enCours');
  });

  it('refuses a tab that declared no school yet, and a page that is not a GAR page', async () => {
    speakKeys();
    const background = backgroundWithFreshDb();
    const tab = await consoleTab(background, 1);
    expect(await tab.ask(createEnvelope('journal.start', start))).toEqual({
      ok: false,
      error: 'accessNoSchool',
    });
    expect(await background.as(null)(createEnvelope('settings.get', {}))).toEqual({
      ok: false,
      error: 'accessUnknownSender',
    });
    expect(await sendRequest(background.listener, 'journal.list', {})).toEqual([]);
  });

  it('gives a job to the tab that started it; another tab can neither resume nor step it', async () => {
    speakKeys();
    const background = backgroundWithFreshDb();
    const one = await consoleTab(background, 1, COLLEGE_A);
    const two = await consoleTab(background, 2, COLLEGE_A);
    const entry = await sendRequest(one.ask, 'journal.start', start);
    expect(await sendRequest(two.ask, 'jobs.running', { uai: COLLEGE_A })).toEqual({ ids: [entry.id] });
    expect(await sendRequest(one.ask, 'jobs.running', { uai: COLLEGE_A })).toEqual({ ids: [] });
    const taken = { ok: false, error: 'leaseTakenElsewhere' };
    expect(await two.ask(createEnvelope('journal.reopen', { id: entry.id }))).toEqual(taken);
    expect(await two.ask(createEnvelope('journal.step', { id: entry.id, step }))).toEqual(taken);
    await sendRequest(one.ask, 'journal.step', { id: entry.id, step });
    // An extension page reads a running job; it does not write over it.
    const [read] = await sendRequest(background.listener, 'journal.list', { uai: COLLEGE_A });
    expect(read?.steps).toHaveLength(1);
    expect(await background.listener(createEnvelope('journal.reopen', { id: entry.id }))).toEqual(taken);
  });

  it('frees a job when its tab closes, tells the school’s other tabs, and lets one resume it', async () => {
    speakKeys();
    const background = backgroundWithFreshDb();
    const one = await consoleTab(background, 1, COLLEGE_A);
    const two = await consoleTab(background, 2, COLLEGE_A);
    const elsewhere = await consoleTab(background, 3, COLLEGE_B);
    const entry = await sendRequest(one.ask, 'journal.start', start);
    one.close();
    expect(two.told).toContainEqual({ type: 'bails', uai: COLLEGE_A });
    expect(elsewhere.told).not.toContainEqual({ type: 'bails', uai: COLLEGE_A });
    expect(await sendRequest(two.ask, 'jobs.running', { uai: COLLEGE_A })).toEqual({ ids: [] });
    expect((await sendRequest(two.ask, 'journal.reopen', { id: entry.id })).status).toBe('enCours');
    const three = await consoleTab(background, 4, COLLEGE_A);
    expect(await sendRequest(three.ask, 'jobs.running', { uai: COLLEGE_A })).toEqual({ ids: [entry.id] });
  });

  it('frees a job when it finishes', async () => {
    speakKeys();
    const background = backgroundWithFreshDb();
    const one = await consoleTab(background, 1, COLLEGE_A);
    const two = await consoleTab(background, 2, COLLEGE_A);
    const entry = await sendRequest(one.ask, 'journal.start', start);
    await sendRequest(one.ask, 'journal.finish', { id: entry.id, status: 'interrompu', summary: 'arrêt' });
    expect(two.told).toContainEqual({ type: 'bails', uai: COLLEGE_A });
    expect((await sendRequest(two.ask, 'journal.reopen', { id: entry.id })).status).toBe('enCours');
  });

  it('after a worker restart, the tab still running a job gets it back, by its next step or its claim', async () => {
    speakKeys();
    const before = backgroundWithFreshDb();
    const running = await sendRequest((await consoleTab(before, 1, COLLEGE_A)).ask, 'journal.start', start);
    const other = await sendRequest((await consoleTab(before, 1, COLLEGE_A)).ask, 'journal.start', start);

    // A new worker on the same database: no port, no lease survived.
    const background = createBackground({
      db: () => before.db,
      version: '0.1.0',
      now: () => new Date('2026-11-28T09:05:00.000Z'),
      openOptionsPage: async () => undefined,
    });
    const listen = createMessageListener(background.handlers, background.authorize);
    const restarted = {
      presence: background.presence,
      as: (sender: Sender | null) => (m: unknown) => listen(m, sender),
    };
    const one = await consoleTab(restarted, 1, COLLEGE_A);
    const two = await consoleTab(restarted, 2, COLLEGE_A);
    await sendRequest(one.ask, 'journal.step', { id: running.id, step });
    await restarted.presence.receive(one.port, { type: 'reclamer', ids: [other.id] });
    expect(await sendRequest(two.ask, 'jobs.running', { uai: COLLEGE_A })).toEqual({
      ids: expect.arrayContaining([running.id, other.id]),
    });
    expect(await two.ask(createEnvelope('journal.reopen', { id: other.id }))).toEqual({
      ok: false,
      error: 'leaseTakenElsewhere',
    });
  });
});
