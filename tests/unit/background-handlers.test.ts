import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../utils/background-handlers';
import { createEnvelope, createMessageListener, sendRequest } from '../../utils/messaging';
import { type GarDb, openGarDb } from '../../utils/store/db';
import { listUsageMonths } from '../../utils/store/usage-history';
import { sampleAbonnement } from './abonnement-fixture';

let counter = 0;
const opened: GarDb[] = [];

function backgroundWithFreshDb(now = () => new Date('2026-11-28T09:00:00.000Z')) {
  const db = openGarDb(`background-test-${++counter}`).then((database) => {
    opened.push(database);
    return database;
  });
  const optionsOpened: (string | undefined)[] = [];
  const listener = createMessageListener(
    createHandlers({
      db: () => db,
      version: '0.1.0',
      now,
      openOptionsPage: async (section) => {
        optionsOpened.push(section);
      },
    }),
  );
  return { listener, db, optionsOpened: () => optionsOpened };
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
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
    const capture = { uai: UAI, source: 'portail' as const, usage, subscriptions: [{ abonnement, counts }] };

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
        usage: [{ ...row, acces: -1 }],
        subscriptions: [],
      }),
    );
    expect(reply).toEqual({ ok: false, error: 'Message « stats.capture » mal formé (usage.0.acces).' });
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
