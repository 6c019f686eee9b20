import {
  api,
  badge,
  cheminCourant,
  createRouter,
  finEffective,
  formatCount,
  formatDate,
  h,
  initSession,
  markTab,
  message,
  PROFIL_LIBELLES,
  PROFIL_SINGULIER,
  poserCrochet,
  statutValidite,
} from '../common.js';

/** The portail GAR: subscriptions with end dates and licence counts, usage statistics with CSV export. */

const main = document.getElementById('contenu');
let session = null;
let rendu = 0;

function licencesAchetees(abonnement) {
  const { licences } = abonnement;
  if (licences.kind === 'global') return formatCount(licences.count);
  return Object.entries(licences.counts)
    .map(([profil, n]) => `${PROFIL_LIBELLES[profil]} : ${formatCount(n)}`)
    .join(' · ');
}

function affectees(abonnement) {
  return Object.values(abonnement.compteurs).reduce((total, c) => total + c.affectees, 0);
}

async function vueAbonnements() {
  const { abonnements } = await api(`/api/etablissements/${session.uai}/abonnements`);
  const tries = [...abonnements].sort(
    (a, b) => (finEffective(a)?.getTime() ?? 0) - (finEffective(b)?.getTime() ?? 0),
  );
  main.replaceChildren(
    h('h1', {}, 'Abonnements de l’établissement'),
    h(
      'p',
      { class: 'compte', dataset: { garCompteur: 'abonnements', valeur: String(tries.length) } },
      `${tries.length} abonnement(s), du plus proche de sa fin au plus lointain`,
    ),
    h(
      'div',
      { class: 'defilement' },
      h(
        'table',
        { class: 'tableau', dataset: { garTable: 'abonnements' } },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...[
              'Ressource',
              'Distributeur',
              'Début',
              'Fin de validité',
              'État',
              'Licences achetées',
              'Affectées',
            ].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          ...tries.map((a) => {
            const statut = statutValidite(a);
            return h(
              'tr',
              { dataset: { idAbonnement: a.idAbonnement, idRessource: a.idRessource, statut: statut.code } },
              h(
                'th',
                { scope: 'row' },
                a.libelleRessource,
                h('span', { class: 'secondaire' }, a.idRessource),
              ),
              h('td', {}, a.idDistributeurCom),
              h('td', {}, formatDate(a.debutValidite)),
              h(
                'td',
                { dataset: { garFin: finEffective(a)?.toISOString() ?? '' } },
                formatDate(finEffective(a)),
                a.anneeFinValidite ? h('span', { class: 'secondaire' }, `année ${a.anneeFinValidite}`) : null,
              ),
              h('td', {}, badge(statut.libelle, statut.ton)),
              h('td', {}, a.typeAffectation === 'ETABL' ? 'Établissement' : licencesAchetees(a)),
              h('td', { class: 'nombre' }, formatCount(affectees(a))),
            );
          }),
        ),
      ),
    ),
  );
}

async function vueStatistiques() {
  const params = new URLSearchParams(location.search);
  const depuis = params.get('depuis') ?? '';
  const jusqua = params.get('jusqua') ?? '';
  const query = new URLSearchParams();
  if (depuis) query.set('depuis', depuis);
  if (jusqua) query.set('jusqua', jusqua);
  const base = `/api/etablissements/${session.uai}/statistiques`;
  const { lignes } = await api(`${base}?${query}`);
  const totalAcces = lignes.reduce((t, l) => t + l.acces, 0);
  const champDepuis = h('input', {
    type: 'month',
    id: 'stat-depuis',
    name: 'depuis',
    value: depuis,
    dataset: { garChamp: 'depuis' },
  });
  const champJusqua = h('input', {
    type: 'month',
    id: 'stat-jusqua',
    name: 'jusqua',
    value: jusqua,
    dataset: { garChamp: 'jusqua' },
  });
  const filtrer = (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (champDepuis.value) next.set('depuis', champDepuis.value);
    if (champJusqua.value) next.set('jusqua', champJusqua.value);
    router.go(`/statistiques?${next}`);
  };
  main.replaceChildren(
    h('h1', {}, 'Statistiques d’usage'),
    h(
      'form',
      { class: 'formulaire formulaire-ligne', dataset: { garForm: 'statistiques' }, onsubmit: filtrer },
      h('div', { class: 'champ' }, h('label', { for: 'stat-depuis' }, 'Depuis (mois)'), champDepuis),
      h('div', { class: 'champ' }, h('label', { for: 'stat-jusqua' }, 'Jusqu’à (mois)'), champJusqua),
      h('button', { type: 'submit', class: 'bouton' }, 'Afficher'),
      h(
        'a',
        {
          class: 'bouton bouton-discret',
          href: `${base}.csv?${query}`,
          download: `statistiques-${session.uai}.csv`,
          dataset: { garAction: 'export-csv' },
        },
        'Exporter en CSV',
      ),
    ),
    h(
      'p',
      { class: 'compte', dataset: { garCompteur: 'acces', valeur: String(totalAcces) } },
      `${formatCount(totalAcces)} accès sur ${lignes.length} ligne(s)`,
    ),
    h(
      'div',
      { class: 'defilement' },
      h(
        'table',
        { class: 'tableau', dataset: { garTable: 'statistiques' } },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Ressource', 'Mois', 'Profil', 'Accès', 'Utilisateurs distincts'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          ...lignes.map((l) =>
            h(
              'tr',
              { dataset: { idRessource: l.idRessource, mois: l.mois, profil: l.profil } },
              h('th', { scope: 'row' }, l.libelleRessource),
              h('td', {}, l.mois),
              h('td', {}, PROFIL_SINGULIER[l.profil] ?? l.profil),
              h('td', { class: 'nombre', dataset: { acces: String(l.acces) } }, formatCount(l.acces)),
              h(
                'td',
                { class: 'nombre', dataset: { utilisateurs: String(l.utilisateurs) } },
                formatCount(l.utilisateurs),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

const router = createRouter(
  [
    ['/abonnements', vueAbonnements],
    ['/statistiques', vueStatistiques],
  ],
  async (found) => {
    const id = ++rendu;
    markTab(location.pathname);
    if (!found) return;
    // Like the console: the view area says which view it shows and is busy while it loads.
    poserCrochet(main, 'garVue', cheminCourant().split('/')[1] || 'abonnements');
    main.setAttribute('aria-busy', 'true');
    try {
      await found.view();
    } catch (error) {
      main.replaceChildren(message(error.message, 'erreur'));
    } finally {
      if (id === rendu) main.removeAttribute('aria-busy');
    }
  },
);

initSession((updated) => {
  session = updated;
  poserCrochet(document.body, 'garUaiCourant', updated.uai);
  router.go(`${location.pathname}${location.search}`, true);
})
  .then((s) => {
    session = s;
    poserCrochet(document.body, 'garUaiCourant', s.uai);
    return router.go(`${location.pathname}${location.search}`, true);
  })
  .catch((error) => main.replaceChildren(message(`Portail indisponible : ${error.message}`, 'erreur')));
