import {
  api,
  badge,
  finEffective,
  formatDate,
  h,
  informer,
  message,
  PROFIL_LIBELLES,
  statutValidite,
  zoneMessages,
} from '../common.js';
import { COLONNES, celluleCompteur } from './compteurs.js';

/** Parcours ressource: the school's resources with a remembered quick filter and actions. */

const CLE_FILTRE = 'console-affectation.filtre-ressources';

function lireFiltre() {
  try {
    return localStorage.getItem(CLE_FILTRE) ?? '';
  } catch {
    return '';
  }
}

function ecrireFiltre(valeur) {
  try {
    localStorage.setItem(CLE_FILTRE, valeur);
  } catch {
    // Storage unavailable: the filter is simply not remembered.
  }
}

function normaliser(texte) {
  return texte
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export async function vueRessources(ctx) {
  const { abonnements } = await api(`/api/etablissements/${ctx.uai}/abonnements`);
  const compte = h('p', { class: 'compte', dataset: { garCompteur: 'ressources' } });
  const corps = h('tbody');
  const filtre = h('input', {
    type: 'search',
    id: 'filtre-ressources',
    value: lireFiltre(),
    placeholder: 'Titre, identifiant, public…',
    dataset: { garFiltre: 'ressources' },
  });

  const retirer = async (abonnement, cellule) => {
    const { version, affectations } = await api(
      `/api/etablissements/${ctx.uai}/abonnements/${encodeURIComponent(abonnement.idAbonnement)}/affectations`,
    );
    const idPersonnes = affectations.filter((a) => !a.verrouillee).map((a) => a.idPersonne);
    try {
      const resultat = await api(
        `/api/etablissements/${ctx.uai}/abonnements/${encodeURIComponent(abonnement.idAbonnement)}/affectations`,
        { method: 'DELETE', body: { version, idPersonnes } },
      );
      await vueRessources(ctx);
      informer(
        message(
          `${resultat.retirees.length} affectation(s) retirée(s) de « ${abonnement.libelleRessource} ».`,
          'succes',
        ),
      );
    } catch (error) {
      cellule.replaceChildren(boutons(abonnement, cellule));
      informer(message(error.message, 'erreur'));
    }
  };

  const boutons = (abonnement, cellule) => [
    h(
      'a',
      {
        class: 'bouton bouton-petit',
        href: `/ressources/${encodeURIComponent(abonnement.idAbonnement)}`,
        dataset: { garAction: 'visualiser' },
      },
      'Visualiser',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'bouton bouton-petit bouton-danger',
        dataset: { garAction: 'retirer' },
        disabled: abonnement.typeAffectation === 'ETABL',
        onclick: () =>
          cellule.replaceChildren(
            h('span', { class: 'confirmation' }, 'Retirer toutes les affectations ?'),
            h(
              'button',
              {
                type: 'button',
                class: 'bouton bouton-petit bouton-danger',
                dataset: { garAction: 'confirmer-retrait' },
                onclick: () => retirer(abonnement, cellule),
              },
              'Confirmer',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'bouton bouton-petit bouton-discret',
                dataset: { garAction: 'annuler' },
                onclick: () => cellule.replaceChildren(...boutons(abonnement, cellule)),
              },
              'Annuler',
            ),
          ),
      },
      'Retirer',
    ),
  ];

  const lignes = abonnements.map((abonnement) => {
    const statut = statutValidite(abonnement);
    const actions = h('td', { class: 'actions' });
    actions.append(...boutons(abonnement, actions));
    const texte = normaliser(
      `${abonnement.libelleRessource} ${abonnement.idRessource} ${abonnement.idAbonnement} ${abonnement.publicCible.join(' ')}`,
    );
    const ligne = h(
      'tr',
      {
        dataset: {
          idAbonnement: abonnement.idAbonnement,
          idRessource: abonnement.idRessource,
          statut: statut.code,
          version: String(abonnement.version),
        },
      },
      h(
        'th',
        { scope: 'row' },
        h('span', { class: 'titre-ressource', dataset: { garTitre: '' } }, abonnement.libelleRessource),
        h('span', { class: 'secondaire' }, abonnement.idRessource),
      ),
      h('td', {}, abonnement.typeAffectation === 'ETABL' ? 'Établissement' : 'Individuelle'),
      h('td', { dataset: { garDebut: abonnement.debutValidite } }, formatDate(abonnement.debutValidite)),
      h(
        'td',
        { dataset: { garFin: finEffective(abonnement)?.toISOString() ?? '' } },
        formatDate(finEffective(abonnement)),
        h('br'),
        badge(statut.libelle, statut.ton),
      ),
      ...COLONNES.map((bucket) => celluleCompteur(abonnement, bucket)),
      actions,
    );
    return { ligne, texte };
  });

  const appliquer = () => {
    const valeur = normaliser(filtre.value.trim());
    ecrireFiltre(filtre.value);
    let visibles = 0;
    for (const { ligne, texte } of lignes) {
      const visible = valeur === '' || texte.includes(valeur);
      ligne.hidden = !visible;
      if (visible) visibles += 1;
    }
    compte.dataset.valeur = String(visibles);
    compte.textContent =
      visibles === lignes.length
        ? `${lignes.length} ressource(s)`
        : `${visibles} ressource(s) affichée(s) sur ${lignes.length}`;
  };
  filtre.addEventListener('input', appliquer);
  corps.append(...lignes.map(({ ligne }) => ligne));
  appliquer();

  ctx.afficher(
    h('h1', {}, 'Parcours ressource'),
    zoneMessages(),
    h(
      'div',
      { class: 'barre-filtre' },
      h('label', { for: 'filtre-ressources' }, 'Filtre rapide'),
      filtre,
      compte,
    ),
    h(
      'div',
      { class: 'defilement' },
      h(
        'table',
        { class: 'tableau', dataset: { garTable: 'ressources' } },
        h('caption', { class: 'visuellement-cache' }, 'Ressources de l’établissement'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Ressource'),
            h('th', { scope: 'col' }, 'Type'),
            h('th', { scope: 'col' }, 'Début'),
            h('th', { scope: 'col' }, 'Fin'),
            ...COLONNES.map((bucket) =>
              h(
                'th',
                { scope: 'col', class: 'nombre', dataset: { profil: bucket } },
                PROFIL_LIBELLES[bucket],
                h('br'),
                h('span', { class: 'secondaire' }, 'affectées / achetées'),
              ),
            ),
            h('th', { scope: 'col' }, 'Actions'),
          ),
        ),
        corps,
      ),
    ),
  );
}
vueRessources.vue = 'ressources';
