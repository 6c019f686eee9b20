import type { Handler } from './https-server';

/**
 * Until the simulator serves real console pages, a plain page stands for any host: the content
 * scripts decide from the hostname alone whether they run.
 */
export const fixturePages: Handler = (request, response) => {
  const host = request.headers.host ?? 'inconnu';
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(`<!doctype html>
<html lang="fr">
  <head><meta charset="utf-8"><title>Page de test — ${host}</title></head>
  <body>
    <h1>Page de test servie pour ${host}</h1>
    <nav><a href="#/tableau-de-bord" id="lien-tableau">Tableau de bord</a></nav>
    <button id="navigation-interne" onclick="history.pushState({}, '', '/parcours-ressource')">Parcours ressource</button>
  </body>
</html>`);
};
