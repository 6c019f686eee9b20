import { cheminCourant, createRouter, h, initSession, markTab, message, poserCrochet } from '../common.js';
import { vuePopulation, vuePopulationDetail } from './population.js';
import { vueRecuperation } from './recuperation.js';
import { vueRessource } from './ressource.js';
import { vueRessources } from './ressources.js';
import { vueTableauDeBord } from './tableau-de-bord.js';

/** The console's single-page application: session header, four tabs, client-side routes. */

const main = document.getElementById('contenu');
let session = null;
let rendu = 0;

const routes = [
  ['/tableau-de-bord', vueTableauDeBord],
  ['/ressources', vueRessources],
  ['/ressources/:id', vueRessource],
  ['/population', vuePopulation],
  ['/population/:type/:code', vuePopulationDetail],
  ['/recuperation', vueRecuperation],
];

async function render(found) {
  const id = ++rendu;
  markTab(location.pathname);
  if (!found) {
    main.replaceChildren(message('Page inconnue de la console.', 'erreur'));
    return;
  }
  main.setAttribute('aria-busy', 'true');
  poserCrochet(main, 'garVue', found.view.vue ?? '');
  const ctx = {
    uai: session.uai,
    session,
    go: router.go,
    estCourant: () => id === rendu,
    afficher: (...nodes) => {
      if (id === rendu) main.replaceChildren(...nodes);
    },
  };
  try {
    await found.view(ctx, found.params);
  } catch (error) {
    if (id === rendu) main.replaceChildren(message(error.message ?? String(error), 'erreur'));
  } finally {
    if (id === rendu) main.removeAttribute('aria-busy');
  }
}

const router = createRouter(routes, render);

async function start() {
  try {
    session = await initSession((updated) => {
      session = updated;
      poserCrochet(document.body, 'garUaiCourant', updated.uai);
      const courant = cheminCourant();
      const path = courant.startsWith('/ressources/') ? '/ressources' : courant;
      router.go(`${path.startsWith('/population/') ? '/population' : path}${location.search}`, true);
    });
    poserCrochet(document.body, 'garUaiCourant', session.uai);
    render(router.current());
  } catch (error) {
    main.replaceChildren(h('div', {}, message(`Console indisponible : ${error.message}`, 'erreur')));
  }
}

start();
