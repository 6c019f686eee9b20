import { api, h, informer, message, PROFIL_SINGULIER, zoneMessages } from '../common.js';

/** Récupération de licences: licences held by people who left, to give back to the pool. */

export async function vueRecuperation(ctx) {
  const base = `/api/etablissements/${ctx.uai}/licences-verrouillees`;
  const { licences } = await api(base);
  const selection = new Set();
  const cle = (l) => `${l.idAbonnement}|${l.idPersonne}`;

  const recuperer = async (liste) => {
    if (liste.length === 0) return;
    try {
      const { recuperees } = await api(`${base}/recuperer`, {
        method: 'POST',
        body: { licences: liste.map(({ idAbonnement, idPersonne }) => ({ idAbonnement, idPersonne })) },
      });
      await vueRecuperation(ctx);
      informer(
        message(`${recuperees} licence(s) récupérée(s) : elles sont de nouveau disponibles.`, 'succes'),
      );
    } catch (error) {
      informer(message(error.message, 'erreur'));
    }
  };

  const lignes = licences.map((licence) =>
    h(
      'tr',
      {
        dataset: {
          idAbonnement: licence.idAbonnement,
          idPersonne: licence.idPersonne,
          profil: licence.profil,
        },
      },
      h(
        'td',
        {},
        h('input', {
          type: 'checkbox',
          'aria-label': `Sélectionner ${licence.idPersonne}`,
          onchange: (e) => (e.target.checked ? selection.add(cle(licence)) : selection.delete(cle(licence))),
        }),
      ),
      h('th', { scope: 'row' }, licence.libelleRessource),
      h('td', {}, licence.idPersonne),
      h('td', {}, PROFIL_SINGULIER[licence.profil]),
      h(
        'td',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'bouton bouton-petit',
            dataset: { garAction: 'recuperer' },
            onclick: () => recuperer([licence]),
          },
          'Récupérer',
        ),
      ),
    ),
  );

  ctx.afficher(
    h('h1', {}, 'Récupération de licences'),
    zoneMessages(),
    h(
      'p',
      { class: 'compte', dataset: { garCompteur: 'licences-verrouillees', valeur: String(licences.length) } },
      `${licences.length} licence(s) verrouillée(s) par des personnes parties`,
    ),
    licences.length === 0
      ? message('Aucune licence à récupérer.', 'succes')
      : h(
          'div',
          {},
          h(
            'table',
            { class: 'tableau', dataset: { garTable: 'licences-verrouillees' } },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, h('span', { class: 'visuellement-cache' }, 'Sélection')),
                h('th', { scope: 'col' }, 'Ressource'),
                h('th', { scope: 'col' }, 'Identifiant de la personne'),
                h('th', { scope: 'col' }, 'Profil'),
                h('th', { scope: 'col' }, 'Action'),
              ),
            ),
            h('tbody', {}, ...lignes),
          ),
          h(
            'p',
            { class: 'actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'bouton',
                dataset: { garAction: 'recuperer-selection' },
                onclick: () => recuperer(licences.filter((l) => selection.has(cle(l)))),
              },
              'Récupérer la sélection',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'bouton bouton-discret',
                dataset: { garAction: 'recuperer-tout' },
                onclick: () => recuperer(licences),
              },
              'Tout récupérer',
            ),
          ),
        ),
  );
}
vueRecuperation.vue = 'recuperation';
