import { api, h, informer, message, PROFIL_LIBELLES } from '../common.js';

/** The assignment form (data-gar-form="affecter") and the French summary of its result. */

const TYPES = [
  ['division', 'Division (classe)'],
  ['groupe', 'Groupe'],
  ['mef', 'Niveau (MEF)'],
  ['profil', 'Tout un profil'],
  ['matiere', 'Enseignants d’une matière'],
  ['personne', 'Une personne'],
];

function options(type, population, abonnement) {
  switch (type) {
    case 'division':
      return population.divisions.map((d) => [d.code, `${d.libelle} (${d.effectif})`]);
    case 'groupe':
      return population.groupes.map((g) => [g.code, `${g.libelle} (${g.effectif})`]);
    case 'mef':
      return population.mefs.map((m) => [m.code, m.libelle]);
    case 'profil':
      return abonnement.publicCible.map((p) => [p, PROFIL_LIBELLES[p]]);
    case 'matiere':
      return population.matieres.map((m) => [m.code, m.libelle]);
    default:
      return population.personnes
        .filter((p) => abonnement.publicCible.includes(p.profil))
        .map((p) => [p.id, `${p.nom} ${p.prenom} — ${p.divisions.join(', ') || p.profil}`]);
  }
}

export function resume(resultat) {
  const parts = [`${resultat.ajoutees.length} licence(s) affectée(s)`];
  if (resultat.dejaAffectees.length)
    parts.push(`${resultat.dejaAffectees.length} personne(s) déjà affectée(s)`);
  if (resultat.exclues.length)
    parts.push(`${resultat.exclues.length} personne(s) non servie(s) faute de licences`);
  return `${parts.join(', ')}.`;
}

export function texteErreur(error) {
  const manquantes = error.body?.manquantes;
  if (!manquantes) return error.message;
  const detail = Object.entries(manquantes)
    .map(([bucket, n]) => `${n} pour ${PROFIL_LIBELLES[bucket] ?? bucket}`)
    .join(', ');
  return `${error.message} Il manque ${detail}.`;
}

/**
 * The form; `getVersion` reads the subscription's version the page last saw, `apres` reloads
 * the view after a write (or after a 409 from another RA).
 */
export function formulaireAffectation({
  uai,
  abonnement,
  population,
  getVersion,
  apres,
  typeInitial,
  codeInitial,
}) {
  const selectType = h(
    'select',
    { id: 'affecter-type', name: 'type', dataset: { garChamp: 'type' } },
    ...TYPES.map(([v, l]) => h('option', { value: v, selected: v === typeInitial }, l)),
  );
  const selectCode = h('select', {
    id: 'affecter-code',
    name: 'code',
    multiple: true,
    size: 6,
    dataset: { garChamp: 'code' },
  });
  const epuisement = h('input', {
    type: 'checkbox',
    id: 'affecter-epuisement',
    dataset: { garChamp: 'jusqu-a-epuisement' },
  });
  const remplir = () => {
    selectCode.replaceChildren(
      ...options(selectType.value, population, abonnement).map(([v, l]) =>
        h('option', { value: v, selected: v === codeInitial }, l),
      ),
    );
  };
  selectType.addEventListener('change', remplir);
  remplir();
  const soumettre = async (event) => {
    event.preventDefault();
    const codes = [...selectCode.selectedOptions].map((option) => option.value);
    if (codes.length === 0) {
      informer(message('Choisissez au moins une cible.', 'alerte'));
      return;
    }
    try {
      const resultat = await api(
        `/api/etablissements/${uai}/abonnements/${encodeURIComponent(abonnement.idAbonnement)}/affectations`,
        {
          method: 'POST',
          body: {
            version: getVersion(),
            cibles: codes.map((code) => ({ type: selectType.value, code })),
            jusquAEpuisement: epuisement.checked || undefined,
          },
        },
      );
      await apres();
      informer(message(resume(resultat), resultat.exclues.length ? 'alerte' : 'succes'));
    } catch (error) {
      if (error.status === 409) await apres();
      informer(
        message(
          error.status === 409 ? `${error.message} La page a été rechargée.` : texteErreur(error),
          'erreur',
        ),
      );
    }
  };
  return h(
    'form',
    { class: 'formulaire formulaire-ligne', dataset: { garForm: 'affecter' }, onsubmit: soumettre },
    h('div', { class: 'champ' }, h('label', { for: 'affecter-type' }, 'Affecter à'), selectType),
    h('div', { class: 'champ' }, h('label', { for: 'affecter-code' }, 'Cible(s)'), selectCode),
    h(
      'div',
      { class: 'champ champ-case' },
      epuisement,
      h('label', { for: 'affecter-epuisement' }, 'Jusqu’à épuisement des licences'),
    ),
    h('button', { type: 'submit', class: 'bouton', dataset: { garAction: 'affecter' } }, 'Affecter'),
  );
}
