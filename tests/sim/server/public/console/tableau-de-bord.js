import { api, badge, formatCount, h, PROFIL_LIBELLES, PROFILS, statutValidite } from '../common.js';

/** Tableau de bord: counters, licences available per profile, shortcuts, resources to watch. */

function compteur(libelle, valeur, nom, ton) {
  return h(
    'div',
    { class: `compteur${ton ? ` compteur-${ton}` : ''}`, dataset: { garCompteur: nom } },
    h('span', { class: 'compteur-valeur', dataset: { valeur: String(valeur) } }, formatCount(valeur)),
    h('span', { class: 'compteur-libelle' }, libelle),
  );
}

export async function vueTableauDeBord(ctx) {
  const [bord, { abonnements }] = await Promise.all([
    api(`/api/etablissements/${ctx.uai}/tableau-de-bord`),
    api(`/api/etablissements/${ctx.uai}/abonnements`),
  ]);
  const aSurveiller = abonnements
    .map((abonnement) => ({ abonnement, statut: statutValidite(abonnement) }))
    .filter(({ statut }) => statut.code === 'expire');
  const { effectifs } = bord;
  ctx.afficher(
    h('h1', {}, 'Tableau de bord'),
    h(
      'section',
      { class: 'compteurs', 'aria-label': 'Alertes et nouveautés' },
      compteur(
        'Ressources non affectées',
        bord.ressourcesNonAffectees,
        'ressources-non-affectees',
        bord.ressourcesNonAffectees ? 'alerte' : '',
      ),
      compteur('Nouvelles licences disponibles', bord.nouvellesLicences, 'nouvelles-licences'),
      compteur(
        'Licences verrouillées',
        bord.licencesVerrouillees,
        'licences-verrouillees',
        bord.licencesVerrouillees ? 'alerte' : '',
      ),
    ),
    h(
      'section',
      { class: 'carte' },
      h('h2', {}, 'Licences disponibles par profil'),
      h(
        'table',
        { class: 'tableau', dataset: { garTable: 'licences-disponibles' } },
        h(
          'thead',
          {},
          h('tr', {}, ...PROFILS.map((profil) => h('th', { scope: 'col' }, PROFIL_LIBELLES[profil]))),
        ),
        h(
          'tbody',
          {},
          h(
            'tr',
            {},
            ...PROFILS.map((profil) => {
              const valeur = bord.licencesDisponibles[profil];
              return h(
                'td',
                { class: 'nombre', dataset: { profil, valeur: String(valeur ?? 0) } },
                valeur === undefined ? '—' : formatCount(valeur),
              );
            }),
          ),
        ),
      ),
    ),
    h(
      'section',
      { class: 'carte' },
      h('h2', {}, 'Effectifs et raccourcis'),
      h(
        'ul',
        { class: 'raccourcis' },
        raccourci('/population?type=divisions', 'Divisions', effectifs.divisions, 'divisions'),
        raccourci('/population?type=groupes', 'Groupes', effectifs.groupes, 'groupes'),
        raccourci('/population?type=eleves', 'Élèves', effectifs.eleves, 'eleves'),
        raccourci('/population?type=enseignants', 'Enseignants', effectifs.enseignants, 'enseignants'),
      ),
    ),
    h(
      'section',
      { class: 'carte' },
      h('h2', {}, 'Ressources expirées'),
      aSurveiller.length === 0
        ? h('p', {}, 'Aucune ressource expirée.')
        : h(
            'ul',
            { class: 'liste', dataset: { garListe: 'expirees' } },
            ...aSurveiller.map(({ abonnement, statut }) =>
              h(
                'li',
                { dataset: { idAbonnement: abonnement.idAbonnement } },
                h(
                  'a',
                  { href: `/ressources/${encodeURIComponent(abonnement.idAbonnement)}` },
                  abonnement.libelleRessource,
                ),
                ' ',
                badge(statut.libelle, statut.ton),
              ),
            ),
          ),
    ),
  );
}

function raccourci(href, libelle, nombre, nom) {
  return h(
    'li',
    {},
    h(
      'a',
      { class: 'raccourci', href, dataset: { garRaccourci: nom, garEffectif: String(nombre) } },
      h('strong', {}, formatCount(nombre)),
      ` ${libelle}`,
    ),
  );
}
vueTableauDeBord.vue = 'tableau-de-bord';
