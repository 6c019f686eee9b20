import { Hono } from 'hono';
import Papa from 'papaparse';
import type { SimContext, SimEnv } from './context';
import type { Statistique } from './seed-loader';
import { type SchoolState, schoolOf } from './state';

/** The portail's statistics (API.md): per resource × month × profile, as JSON or CSV. */

const MONTH = /^\d{4}-\d{2}$/;
const CSV_FIELDS = ['idRessource', 'libelleRessource', 'mois', 'profil', 'acces', 'utilisateurs'];

export interface LigneStatistique extends Omit<Statistique, 'uai'> {
  libelleRessource: string;
}

export function statistiques(school: SchoolState, depuis?: string, jusqua?: string): LigneStatistique[] {
  const titles = new Map<string, string>();
  for (const { abonnement } of school.subscriptions.values()) {
    if (!titles.has(abonnement.idRessource)) titles.set(abonnement.idRessource, abonnement.libelleRessource);
  }
  return school.statistiques
    .filter((ligne) => (!depuis || ligne.mois >= depuis) && (!jusqua || ligne.mois <= jusqua))
    .map(({ uai: _uai, ...ligne }) => ({
      ...ligne,
      libelleRessource: titles.get(ligne.idRessource) ?? ligne.idRessource,
    }))
    .sort(
      (a, b) =>
        a.libelleRessource.localeCompare(b.libelleRessource, 'fr') ||
        a.mois.localeCompare(b.mois) ||
        a.profil.localeCompare(b.profil),
    );
}

function months(
  depuis: string | undefined,
  jusqua: string | undefined,
): [string | undefined, string | undefined] {
  return [
    depuis && MONTH.test(depuis) ? depuis : undefined,
    jusqua && MONTH.test(jusqua) ? jusqua : undefined,
  ];
}

export function portailRoutes(sim: SimContext): Hono<SimEnv> {
  const routes = new Hono<SimEnv>().basePath('/api/etablissements/:uai');

  routes.get('/statistiques', (c) => {
    const [depuis, jusqua] = months(c.req.query('depuis'), c.req.query('jusqua'));
    return c.json({ lignes: statistiques(schoolOf(sim.state, c.req.param('uai')), depuis, jusqua) });
  });

  routes.get('/statistiques.csv', (c) => {
    const uai = c.req.param('uai');
    const [depuis, jusqua] = months(c.req.query('depuis'), c.req.query('jusqua'));
    const lignes = statistiques(schoolOf(sim.state, uai), depuis, jusqua);
    const csv = Papa.unparse(
      { fields: CSV_FIELDS, data: lignes.map((l) => CSV_FIELDS.map((f) => l[f as keyof LigneStatistique])) },
      {
        delimiter: ';',
        newline: '\r\n',
      },
    );
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="statistiques-${uai}.csv"`);
    return c.body(`\uFEFF${csv}\r\n`);
  });

  return routes;
}
