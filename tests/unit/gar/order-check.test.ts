import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Abonnement } from '../../../utils/gar/abonnement';
import type { ExpectedOrder } from '../../../utils/gar/expected-order';
import {
  checkDeliveries,
  type DeliveryLine,
  deliveriesCsv,
  deliveryLabel,
  type MatchDecisions,
  matchOrders,
} from '../../../utils/gar/order-check';
import type { ConsoleSubscription } from '../../../utils/gar/school';
import { sampleAbonnement } from '../abonnement-fixture';
import { speak } from '../speak';

const UAI = '0561622J';
/** The fixture's distributor, and another one. */
const DISTRIBUTOR = '832020651_0000000000000012';
const OTHER_DISTRIBUTOR = '552081317_0000000000000101';

function subscription(idAbonnement: string, overrides: Partial<Abonnement> = {}): ConsoleSubscription {
  return { abonnement: sampleAbonnement({ idAbonnement, ...overrides }), compteurs: {}, version: 1 };
}

/** An order for the school year 2026-2027, the fixture subscription's. */
function order(id: string, overrides: Partial<ExpectedOrder> = {}): ExpectedOrder {
  return {
    id,
    uai: UAI,
    resourceTitle: `Ressource ${id}`,
    quantity: { kind: 'global', count: 10 },
    period: { schoolYear: '2026-2027' },
    createdAt: '2026-06-01T10:00:00.000Z',
    ...overrides,
  };
}

function candidates(
  orders: ExpectedOrder[],
  subscriptions: ConsoleSubscription[],
  orderId = orders[0]?.id ?? '',
) {
  return (matchOrders(orders, subscriptions).get(orderId) ?? []).map(({ idAbonnement, confidence }) => ({
    idAbonnement,
    confidence,
  }));
}

function check(
  orders: ExpectedOrder[],
  subscriptions: ConsoleSubscription[],
  decisions?: MatchDecisions,
): DeliveryLine[] {
  return checkDeliveries(orders, subscriptions, { uai: UAI, schoolName: 'Collège Jules Verne', decisions });
}

function lineOf(lines: DeliveryLine[], orderId: string): DeliveryLine {
  const line = lines.find((candidate) => candidate.order?.id === orderId);
  if (!line) throw new Error(`no line for ${orderId}`);
  return line;
}

const statuses = (lines: DeliveryLine[]) =>
  lines.map((line) => [line.order?.id ?? line.subscription?.abonnement.idAbonnement, line.status]);

describe('matchOrders', () => {
  it('ignores accents, case, punctuation, an edition mention and how the level is written', () => {
    const maths = subscription('ABO-M', { libelleRessource: 'MATHS 5E' });
    const histoire = subscription('ABO-H', { libelleRessource: 'HISTOIRE GEO 4E' });
    const orders = [
      order('C-1', { resourceTitle: 'Maths 5e – éd. 2023', distributor: DISTRIBUTOR }),
      order('C-2', { resourceTitle: 'Histoire-Géo : 4ème !', distributor: '832 020 651' }),
    ];
    const matches = matchOrders(orders, [maths, histoire]);
    expect(matches.get('C-1')).toEqual([
      {
        orderId: 'C-1',
        idAbonnement: 'ABO-M',
        confidence: 'forte',
        reason: 'même titre et même distributeur',
      },
    ]);
    expect(matches.get('C-2')?.map((m) => [m.idAbonnement, m.confidence])).toEqual([['ABO-H', 'forte']]);
  });

  it('does not mistake one level for another', () => {
    const maths6 = subscription('ABO-6', { libelleRessource: 'Maths 6e' });
    expect(candidates([order('C-1', { resourceTitle: 'Maths 5ème' })], [maths6])).toEqual([]);
  });

  it('keeps the distributor’s subscription when two share the title', () => {
    const theirs = subscription('ABO-A', {
      libelleRessource: 'Maths 5e',
      idDistributeurCom: OTHER_DISTRIBUTOR,
    });
    const ours = subscription('ABO-B', { libelleRessource: 'Maths 5e' });
    // A SIRET (SIREN + 5 digits) names the same company.
    const byDistributor = order('C-1', {
      resourceTitle: 'Maths 5e',
      distributor: 'Éditions X 83202065100012',
    });
    expect(candidates([byDistributor], [theirs, ours])).toEqual([
      { idAbonnement: 'ABO-B', confidence: 'forte' },
    ]);
  });

  it('gives every same-title subscription, faible, when the distributor cannot settle it', () => {
    const a = subscription('ABO-A', { libelleRessource: 'Maths 5e', idDistributeurCom: OTHER_DISTRIBUTOR });
    const b = subscription('ABO-B', { libelleRessource: 'Maths 5e' });
    const byName = order('C-1', { resourceTitle: 'Maths 5e', distributor: 'Éditions Hirondelle' });
    expect(candidates([byName], [a, b])).toEqual([
      { idAbonnement: 'ABO-A', confidence: 'faible' },
      { idAbonnement: 'ABO-B', confidence: 'faible' },
    ]);
    const [first] = matchOrders([byName], [a]).get('C-1') ?? [];
    expect(first?.reason).toContain('non vérifiable');
    const [different] =
      matchOrders([order('C-2', { resourceTitle: 'Maths 5e', distributor: DISTRIBUTOR })], [a]).get('C-2') ??
      [];
    expect(different).toMatchObject({
      confidence: 'faible',
      reason: expect.stringContaining('autre distributeur'),
    });
  });

  it('prefers the ARK over any title, case and resolver prefix ignored', () => {
    const byArk = subscription('ABO-ARK', {
      idRessource: 'ark:/49591/maths-5e',
      libelleRessource: 'Autre titre',
    });
    const byTitle = subscription('ABO-T', { libelleRessource: 'Maths 5e' });
    const withArk = order('C-1', { resourceTitle: 'Maths 5e', ark: 'https://n2t.net/ARK:/49591/Maths-5e' });
    expect(candidates([withArk], [byTitle, byArk])).toEqual([
      { idAbonnement: 'ABO-ARK', confidence: 'certaine' },
    ]);
  });

  it('falls back to the title when the console has no subscription with the ARK', () => {
    const renewed = subscription('ABO-N', {
      idRessource: 'ark:/49591/maths-5e-2024',
      libelleRessource: 'Maths 5e',
    });
    const withOldArk = order('C-1', { resourceTitle: 'Maths 5e', ark: 'ark:/49591/maths-5e' });
    expect(candidates([withOldArk], [renewed])).toEqual([{ idAbonnement: 'ABO-N', confidence: 'faible' }]);
  });

  it('suggests a title contained in the other as a faible match', () => {
    const manuel = subscription('ABO-M', { libelleRessource: 'Maths 6e — manuel numérique' });
    const [match] = matchOrders([order('C-1', { resourceTitle: 'MATHS 6E' })], [manuel]).get('C-1') ?? [];
    expect(match).toMatchObject({
      idAbonnement: 'ABO-M',
      confidence: 'faible',
      reason: 'titre approchant, à confirmer',
    });
  });

  it('never proposes a deleted subscription, and answers every order', () => {
    const deleted = subscription('_ABO-D', { libelleRessource: 'Maths 5e', supprime: true });
    const matches = matchOrders([order('C-1', { resourceTitle: 'Maths 5e' }), order('C-2')], [deleted]);
    expect([...matches]).toEqual([
      ['C-1', []],
      ['C-2', []],
    ]);
  });
});

describe('checkDeliveries — licences', () => {
  it('says livré when the subscription gives what was ordered, or more', () => {
    const lines = check(
      [order('C-1', { ark: 'ark:/1/ABO-1', quantity: { kind: 'global', count: 8 } })],
      [subscription('ABO-1')],
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 'livre', aConfirmer: false, match: { confidence: 'certaine' } });
    expect(lines[0]?.message).toBeUndefined();
  });

  it('counts the missing licences per profile, a profile the subscription lacks included', () => {
    const sub = subscription('ABO-1', {
      licences: { kind: 'parProfil', counts: { ELEVE: 143, ENSEIGNANT: 'ILLIMITE' } },
      publicCible: ['ELEVE', 'ENSEIGNANT'],
    });
    const ordered = order('C-1', {
      ark: 'ark:/1/ABO-1',
      reference: 'CMD-42',
      quantity: { kind: 'parProfil', counts: { ELEVE: 150, ENSEIGNANT: 40, DOCUMENTALISTE: 2 } },
    });
    const [line] = check([ordered], [sub]);
    expect(line).toMatchObject({ status: 'livrePartiellement', manquantes: { ELEVE: 7, DOCUMENTALISTE: 2 } });
    expect(line?.message?.()).toContain('élèves : 150 commandées, 143 livrées (7 manquantes)');
    expect(line?.message?.()).toContain('documentalistes : 2 commandées, 0 livrées (2 manquantes)');
    expect(line?.message?.()).toContain(
      'Pourriez-vous, pour l’abonnement ABO-1, compléter les licences manquantes ?',
    );
  });

  it('compares totals when one side counts globally and the other per profile, and says so', () => {
    const perProfile = subscription('ABO-1', {
      licences: { kind: 'parProfil', counts: { ELEVE: 140, ENSEIGNANT: 'ILLIMITE' } },
      publicCible: ['ELEVE', 'ENSEIGNANT'],
    });
    const [short] = check(
      [order('C-1', { ark: 'ark:/1/ABO-1', quantity: { kind: 'global', count: 150 } })],
      [perProfile],
    );
    expect(short).toMatchObject({ status: 'livrePartiellement', manquantes: { GLOBAL: 10 } });
    expect(short?.message?.()).toContain('totaux comparés');

    const global = subscription('ABO-2', { licences: { kind: 'global', count: 120 } });
    const perProfileOrder = order('C-2', {
      ark: 'ark:/1/ABO-2',
      quantity: { kind: 'parProfil', counts: { ELEVE: 110, ENSEIGNANT: 10 } },
    });
    expect(check([perProfileOrder], [global])[0]?.status).toBe('livre');
  });

  it('treats ILLIMITE as covering anything, and an unlimited order as unmet by a count', () => {
    const unlimited = subscription('ABO-1', { licences: { kind: 'global', count: 'ILLIMITE' } });
    const many = order('C-1', { ark: 'ark:/1/ABO-1', quantity: { kind: 'global', count: 5000 } });
    expect(check([many], [unlimited])[0]?.status).toBe('livre');

    const counted = subscription('ABO-2', { licences: { kind: 'global', count: 500 } });
    const [line] = check(
      [order('C-2', { ark: 'ark:/1/ABO-2', quantity: { kind: 'global', count: 'ILLIMITE' } })],
      [counted],
    );
    expect(line?.status).toBe('livrePartiellement');
    expect(line?.manquantes).toBeUndefined();
    expect(line?.message?.()).toContain(
      'tous publics : illimité commandées, 500 livrées (illimité commandé)',
    );
  });

  it('lets a whole-school (ETABL) subscription cover any quantity', () => {
    const etabl = subscription('ABO-1', { typeAffectation: 'ETABL', licences: { kind: 'global', count: 1 } });
    expect(
      check([order('C-1', { ark: 'ark:/1/ABO-1', quantity: { kind: 'global', count: 900 } })], [etabl])[0]
        ?.status,
    ).toBe('livre');
  });
});

describe('checkDeliveries — dates', () => {
  const ordered = order('C-1', { ark: 'ark:/1/ABO-1', reference: 'CMD-7' });

  it('flags a subscription ending months before the end of the ordered school year', () => {
    const early = subscription('ABO-1', { finValidite: '2026-12-03T23:59:59.000+01:00' });
    const [line] = check([ordered], [early]);
    expect(line).toMatchObject({
      status: 'datesDifferentes',
      dates: {
        commande: 'du 1 septembre 2026 au 31 août 2027',
        livre: 'du 1 septembre 2026 au 3 décembre 2026',
      },
    });
    expect(line?.message?.()).toContain('corriger ses dates de validité');
  });

  it('accepts a start within a week of the ordered one, not later', () => {
    const fewDays = subscription('ABO-1', { debutValidite: '2026-09-08T09:00:00.000+02:00' });
    expect(check([ordered], [fewDays])[0]?.status).toBe('livre');
    const weeks = subscription('ABO-1', { debutValidite: '2026-09-20T09:00:00.000+02:00' });
    expect(check([ordered], [weeks])[0]?.status).toBe('datesDifferentes');
  });

  it('reads explicit order dates as Paris days and does not mind a subscription covering more', () => {
    const explicit = order('C-2', {
      ark: 'ark:/1/ABO-1',
      period: { start: '2026-09-01', end: '2027-06-30' },
    });
    const longer = subscription('ABO-1', {
      debutValidite: '2026-06-01T00:00:00.000+02:00',
      anneeFinValidite: '2028-2029',
    });
    expect(check([explicit], [longer])[0]?.status).toBe('livre');
    // 30 June 2027 at 23:30 UTC is already 1 July in Paris: still covered.
    const utcEnd = subscription('ABO-1', {
      finValidite: '2027-06-29T23:30:00.000Z',
      anneeFinValidite: undefined,
    });
    expect(check([explicit], [utcEnd])[0]?.status).toBe('livre');
  });

  it('says livré partiellement when licences are missing too, and asks for both', () => {
    const both = subscription('ABO-1', {
      finValidite: '2026-12-03T23:59:59.000+01:00',
      licences: { kind: 'global', count: 5 },
    });
    const [line] = check([ordered], [both]);
    expect(line?.status).toBe('livrePartiellement');
    expect(line?.message?.()).toContain('Les dates de validité ne couvrent pas toute la période commandée.');
    expect(line?.message?.()).toContain(
      'compléter les licences manquantes et corriger ses dates de validité',
    );
  });
});

describe('checkDeliveries — orders and subscriptions', () => {
  it('writes a message for an undelivered order with the UAI, school, reference and what was ordered', () => {
    const missing = order('C-4', {
      resourceTitle: 'Dictionnaire Hachette collège',
      ark: 'ark:/99/dico',
      reference: 'CMD-4',
      quantity: { kind: 'parProfil', counts: { ELEVE: 30 } },
    });
    const [line] = check(
      [missing],
      [
        subscription('ABO-1', {
          anneeFinValidite: '2025-2026',
          debutValidite: '2025-09-01T00:00:00.000+02:00',
        }),
      ],
    );
    expect(line).toMatchObject({ status: 'nonLivre', aConfirmer: false });
    const message = line?.message?.() ?? '';
    expect(message).toMatch(/^Objet : Abonnement GAR non livré – UAI 0561622J – commande CMD-4/);
    for (const part of [
      'Collège Jules Verne (UAI 0561622J)',
      '« Dictionnaire Hachette collège » (ARK ark:/99/dico), commande n° CMD-4',
      'Commandé : licences élèves : 30 ; période du 1 septembre 2026 au 31 août 2027.',
      'aucun abonnement à cette ressource',
    ]) {
      expect(message).toContain(part);
    }
  });

  it('lists unordered subscriptions of the ordered period, not GAR’s own, deleted or last year’s', () => {
    const orders = [order('C-1', { ark: 'ark:/1/ABO-1' })];
    const lines = check(orders, [
      subscription('ABO-1'),
      subscription('ABO-EXTRA', { libelleRessource: 'Atlas' }),
      subscription('AUTO_LUMNI', { automatique: true }),
      subscription('_ABO-DEL', { supprime: true }),
      subscription('ABO-OLD', {
        debutValidite: '2025-09-01T00:00:00.000+02:00',
        anneeFinValidite: '2025-2026',
      }),
    ]);
    expect(statuses(lines)).toEqual([
      ['C-1', 'livre'],
      ['ABO-EXTRA', 'livreSansCommande'],
    ]);
    const message = lines[1]?.message?.() ?? '';
    expect(message).toContain('Objet : Abonnement GAR sans commande connue – UAI 0561622J');
    expect(message).toContain('l’abonnement ABO-EXTRA à « Atlas » (ark:/1/ABO-EXTRA)');
    expect(message).toContain(`créé par le distributeur ${DISTRIBUTOR}`);
  });

  it('gives a subscription to one order only, the best fitting one', () => {
    const [lastYear, thisYear] = [
      subscription('ABO-2026', {
        idRessource: 'ark:/1/maths',
        debutValidite: '2025-09-01T00:00:00.000+02:00',
        anneeFinValidite: '2025-2026',
      }),
      subscription('ABO-2027', { idRessource: 'ark:/1/maths' }),
    ];
    const twice = [order('C-1', { ark: 'ark:/1/maths' }), order('C-2', { ark: 'ark:/1/maths' })];
    expect(statuses(check(twice, [thisYear]))).toEqual([
      ['C-1', 'livre'],
      ['C-2', 'nonLivre'],
    ]);
    // Each order gets its own year's subscription, whatever the console's order.
    const years = [
      order('C-1', { ark: 'ark:/1/maths' }),
      order('C-0', { ark: 'ark:/1/maths', period: { schoolYear: '2025-2026' } }),
    ];
    const lines = check(years, [thisYear, lastYear]);
    expect(lineOf(lines, 'C-1').subscription?.abonnement.idAbonnement).toBe('ABO-2027');
    expect(lineOf(lines, 'C-0').subscription?.abonnement.idAbonnement).toBe('ABO-2026');
  });

  it('pairs same-resource orders and subscriptions by quantity', () => {
    const small = subscription('ABO-S', { idRessource: 'ark:/1/x', licences: { kind: 'global', count: 30 } });
    const large = subscription('ABO-L', {
      idRessource: 'ark:/1/x',
      licences: { kind: 'global', count: 100 },
    });
    const lines = check(
      [
        order('C-1', { ark: 'ark:/1/x', quantity: { kind: 'global', count: 30 } }),
        order('C-2', { ark: 'ark:/1/x', quantity: { kind: 'global', count: 100 } }),
      ],
      [large, small],
    );
    expect(lines.map((line) => [line.subscription?.abonnement.idAbonnement, line.status])).toEqual([
      ['ABO-S', 'livre'],
      ['ABO-L', 'livre'],
    ]);
  });

  it('only checks the orders of the school', () => {
    const elsewhere = order('C-9', { uai: '0350001A' });
    expect(check([elsewhere], [])).toEqual([]);
  });
});

describe('checkDeliveries — uncertain matches and decisions', () => {
  const sameTitle = subscription('ABO-T', {
    libelleRessource: 'Histoire-Géo 6e',
    licences: { kind: 'global', count: 143 },
  });
  const other = subscription('ABO-O', {
    libelleRessource: 'Atlas 6e',
    licences: { kind: 'global', count: 'ILLIMITE' },
  });
  const uncertain = order('C-2', {
    resourceTitle: 'Histoire-Géo 6e — éd. 2024',
    quantity: { kind: 'global', count: 150 },
  });

  it('computes the status of a faible match but asks the RA to confirm it', () => {
    const [line] = check([uncertain], [sameTitle]);
    expect(line).toMatchObject({
      status: 'livrePartiellement',
      aConfirmer: true,
      match: { confidence: 'faible' },
      manquantes: { GLOBAL: 7 },
    });
  });

  it('takes a confirmation, a correction and a « pas livré » over the matching', () => {
    const confirmed = check([uncertain], [sameTitle], new Map([['C-2', 'ABO-T']]))[0];
    expect(confirmed).toMatchObject({
      aConfirmer: false,
      match: { reason: 'rapprochement choisi par vous' },
    });

    const corrected = check([uncertain], [sameTitle, other], new Map([['C-2', 'ABO-O']]));
    expect(statuses(corrected)).toEqual([
      ['C-2', 'livre'],
      ['ABO-T', 'livreSansCommande'],
    ]);

    const refused = check([uncertain], [sameTitle], new Map([['C-2', null]]));
    expect(statuses(refused)).toEqual([
      ['C-2', 'nonLivre'],
      ['ABO-T', 'livreSansCommande'],
    ]);
    expect(refused[0]?.aConfirmer).toBe(false);
  });

  it('lets a decision take a subscription another order would have matched for sure', () => {
    const sure = order('C-1', { ark: 'ark:/1/ABO-T' });
    const lines = check([sure, uncertain], [sameTitle], new Map([['C-2', 'ABO-T']]));
    expect(statuses(lines)).toEqual([
      ['C-1', 'nonLivre'],
      ['C-2', 'livrePartiellement'],
    ]);
  });

  it('ignores a decision naming a subscription the console no longer shows', () => {
    const [line] = check([uncertain], [sameTitle], new Map([['C-2', 'ABO-GONE']]));
    expect(line).toMatchObject({ aConfirmer: true, subscription: { abonnement: { idAbonnement: 'ABO-T' } } });
  });
});

describe('deliveriesCsv', () => {
  it('writes one row per line for French Excel, messages and formula-like titles safe', () => {
    const lines = check(
      [
        order('C-1', { ark: 'ark:/1/ABO-1', resourceTitle: '=Maths', reference: 'CMD-1' }),
        order('C-4', { resourceTitle: 'Dictionnaire', reference: 'CMD-4' }),
      ],
      [subscription('ABO-1'), subscription('ABO-X', { libelleRessource: 'Atlas' })],
    );
    const csv = deliveriesCsv(lines);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), {
      header: true,
      delimiter: ';',
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((row) => [row.Statut, row['Référence de commande'], row.idAbonnement])).toEqual([
      [deliveryLabel('livre'), 'CMD-1', 'ABO-1'],
      [deliveryLabel('nonLivre'), 'CMD-4', ''],
      [deliveryLabel('livreSansCommande'), '', 'ABO-X'],
    ]);
    const [delivered, missing] = parsed.data;
    expect(delivered?.['Titre commandé']).toBe("'=Maths");
    expect(delivered).toMatchObject({
      Confiance: 'certaine',
      'Licences livrées': 'tous publics : 10',
      'À confirmer': 'non',
    });
    expect(missing?.Message).toBe(lines[1]?.message?.());
    expect(missing?.Message).toContain('\n');
  });
});

describe('in English', () => {
  it('says the statuses, the message to send and the CSV headers in English', () => {
    speak('en');
    const missing = order('C-4', { resourceTitle: 'Dictionnaire', ark: 'ark:/99/dico', reference: 'CMD-4' });
    const [line] = check([missing], []);
    expect(deliveryLabel('nonLivre')).toBe('Not delivered');
    const message = line?.message?.() ?? '';
    expect(message).toMatch(/^Subject: GAR subscription not delivered – UAI 0561622J – order CMD-4\n/);
    for (const part of [
      'Dear Sir or Madam,',
      'For Collège Jules Verne (UAI 0561622J), we ordered the resource “Dictionnaire” (ARK ark:/99/dico), order no. CMD-4.',
      'Observed: no subscription to this resource in the GAR console d’affectation.',
      'Could you create this subscription in the GAR for UAI 0561622J, or tell us where the delivery stands?',
    ]) {
      expect(message).toContain(part);
    }
    const [headers] = deliveriesCsv(line ? [line] : [])
      .slice(1)
      .split('\r\n');
    expect(headers?.split(';').slice(0, 3)).toEqual(['Status', 'To confirm', 'Title ordered']);
  });
});
