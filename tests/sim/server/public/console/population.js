import {
  api,
  badge,
  formatCount,
  h,
  informer,
  message,
  PROFIL_SINGULIER,
  statutValidite,
  zoneMessages,
} from '../common.js';
import { resume, texteErreur } from './affecter.js';

/** Parcours par population: divisions, groupes and persons by profile; each with its resources. */

const TYPES = {
  divisions: { libelle: 'Divisions', cible: 'division' },
  groupes: { libelle: 'Groupes', cible: 'groupe' },
  eleves: { libelle: 'Élèves', profil: 'ELEVE' },
  enseignants: { libelle: 'Enseignants', profil: 'ENSEIGNANT' },
  documentalistes: { libelle: 'Documentalistes', profil: 'DOCUMENTALISTE' },
  autres: { libelle: 'Autres personnels', profil: 'AUTRE PERSONNEL' },
};

function lignesDe(type, population) {
  if (type === 'divisions') {
    return population.divisions.map((d) => ({ code: d.code, cells: [d.libelle, formatCount(d.effectif)] }));
  }
  if (type === 'groupes') {
    return population.groupes.map((g) => ({
      code: g.code,
      cells: [g.libelle, g.divisions.join(', ') || '—', formatCount(g.effectif)],
    }));
  }
  return population.personnes
    .filter((p) => p.profil === TYPES[type].profil)
    .map((p) => ({
      code: p.id,
      cells: [`${p.nom} ${p.prenom}`, [...p.divisions, ...p.groupes].join(', ') || '—'],
    }));
}

const ENTETES = {
  divisions: ['Division', 'Effectif'],
  groupes: ['Groupe', 'Divisions', 'Effectif'],
};

export async function vuePopulation(ctx) {
  const type = new URLSearchParams(location.search).get('type') ?? 'divisions';
  const courant = TYPES[type] ? type : 'divisions';
  const population = await api(`/api/etablissements/${ctx.uai}/population`);
  const lignes = lignesDe(courant, population);
  const filtre = h('input', {
    type: 'search',
    id: 'filtre-population',
    placeholder: 'Nom, code…',
    dataset: { garFiltre: 'population' },
  });
  const compte = h('p', { class: 'compte', dataset: { garCompteur: 'population' } });
  const rows = lignes.map((ligne) =>
    h(
      'tr',
      { dataset: { type: courant, code: ligne.code } },
      h(
        'th',
        { scope: 'row' },
        h('a', { href: `/population/${courant}/${encodeURIComponent(ligne.code)}` }, ligne.cells[0]),
      ),
      ...ligne.cells.slice(1).map((cell) => h('td', {}, cell)),
    ),
  );
  const appliquer = () => {
    const valeur = filtre.value.trim().toLowerCase();
    let visibles = 0;
    for (const row of rows) {
      row.hidden = valeur !== '' && !row.textContent.toLowerCase().includes(valeur);
      if (!row.hidden) visibles += 1;
    }
    compte.dataset.valeur = String(visibles);
    compte.textContent = `${visibles} sur ${rows.length}`;
  };
  filtre.addEventListener('input', appliquer);
  appliquer();
  ctx.afficher(
    h('h1', {}, 'Parcours par population'),
    h(
      'nav',
      { class: 'sous-onglets', 'aria-label': 'Populations' },
      ...Object.entries(TYPES).map(([cle, { libelle }]) =>
        h(
          'a',
          {
            href: `/population?type=${cle}`,
            class: 'sous-onglet',
            'aria-current': cle === courant ? 'page' : undefined,
            dataset: { garPopulationType: cle },
          },
          libelle,
        ),
      ),
    ),
    h(
      'div',
      { class: 'barre-filtre' },
      h('label', { for: 'filtre-population' }, 'Filtre rapide'),
      filtre,
      compte,
    ),
    h(
      'table',
      { class: 'tableau', dataset: { garTable: 'population', type: courant } },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...(ENTETES[courant] ?? ['Nom', 'Divisions et groupes']).map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
  );
}
vuePopulation.vue = 'population';

function membres(type, code, population) {
  if (type === 'divisions') return population.personnes.filter((p) => p.divisions.includes(code));
  if (type === 'groupes') return population.personnes.filter((p) => p.groupes.includes(code));
  return population.personnes.filter((p) => p.id === code);
}

export async function vuePopulationDetail(ctx, { type, code }) {
  const definition = TYPES[type];
  if (!definition) {
    ctx.afficher(message('Type de population inconnu.', 'erreur'));
    return;
  }
  const base = `/api/etablissements/${ctx.uai}`;
  const [population, { abonnements }] = await Promise.all([
    api(`${base}/population`),
    api(`${base}/abonnements`),
  ]);
  const personnes = membres(type, code, population);
  const ids = new Set(personnes.map((p) => p.id));
  const individuels = abonnements.filter((a) => a.typeAffectation === 'INDIV');
  const affectations = await Promise.all(
    individuels.map((a) => api(`${base}/abonnements/${encodeURIComponent(a.idAbonnement)}/affectations`)),
  );
  const titre =
    type === 'divisions'
      ? population.divisions.find((d) => d.code === code)?.libelle
      : type === 'groupes'
        ? population.groupes.find((g) => g.code === code)?.libelle
        : personnes[0] && `${personnes[0].prenom} ${personnes[0].nom}`;
  const cible = definition.cible ? { type: definition.cible, code } : { type: 'personne', code };
  const ressources = individuels.map((abonnement, index) => ({
    abonnement,
    version: affectations[index].version,
    servis: affectations[index].affectations.filter((a) => ids.has(a.idPersonne)).length,
  }));

  const choix = h(
    'select',
    { id: 'population-abonnement', dataset: { garChamp: 'abonnement' } },
    ...ressources
      .filter(({ abonnement }) => statutValidite(abonnement).code === 'actif')
      .map(({ abonnement }) => h('option', { value: abonnement.idAbonnement }, abonnement.libelleRessource)),
  );
  const affecter = async (event) => {
    event.preventDefault();
    const choisie = ressources.find((r) => r.abonnement.idAbonnement === choix.value);
    if (!choisie) return;
    try {
      const resultat = await api(`${base}/abonnements/${encodeURIComponent(choix.value)}/affectations`, {
        method: 'POST',
        body: { version: choisie.version, cibles: [cible] },
      });
      await vuePopulationDetail(ctx, { type, code });
      informer(message(resume(resultat), resultat.exclues.length ? 'alerte' : 'succes'));
    } catch (error) {
      if (error.status === 409) await vuePopulationDetail(ctx, { type, code });
      informer(message(texteErreur(error), 'erreur'));
    }
  };

  ctx.afficher(
    h('p', { class: 'fil' }, h('a', { href: `/population?type=${type}` }, `← ${definition.libelle}`)),
    h('h1', { dataset: { type, code } }, titre ?? code),
    zoneMessages(),
    h(
      'section',
      { class: 'carte' },
      h('h2', {}, 'Ressources'),
      h(
        'table',
        { class: 'tableau', dataset: { garTable: 'ressources-population' } },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Ressource'),
            h('th', { scope: 'col', class: 'nombre' }, 'Personnes servies'),
            h('th', { scope: 'col' }, 'Validité'),
          ),
        ),
        h(
          'tbody',
          {},
          ...ressources
            .filter((r) => r.servis > 0)
            .map(({ abonnement, servis }) => {
              const statut = statutValidite(abonnement);
              return h(
                'tr',
                { dataset: { idAbonnement: abonnement.idAbonnement, servis: String(servis) } },
                h(
                  'th',
                  { scope: 'row' },
                  h(
                    'a',
                    { href: `/ressources/${encodeURIComponent(abonnement.idAbonnement)}` },
                    abonnement.libelleRessource,
                  ),
                ),
                h('td', { class: 'nombre' }, `${servis} / ${personnes.length}`),
                h('td', {}, badge(statut.libelle, statut.ton)),
              );
            }),
        ),
      ),
      h(
        'form',
        {
          class: 'formulaire formulaire-ligne',
          dataset: { garForm: 'affecter-population' },
          onsubmit: affecter,
        },
        h(
          'div',
          { class: 'champ' },
          h('label', { for: 'population-abonnement' }, 'Affecter une ressource'),
          choix,
        ),
        h('button', { type: 'submit', class: 'bouton', dataset: { garAction: 'affecter' } }, 'Affecter'),
      ),
    ),
    personnes.length > 1 || definition.cible
      ? h(
          'section',
          { class: 'carte' },
          h('h2', {}, `Membres (${personnes.length})`),
          h(
            'table',
            { class: 'tableau', dataset: { garTable: 'membres' } },
            h(
              'thead',
              {},
              h('tr', {}, h('th', { scope: 'col' }, 'Nom'), h('th', { scope: 'col' }, 'Profil')),
            ),
            h(
              'tbody',
              {},
              ...personnes.map((p) =>
                h(
                  'tr',
                  { dataset: { idPersonne: p.id } },
                  h('th', { scope: 'row' }, `${p.nom} ${p.prenom}`),
                  h('td', {}, PROFIL_SINGULIER[p.profil]),
                ),
              ),
            ),
          ),
        )
      : null,
  );
}
vuePopulationDetail.vue = 'population-detail';
