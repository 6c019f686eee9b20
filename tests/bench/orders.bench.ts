import type { Licences } from '../../utils/gar/abonnement';
import type { ExpectedOrder } from '../../utils/gar/expected-order';
import { checkDeliveries, matchOrders } from '../../utils/gar/order-check';
import type { ConsoleSubscription } from '../../utils/gar/school';
import { normaliseTitle } from '../../utils/gar/templates';
import { type Benchmark, medianCpuMs } from './harness';

/**
 * Orders against deliveries (issue 7) on a large lycée: 500 order lines against 300 subscriptions,
 * every way an order names its resource mixed in (ARK, title with an edition mention, « 5ème »,
 * a shortened title that several subscriptions contain, a resource never delivered). Figures are
 * process CPU time: the check is synchronous, so CPU is what it costs the RA's page.
 */

const UAI = '0561622J';
const ORDERS = 500;
const SUBSCRIPTIONS = 300;

const SUBJECTS = [
  'Mathématiques',
  'Français',
  'Histoire-Géographie',
  'SVT',
  'Physique-Chimie',
  'Anglais',
  'Espagnol',
  'Allemand',
  'Technologie',
  'Éducation musicale',
  'Arts plastiques',
  'Latin',
  'Grec',
  'Italien',
  'EMC',
  'Sciences économiques',
  'Philosophie',
  'Numérique et sciences informatiques',
  'Géopolitique',
  'Littérature',
];
const KINDS = ['manuel numérique', 'cahier d’exercices', 'fichier d’activités', 'banque de ressources'];
const DISTRIBUTORS = [
  '552081317_0000000000000101',
  '413654087_0000000000000202',
  '834725003_0000000000000303',
  '391209456_0000000000000404',
  '478523690_0000000000000505',
];

interface Resource {
  subject: string;
  level: number;
  kind: string;
  distributor: string;
  ark: string;
}

function resource(i: number): Resource {
  const subject = SUBJECTS[i % SUBJECTS.length] ?? '';
  const level = 6 - (Math.floor(i / SUBJECTS.length) % 4);
  const kind = KINDS[Math.floor(i / (SUBJECTS.length * 4)) % KINDS.length] ?? '';
  const distributor = DISTRIBUTORS[i % DISTRIBUTORS.length] ?? '';
  return { subject, level, kind, distributor, ark: `ark:/${10000 + (i % 5)}/res-${i}` };
}

const titleOf = (r: Resource): string => `${r.subject} ${r.level}e — ${r.kind}`;

function licences(i: number): Licences {
  return i % 3 === 0
    ? { kind: 'global', count: 100 + (i % 50) }
    : { kind: 'parProfil', counts: { ELEVE: 120 + (i % 40), ENSEIGNANT: i % 2 ? 'ILLIMITE' : 8 } };
}

function subscriptions(): ConsoleSubscription[] {
  return Array.from({ length: SUBSCRIPTIONS }, (_, i) => {
    const r = resource(i);
    return {
      abonnement: {
        idAbonnement: `ABO-${i}`,
        idDistributeurCom: r.distributor,
        idRessource: r.ark,
        typeIdRessource: 'ark',
        libelleRessource: titleOf(r),
        debutValidite: i % 7 === 0 ? '2026-09-21T10:00:00.000+02:00' : '2026-09-01T00:00:00.000+02:00',
        ...(i % 11 === 0
          ? { finValidite: '2026-12-31T23:59:59.000+01:00' }
          : { anneeFinValidite: '2026-2027' }),
        uaiEtab: [UAI],
        typeAffectation: 'INDIV',
        licences: licences(i),
        publicCible: ['ELEVE', 'ENSEIGNANT'],
        supprime: false,
        automatique: false,
      },
      compteurs: {},
      version: 1,
    };
  });
}

/** The ways a school's export names a resource, in turn. */
function orders(): ExpectedOrder[] {
  return Array.from({ length: ORDERS }, (_, i): ExpectedOrder => {
    const r = resource(i % SUBSCRIPTIONS);
    const variants: Partial<ExpectedOrder>[] = [
      { resourceTitle: titleOf(r), ark: r.ark.toUpperCase() },
      { resourceTitle: `${titleOf(r).toUpperCase()} – éd. 2023`, distributor: r.distributor },
      { resourceTitle: `${r.subject} ${r.level}ème — ${r.kind}` },
      { resourceTitle: `${r.subject} ${r.level}e` },
      { resourceTitle: `Dictionnaire ${i}`, distributor: 'Éditions inconnues' },
    ];
    return {
      id: `CMD-${i}`,
      uai: UAI,
      resourceTitle: titleOf(r),
      quantity: licences(i + 1),
      period: { schoolYear: '2026-2027' },
      reference: `BC-${i}`,
      createdAt: '2026-06-01T10:00:00.000Z',
      ...variants[i % variants.length],
    };
  });
}

/** The naive way: every order normalises every subscription's title again. */
function naiveMatch(all: readonly ExpectedOrder[], subs: readonly ConsoleSubscription[]): unknown {
  return all.map((order) => {
    const title = normaliseTitle(order.resourceTitle);
    return subs.filter(({ abonnement }) => normaliseTitle(abonnement.libelleRessource) === title);
  });
}

export const ordersBenchmarks: Benchmark[] = [
  {
    name: `commandes : ${ORDERS} lignes face à ${SUBSCRIPTIONS} abonnements`,
    run() {
      const subs = subscriptions();
      const all = orders();
      return [
        {
          name: `rapprochement de ${ORDERS} commandes avec ${SUBSCRIPTIONS} abonnements (CPU)`,
          medianMs: medianCpuMs(() => matchOrders(all, subs)),
          baselineMs: medianCpuMs(() => naiveMatch(all, subs), 3),
          budgetMs: 50,
          detail: 'référence : chaque commande normalise tous les titres',
        },
        {
          name: `vérification complète des livraisons, ${ORDERS} × ${SUBSCRIPTIONS} (CPU)`,
          medianMs: medianCpuMs(() => checkDeliveries(all, subs, { uai: UAI })),
          budgetMs: 50,
          detail: 'rapprochement, licences, dates et messages',
        },
      ];
    },
  },
];
