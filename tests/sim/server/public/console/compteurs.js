import { formatCount, h, PROFILS } from '../common.js';

/** Per-profile counter cells « affectées / achetées » of one subscription (global count: one cell). */

export const COLONNES = [...PROFILS, 'GLOBAL'];

export function celluleCompteur(abonnement, bucket) {
  const compteur = abonnement.compteurs[bucket];
  if (!compteur) return h('td', { class: 'nombre vide', dataset: { profil: bucket } }, '—');
  const epuise = compteur.disponibles === 0;
  return h(
    'td',
    {
      class: `nombre${epuise ? ' epuise' : ''}`,
      dataset: {
        profil: bucket,
        affectees: String(compteur.affectees),
        achetees: String(compteur.achetees),
        disponibles: String(compteur.disponibles),
        verrouillees: String(compteur.verrouillees),
      },
      title: `${compteur.affectees} affectée(s) sur ${formatCount(compteur.achetees)} achetée(s), ${formatCount(compteur.disponibles)} disponible(s)`,
    },
    `${formatCount(compteur.affectees)} / ${formatCount(compteur.achetees)}`,
  );
}
