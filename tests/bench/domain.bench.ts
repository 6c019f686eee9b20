import { XMLParser } from 'fast-xml-parser';
import type { Abonnement } from '../../utils/gar/abonnement';
import { parseAbonnementsXml } from '../../utils/gar/abonnement-xml';
import type { Affectation } from '../../utils/gar/affectation';
import { groupBySubscription, licenceCounts } from '../../utils/gar/licences';
import type { Benchmark } from './harness';
import { medianMs } from './harness';

/** The large lycée of DOMAIN.md §8: 300 subscriptions, 50,000 affectations. */
const SUBSCRIPTIONS = 300;
const AFFECTATIONS = 50_000;

function subscriptionsXml(count: number): string {
  const items = Array.from(
    { length: count },
    (
      _,
      i,
    ) => `<abonnement><idAbonnement>ABO-${i}</idAbonnement><idDistributeurCom>832020651_0000000000000012</idDistributeurCom>
<idRessource>ark:/49591/res${i}</idRessource><typeIdRessource>ark</typeIdRessource><libelleRessource>Ressource ${i}</libelleRessource>
<debutValidite>2026-09-01T00:00:00.000+02:00</debutValidite><anneeFinValidite>2026-2027</anneeFinValidite><uaiEtab>0561622J</uaiEtab>
<categorieAffectation>transferable</categorieAffectation><typeAffectation>INDIV</typeAffectation><nbLicenceEnseignant>20</nbLicenceEnseignant>
<nbLicenceEleve>400</nbLicenceEleve><publicCible>ELEVE</publicCible><publicCible>ENSEIGNANT</publicCible></abonnement>`,
  );
  return `<abonnements xmlns="http://www.atosworldline.com/wsabonnement/v1.0/">${items.join('')}</abonnements>`;
}

function affectations(abonnements: Abonnement[], count: number): Affectation[] {
  return Array.from({ length: count }, (_, i) => ({
    idAbonnement: abonnements[i % abonnements.length]?.idAbonnement ?? '',
    uai: '0561622J',
    personId: `P${Math.floor(i / abonnements.length)}`,
    profil: i % 20 === 0 ? 'ENSEIGNANT' : 'ELEVE',
    verrouillee: i % 97 === 0,
  }));
}

export const domainBenchmarks: Benchmark[] = [
  {
    name: `lecture XML de ${SUBSCRIPTIONS} abonnements (toutes règles vérifiées)`,
    run() {
      const xml = subscriptionsXml(SUBSCRIPTIONS);
      const bare = new XMLParser({ removeNSPrefix: true, parseTagValue: false });
      return {
        name: this.name,
        medianMs: medianMs(() => parseAbonnementsXml(xml)),
        baselineMs: medianMs(() => bare.parse(xml)),
        budgetMs: 100,
        detail: 'référence : analyse XML seule, sans contrôle',
      };
    },
  },
  {
    name: `compteurs de licences, ${SUBSCRIPTIONS} abonnements × ${AFFECTATIONS} affectations`,
    run() {
      const abonnements = parseAbonnementsXml(subscriptionsXml(SUBSCRIPTIONS));
      const all = affectations(abonnements, AFFECTATIONS);
      const grouped = (): unknown => {
        const groups = groupBySubscription(all);
        return abonnements.map((abonnement) =>
          licenceCounts(abonnement, groups.get(abonnement.idAbonnement) ?? []),
        );
      };
      const naive = (): unknown => abonnements.map((abonnement) => licenceCounts(abonnement, all));
      return {
        name: this.name,
        medianMs: medianMs(grouped),
        baselineMs: medianMs(naive, 3),
        budgetMs: 50,
        detail: 'référence : chaque abonnement parcourt toutes les affectations',
      };
    },
  },
];
