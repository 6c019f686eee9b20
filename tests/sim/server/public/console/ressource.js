import {
  api,
  badge,
  finEffective,
  formatDate,
  h,
  informer,
  message,
  PROFIL_LIBELLES,
  PROFIL_SINGULIER,
  statutValidite,
  zoneMessages,
} from '../common.js';
import { formulaireAffectation } from './affecter.js';
import { COLONNES, celluleCompteur } from './compteurs.js';

/** /ressources/:id — one subscription: counters, assignment form, its affectations. */

export async function vueRessource(ctx, { id }) {
  const base = `/api/etablissements/${ctx.uai}/abonnements/${encodeURIComponent(id)}/affectations`;
  const [{ abonnements }, liste, population] = await Promise.all([
    api(`/api/etablissements/${ctx.uai}/abonnements`),
    api(base),
    api(`/api/etablissements/${ctx.uai}/population`),
  ]);
  const abonnement = abonnements.find((a) => a.idAbonnement === id);
  if (!abonnement) {
    ctx.afficher(message(`Ressource ${id} introuvable dans cet établissement.`, 'erreur'));
    return;
  }
  let version = liste.version;
  const recharger = async () => {
    if (ctx.estCourant()) await vueRessource(ctx, { id });
  };
  const personnes = new Map(population.personnes.map((p) => [p.id, p]));
  const statut = statutValidite(abonnement);
  const selection = new Set();

  const retirerSelection = async () => {
    if (selection.size === 0) return;
    try {
      const resultat = await api(base, { method: 'DELETE', body: { version, idPersonnes: [...selection] } });
      version = resultat.version;
      await recharger();
      informer(message(`${resultat.retirees.length} affectation(s) retirée(s).`, 'succes'));
    } catch (error) {
      if (error.status === 409) await recharger();
      informer(message(error.message, 'erreur'));
    }
  };

  const lignes = liste.affectations.map((affectation) => {
    const personne = personnes.get(affectation.idPersonne);
    const caseACocher = h('input', {
      type: 'checkbox',
      'aria-label': `Sélectionner ${personne ? `${personne.prenom} ${personne.nom}` : affectation.idPersonne}`,
      onchange: (event) =>
        event.target.checked
          ? selection.add(affectation.idPersonne)
          : selection.delete(affectation.idPersonne),
    });
    return h(
      'tr',
      {
        dataset: {
          idPersonne: affectation.idPersonne,
          profil: affectation.profil,
          verrouillee: String(affectation.verrouillee),
        },
      },
      h('td', {}, caseACocher),
      h(
        'th',
        { scope: 'row' },
        personne ? `${personne.nom} ${personne.prenom}` : `Personne partie (${affectation.idPersonne})`,
      ),
      h('td', {}, PROFIL_SINGULIER[affectation.profil]),
      h('td', {}, personne ? [...personne.divisions, ...personne.groupes].join(', ') || '—' : '—'),
      h('td', {}, affectation.verrouillee ? badge('Verrouillée', 'alerte') : badge('Active', 'succes')),
    );
  });

  const affectable = abonnement.typeAffectation === 'INDIV' && statut.code === 'actif';
  ctx.afficher(
    h('p', { class: 'fil' }, h('a', { href: '/ressources' }, '← Parcours ressource')),
    h(
      'h1',
      { dataset: { idAbonnement: abonnement.idAbonnement, version: String(version) } },
      abonnement.libelleRessource,
    ),
    zoneMessages(),
    h(
      'section',
      { class: 'carte' },
      h(
        'dl',
        { class: 'details' },
        h('dt', {}, 'Identifiant'),
        h('dd', {}, abonnement.idRessource),
        h('dt', {}, 'Abonnement'),
        h('dd', {}, abonnement.idAbonnement),
        h('dt', {}, 'Type'),
        h(
          'dd',
          {},
          abonnement.typeAffectation === 'ETABL' ? 'Établissement (toute l’école)' : 'Individuelle',
        ),
        h('dt', {}, 'Validité'),
        h(
          'dd',
          {},
          `du ${formatDate(abonnement.debutValidite)} au ${formatDate(finEffective(abonnement))} `,
          badge(statut.libelle, statut.ton),
        ),
        h('dt', {}, 'Publics cibles'),
        h('dd', {}, abonnement.publicCible.map((p) => PROFIL_LIBELLES[p]).join(', ')),
      ),
      h(
        'table',
        { class: 'tableau', dataset: { garTable: 'compteurs' } },
        h(
          'thead',
          {},
          h('tr', {}, ...COLONNES.map((b) => h('th', { scope: 'col', class: 'nombre' }, PROFIL_LIBELLES[b]))),
        ),
        h(
          'tbody',
          {},
          h(
            'tr',
            { dataset: { idAbonnement: abonnement.idAbonnement } },
            ...COLONNES.map((b) => celluleCompteur(abonnement, b)),
          ),
        ),
      ),
    ),
    h(
      'section',
      { class: 'carte' },
      h('h2', {}, 'Affecter'),
      affectable
        ? formulaireAffectation({
            uai: ctx.uai,
            abonnement,
            population,
            getVersion: () => version,
            apres: recharger,
          })
        : message(
            abonnement.typeAffectation === 'ETABL'
              ? 'Ressource établissement : toute l’école y a accès sans affectation.'
              : `Affectation impossible : ${statut.libelle.toLowerCase()}.`,
            'info',
          ),
    ),
    h(
      'section',
      { class: 'carte' },
      h('h2', {}, `Affectations (${liste.affectations.length})`),
      h(
        'div',
        { class: 'defilement' },
        h(
          'table',
          {
            class: 'tableau',
            dataset: {
              garTable: 'affectations',
              idAbonnement: abonnement.idAbonnement,
              version: String(version),
            },
          },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, h('span', { class: 'visuellement-cache' }, 'Sélection')),
              h('th', { scope: 'col' }, 'Nom'),
              h('th', { scope: 'col' }, 'Profil'),
              h('th', { scope: 'col' }, 'Divisions et groupes'),
              h('th', { scope: 'col' }, 'État'),
            ),
          ),
          h('tbody', {}, ...lignes),
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'bouton bouton-danger',
          dataset: { garAction: 'retirer-selection' },
          onclick: retirerSelection,
        },
        'Retirer la sélection',
      ),
    ),
  );
}
vueRessource.vue = 'ressource';
