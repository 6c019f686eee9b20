import { describe, expect, it } from 'vitest';
import { HostError } from '../../../utils/hosts/errors';
import type { Fetch } from '../../../utils/hosts/http';
import { createPortailClient } from '../../../utils/hosts/portail/api';
import { rejected } from '../errors';

const ORIGIN = 'https://portail.gar.education.fr';

describe('the portail adapter', () => {
  it('reads usage rows for a month range', async () => {
    const urls: string[] = [];
    const fetch: Fetch = async (url) => {
      urls.push(url);
      const row = {
        idRessource: 'ark:/1/presse',
        libelleRessource: 'Presse junior',
        mois: '2026-10',
        profil: 'ELEVE',
        acces: 12,
        utilisateurs: 9,
      };
      return new Response(JSON.stringify({ lignes: [row] }));
    };
    const rows = await createPortailClient(fetch, ORIGIN).usage('0561622J', {
      depuis: '2025-11',
      jusqua: '2026-10',
    });
    expect(urls).toEqual([
      `${ORIGIN}/api/etablissements/0561622J/statistiques?depuis=2025-11&jusqua=2026-10`,
    ]);
    expect(rows).toEqual([
      {
        idRessource: 'ark:/1/presse',
        libelleRessource: 'Presse junior',
        mois: '2026-10',
        profil: 'ELEVE',
        acces: 12,
        utilisateurs: 9,
      },
    ]);
  });

  it('refuses negative counts from the portail', async () => {
    const fetch: Fetch = async () =>
      new Response(
        JSON.stringify({
          lignes: [
            {
              idRessource: 'x',
              libelleRessource: 'X',
              mois: '2026-10',
              profil: 'ELEVE',
              acces: -1,
              utilisateurs: 0,
            },
          ],
        }),
      );
    const error = await rejected(
      HostError,
      createPortailClient(fetch, ORIGIN).usage('0561622J', { depuis: '2026-01', jusqua: '2026-10' }),
    );
    expect(error.kind).toBe('reponseInattendue');
    expect(error.message).toContain('lignes.0.acces');
  });
});
