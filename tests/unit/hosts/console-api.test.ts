import { describe, expect, it } from 'vitest';
import { createConsoleClient } from '../../../utils/hosts/console/api';
import { HostError } from '../../../utils/hosts/errors';
import type { Fetch } from '../../../utils/hosts/http';
import { rejected } from '../errors';

const ORIGIN = 'https://affectation.gar.education.fr';
const UAI = '0561622J';

const wireSubscription = {
  idAbonnement: 'ABO-MATHS-6E-2026',
  idRessource: 'ark:/49591/maths6e',
  typeIdRessource: 'ark',
  libelleRessource: 'Maths 6e — manuel numérique',
  idDistributeurCom: '832020651_0000000000000012',
  debutValidite: '2026-09-01T00:00:00.000+02:00',
  finValidite: '2027-08-31T23:59:59.000+02:00',
  typeAffectation: 'INDIV',
  publicCible: ['ELEVE', 'ENSEIGNANT'],
  licences: { kind: 'parProfil', counts: { ELEVE: 120, ENSEIGNANT: 'ILLIMITE' } },
  compteurs: {
    ELEVE: { achetees: 120, affectees: 100, verrouillees: 2, disponibles: 20 },
    ENSEIGNANT: { achetees: 'ILLIMITE', affectees: 4, verrouillees: 0, disponibles: 'ILLIMITE' },
  },
  version: 7,
};

interface Call {
  url: string;
  init?: RequestInit;
}

function stubFetch(response: () => Response | Promise<Response>): { fetch: Fetch; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return response();
    },
  };
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const hostErrorOf = (promise: Promise<unknown>): Promise<HostError> => rejected(HostError, promise);

describe('the console adapter', () => {
  it('reads subscriptions with their counters and version into domain objects', async () => {
    const { fetch, calls } = stubFetch(() =>
      json(200, { abonnements: [wireSubscription, { ...wireSubscription, idAbonnement: 'AUTO_123' }] }),
    );
    const [maths, auto] = await createConsoleClient(fetch, ORIGIN).subscriptions(UAI);
    expect(calls[0]?.url).toBe(`${ORIGIN}/api/etablissements/${UAI}/abonnements`);
    expect(calls[0]?.init?.credentials).toBe('include');
    expect(maths?.abonnement.uaiEtab).toEqual([UAI]);
    expect(maths?.abonnement.licences).toEqual({
      kind: 'parProfil',
      counts: { ELEVE: 120, ENSEIGNANT: 'ILLIMITE' },
    });
    expect(maths?.compteurs.ELEVE?.disponibles).toBe(20);
    expect(maths?.version).toBe(7);
    expect(maths?.abonnement.automatique).toBe(false);
    expect(auto?.abonnement.automatique).toBe(true);
  });

  it('posts one assignment request per subscription for many targets', async () => {
    const { fetch, calls } = stubFetch(() =>
      json(200, { version: 8, ajoutees: ['e1', 'e2'], dejaAffectees: ['e3'], exclues: [] }),
    );
    const result = await createConsoleClient(fetch, ORIGIN).assign(UAI, 'ABO/1', {
      version: 7,
      cibles: [
        { type: 'division', code: '6A' },
        { type: 'groupe', code: 'ESP6' },
      ],
    });
    expect(result.ajoutees).toEqual(['e1', 'e2']);
    expect(calls[0]?.url).toBe(`${ORIGIN}/api/etablissements/${UAI}/abonnements/ABO%2F1/affectations`);
    expect(calls[0]?.init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({
      version: 7,
      cibles: [
        { type: 'division', code: '6A' },
        { type: 'groupe', code: 'ESP6' },
      ],
    });
  });

  it('turns an expired session into a "session" error the RA can act on', async () => {
    const { fetch } = stubFetch(() => json(401, { erreur: 'session', message: 'Session expirée.' }));
    const error = await hostErrorOf(createConsoleClient(fetch, ORIGIN).session());
    expect(error.kind).toBe('session');
    expect(error.message).toBe('Session expirée.');
    expect(error.transient).toBe(false);
  });

  it('keeps the missing licences per profile of a refused assignment', async () => {
    const { fetch } = stubFetch(() =>
      json(422, { erreur: 'licences', message: 'Licences insuffisantes.', manquantes: { ELEVE: 20 } }),
    );
    const error = await hostErrorOf(
      createConsoleClient(fetch, ORIGIN).assign(UAI, 'A', {
        version: 1,
        cibles: [{ type: 'profil', code: 'ELEVE' }],
      }),
    );
    expect(error.kind).toBe('licences');
    expect(error.details).toEqual({ manquantes: { ELEVE: 20 } });
  });

  it('reports a concurrent change as a conflict with the current version', async () => {
    const { fetch } = stubFetch(() => json(409, { erreur: 'conflit', version: 9 }));
    const error = await hostErrorOf(
      createConsoleClient(fetch, ORIGIN).remove(UAI, 'A', { version: 7, idPersonnes: ['e1'] }),
    );
    expect(error.kind).toBe('conflit');
    expect(error.details).toEqual({ version: 9 });
    expect(error.message).toBe('Un autre responsable a modifié cet abonnement entre-temps.');
  });

  it('marks server errors and dropped connections as worth retrying', async () => {
    const server = await hostErrorOf(
      createConsoleClient(stubFetch(() => new Response('panne', { status: 503 })).fetch, ORIGIN).dashboard(
        UAI,
      ),
    );
    expect([server.kind, server.transient, server.status]).toEqual(['serveur', true, 503]);
    const dropped = await hostErrorOf(
      createConsoleClient(async () => Promise.reject(new TypeError('Failed to fetch')), ORIGIN).dashboard(
        UAI,
      ),
    );
    expect([dropped.kind, dropped.transient]).toEqual(['reseau', true]);
  });

  it('refuses an answer of an unexpected shape and says where', async () => {
    const { fetch } = stubFetch(() => json(200, { abonnements: [{ ...wireSubscription, version: 'sept' }] }));
    const error = await hostErrorOf(createConsoleClient(fetch, ORIGIN).subscriptions(UAI));
    expect(error.kind).toBe('reponseInattendue');
    expect(error.message).toContain('abonnements.0.version');
  });
});
