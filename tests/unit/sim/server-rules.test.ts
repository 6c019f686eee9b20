// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  affectationsPath,
  CONSOLE,
  loginAs,
  miniSimulator,
  PORTAIL,
  UAI,
  UAI_B,
} from './fixtures/sim-harness';

type Json = Record<string, unknown>;
interface Wire {
  idAbonnement: string;
  version: number;
  compteurs: Record<
    string,
    { achetees: number | string; affectees: number; verrouillees: number; disponibles: number | string }
  >;
}

async function subscription(ra: Awaited<ReturnType<typeof loginAs>>, id: string): Promise<Wire> {
  const { abonnements } = await ra.json<{ abonnements: Wire[] }>(`/api/etablissements/${UAI}/abonnements`);
  const found = abonnements.find((a) => a.idAbonnement === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

describe('simulator — session and access', () => {
  it('answers 401 without a session and 403 for a school the RA does not manage', async () => {
    const sim = await miniSimulator();
    const anonymous = await sim.app.fetch(new Request(`${CONSOLE}/api/etablissements/${UAI}/abonnements`));
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as Json).erreur).toBe('session');
    const paul = await loginAs(sim, 'ENS-0002');
    const refused = await paul.call(`/api/etablissements/${UAI_B}/abonnements`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Json).erreur).toBe('etablissement');
  });

  it('lets an RA with several schools switch UAI; the cookie is shared by both hosts', async () => {
    const sim = await miniSimulator();
    const yann = await loginAs(sim, 'DOC-0001');
    const session = await yann.json<{ uai: string; etablissements: { uai: string }[] }>('/api/session');
    expect(session.uai).toBe(UAI);
    expect(session.etablissements.map((e) => e.uai)).toEqual([UAI, UAI_B]);
    const switched = await yann.json<{ uai: string }>('/api/session/uai', {
      method: 'PUT',
      body: { uai: UAI_B },
    });
    expect(switched.uai).toBe(UAI_B);
    const portail = await yann.call(`/api/etablissements/${UAI_B}/statistiques`, { host: PORTAIL });
    expect(portail.status).toBe(200);
    const other = await sim.app.fetch(new Request('https://ent.gar.education.fr/connexion'));
    expect(other.status).toBe(404);
  });

  it('redirects pages to the login page without a session, or logs the first RA in with autoLogin', async () => {
    const sim = await miniSimulator();
    const page = await sim.app.fetch(new Request(`${CONSOLE}/ressources`));
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/connexion');
    const auto = await miniSimulator({ autoLogin: true });
    const served = await auto.app.fetch(new Request(`${CONSOLE}/ressources/AB-GLOBAL`));
    expect(served.status).toBe(200);
    expect(served.headers.get('set-cookie')).toContain('gar_session=');
    expect(await served.text()).toContain('data-gar-onglet="ressources"');
  });
});

describe('simulator — licence rules', () => {
  it('refuses a shortage whole, with manquantes per profile', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    // AB-PROFIL: 3 pupils' licences, 1 used by ELV-0002 and 1 locked → 1 left; 6B has 3 pupils.
    const response = await ra.call(affectationsPath('AB-PROFIL'), {
      method: 'POST',
      body: { version: 1, cibles: [{ type: 'division', code: '6B' }] },
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as Json;
    expect(body).toMatchObject({ erreur: 'licences', manquantes: { ELEVE: 2 } });
    expect(body.manquantes).not.toHaveProperty('ENSEIGNANT');
    expect((await subscription(ra, 'AB-PROFIL')).compteurs.ELEVE?.affectees).toBe(2);
  });

  it('counts a global count as GLOBAL in manquantes', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    const response = await ra.call(affectationsPath('AB-GLOBAL'), {
      method: 'POST',
      body: { version: 1, cibles: [{ type: 'profil', code: 'ELEVE' }] },
    });
    expect(response.status).toBe(422);
    // 6 pupils, ELV-0001 already holds one; 4 bought, 2 taken (one locked) → 5 needed, 2 left.
    expect(await response.json()).toMatchObject({ manquantes: { GLOBAL: 3 } });
  });

  it('with jusquAEpuisement serves in target order until licences run out', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    const result = await ra.json<{
      version: number;
      ajoutees: string[];
      dejaAffectees: string[];
      exclues: Json[];
    }>(affectationsPath('AB-GLOBAL'), {
      method: 'POST',
      body: {
        version: 1,
        cibles: [
          { type: 'personne', code: 'ELV-0005' },
          { type: 'division', code: '6A' },
        ],
        jusquAEpuisement: true,
      },
    });
    expect(result.version).toBe(2);
    expect(result.ajoutees).toEqual(['ELV-0005', 'ENS-0001']);
    expect(result.dejaAffectees).toEqual(['ELV-0001']);
    expect(result.exclues.map((e) => e.raison)).toEqual(['licences', 'licences', 'licences']);
    const { compteurs } = await subscription(ra, 'AB-GLOBAL');
    expect(compteurs.GLOBAL).toEqual({ achetees: 4, affectees: 4, verrouillees: 1, disponibles: 0 });
  });

  it('never limits ILLIMITE subscriptions', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    const result = await ra.json<{ ajoutees: string[] }>(affectationsPath('AB-ILLIMITE'), {
      method: 'POST',
      body: { version: 1, cibles: [{ type: 'mef', code: '10010012110' }] },
    });
    expect(result.ajoutees).toHaveLength(6);
    expect((await subscription(ra, 'AB-ILLIMITE')).compteurs.GLOBAL?.disponibles).toBe('ILLIMITE');
  });

  it('gives one licence per person: a second assignment lists them as déjà affectées', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    const first = await ra.json<{ version: number; ajoutees: string[] }>(affectationsPath('AB-ILLIMITE'), {
      method: 'POST',
      body: {
        version: 1,
        cibles: [
          { type: 'groupe', code: '6-ESP' },
          { type: 'division', code: '6A' },
        ],
      },
    });
    // Target order first, then name order within a target (Bernard, Le Goff; Martin, Nguyen).
    expect(first.ajoutees).toEqual(['ELV-0004', 'ELV-0001', 'ELV-0003', 'ELV-0002']);
    const again = await ra.json<{ version: number; ajoutees: string[]; dejaAffectees: string[] }>(
      affectationsPath('AB-ILLIMITE'),
      { method: 'POST', body: { version: first.version, cibles: [{ type: 'division', code: '6A' }] } },
    );
    expect(again).toMatchObject({ ajoutees: [], version: first.version });
    expect(again.dejaAffectees).toHaveLength(3);
    const { affectations } = await ra.json<{ affectations: unknown[] }>(affectationsPath('AB-ILLIMITE'));
    expect(affectations).toHaveLength(4);
  });

  it('refuses individual assignment of an ETABL subscription, expired or not started ones (422 cible)', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    for (const id of ['AB-ETABL', 'AB-EXPIRE', 'AB-FUTUR']) {
      const response = await ra.call(affectationsPath(id), {
        method: 'POST',
        body: { version: 1, cibles: [{ type: 'personne', code: 'ELV-0003' }] },
      });
      expect(response.status, id).toBe(422);
      expect(((await response.json()) as Json).erreur).toBe('cible');
    }
  });

  it('enforces publicCible: a profile or a person outside it is refused, group members are filtered', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    const profil = await ra.call(affectationsPath('AB-ILLIMITE'), {
      method: 'POST',
      body: { version: 1, cibles: [{ type: 'profil', code: 'ENSEIGNANT' }] },
    });
    expect(profil.status).toBe(422);
    expect(await profil.json()).toMatchObject({ erreur: 'cible', profil: 'ENSEIGNANT' });
    const person = await ra.call(affectationsPath('AB-DOC'), {
      method: 'POST',
      body: { version: 1, cibles: [{ type: 'personne', code: 'ELV-0001' }] },
    });
    expect(person.status).toBe(422);
    // 6A holds pupils and the teachers who teach there: AB-ILLIMITE (ELEVE only) takes pupils only.
    const division = await ra.json<{ ajoutees: string[] }>(affectationsPath('AB-ILLIMITE'), {
      method: 'POST',
      body: { version: 1, cibles: [{ type: 'division', code: '6A' }] },
    });
    expect([...division.ajoutees].sort()).toEqual(['ELV-0001', 'ELV-0002', 'ELV-0003']);
  });

  it('targets the teachers of a subject with matiere, and 404s an unknown code', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    const result = await ra.json<{ ajoutees: string[] }>(affectationsPath('AB-PROFIL'), {
      method: 'POST',
      body: { version: 1, cibles: [{ type: 'matiere', code: '061300' }] },
    });
    expect(result.ajoutees).toEqual(['ENS-0002']);
    const unknown = await ra.call(affectationsPath('AB-PROFIL'), {
      method: 'POST',
      body: { version: 2, cibles: [{ type: 'groupe', code: 'XX' }] },
    });
    expect(unknown.status).toBe(404);
  });

  it('refuses a write on a stale version (409 with the current one)', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    await ra.json(affectationsPath('AB-ILLIMITE'), {
      method: 'POST',
      body: { version: 1, cibles: [{ type: 'personne', code: 'ELV-0003' }] },
    });
    const stale = await ra.call(affectationsPath('AB-ILLIMITE'), {
      method: 'DELETE',
      body: { version: 1, idPersonnes: ['ELV-0003'] },
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ erreur: 'conflit', version: 2 });
  });

  it('shows a change by one RA to another RA on the next read', async () => {
    const sim = await miniSimulator();
    const yann = await loginAs(sim, 'DOC-0001');
    const paul = await loginAs(sim, 'ENS-0002');
    const before = await subscription(paul, 'AB-GLOBAL');
    await yann.json(affectationsPath('AB-GLOBAL'), {
      method: 'POST',
      body: { version: before.version, cibles: [{ type: 'personne', code: 'ELV-0006' }] },
    });
    const after = await subscription(paul, 'AB-GLOBAL');
    expect(after.version).toBe(before.version + 1);
    expect(after.compteurs.GLOBAL?.affectees).toBe(3);
    const removed = await paul.json<{ retirees: string[] }>(affectationsPath('AB-GLOBAL'), {
      method: 'DELETE',
      body: { version: after.version, idPersonnes: ['ELV-0006', 'ELV-0005'] },
    });
    expect(removed.retirees).toEqual(['ELV-0006']);
  });

  it('counts locked licences until they are recovered', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    const { licences } = await ra.json<{ licences: Json[] }>(
      `/api/etablissements/${UAI}/licences-verrouillees`,
    );
    expect(licences).toEqual([
      {
        idAbonnement: 'AB-GLOBAL',
        libelleRessource: 'Manuel global de français',
        idPersonne: 'ELV-PARTI',
        profil: 'ELEVE',
      },
      {
        idAbonnement: 'AB-PROFIL',
        libelleRessource: 'Anglais interactif 6e',
        idPersonne: 'ELV-PARTI',
        profil: 'ELEVE',
      },
    ]);
    expect((await subscription(ra, 'AB-PROFIL')).compteurs.ELEVE).toMatchObject({
      affectees: 2,
      verrouillees: 1,
      disponibles: 1,
    });
    const { recuperees } = await ra.json<{ recuperees: number }>(
      `/api/etablissements/${UAI}/licences-verrouillees/recuperer`,
      {
        method: 'POST',
        body: {
          licences: [
            { idAbonnement: 'AB-PROFIL', idPersonne: 'ELV-PARTI' },
            { idAbonnement: 'AB-PROFIL', idPersonne: 'ELV-0002' },
          ],
        },
      },
    );
    expect(recuperees).toBe(1);
    expect((await subscription(ra, 'AB-PROFIL')).compteurs.ELEVE).toMatchObject({
      affectees: 1,
      verrouillees: 0,
      disponibles: 2,
    });
    const dashboard = await ra.json<{ licencesVerrouillees: number }>(
      `/api/etablissements/${UAI}/tableau-de-bord`,
    );
    expect(dashboard.licencesVerrouillees).toBe(1);
  });

  it('lists neither deleted subscriptions nor the other school’s, and serves the population', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001');
    const { abonnements } = await ra.json<{ abonnements: Wire[] }>(`/api/etablissements/${UAI}/abonnements`);
    expect(abonnements.map((a) => a.idAbonnement)).not.toContain('_AB-SUPPR');
    expect(abonnements.map((a) => a.idAbonnement)).not.toContain('AB-B-1');
    const population = await ra.json<{ divisions: Json[]; groupes: { code: string }[]; personnes: Json[] }>(
      `/api/etablissements/${UAI}/population`,
    );
    expect(population.divisions).toEqual([
      { code: '6A', libelle: '6e A', effectif: 3 },
      { code: '6B', libelle: '6e B', effectif: 3 },
    ]);
    // The empty group is dropped, like the real console does.
    expect(population.groupes.map((g) => g.code)).toEqual(['6-ESP']);
    expect(population.personnes).toHaveLength(10);
  });
});
