import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExpectedOrder } from '../../../utils/gar/expected-order';
import { ordersFromTable } from '../../../utils/gar/order-import';
import { mergeOrders, sameOrder } from '../../../utils/gar/order-merge';
import { readCsv } from '../../../utils/gar/table-file';

const UAI = '0750001A';
const OTHER_UAI = '0750002B';
const CREATED = '2026-06-01T08:00:00.000Z';

function order(overrides: Partial<ExpectedOrder> = {}): ExpectedOrder {
  return {
    id: 'cmd-1',
    uai: UAI,
    resourceTitle: 'Maths 6e',
    quantity: { kind: 'global', count: 30 },
    period: { schoolYear: '2026-2027' },
    reference: 'BC-1',
    createdAt: CREATED,
    ...overrides,
  };
}

/** The same lines as a later import reads them: new ids, a later creation date. */
function readAgain(lines: readonly ExpectedOrder[], prefix = 'again'): ExpectedOrder[] {
  return lines.map((line, i) => ({ ...line, id: `${prefix}-${i}`, createdAt: '2026-07-01T08:00:00.000Z' }));
}

const counts = (merge: ReturnType<typeof mergeOrders>) => ({
  added: merge.added.length,
  updated: merge.updated.length,
  identical: merge.identical.length,
});

describe('sameOrder — the identity of an order line', () => {
  it('is the same reference (case and spaces ignored) and the same title, accents and edition aside', () => {
    expect(sameOrder(order(), order({ id: 'x', reference: ' bc-1 ', resourceTitle: 'MATHS 6ème' }))).toBe(
      true,
    );
    expect(sameOrder(order(), order({ id: 'x', reference: 'BC-2' }))).toBe(false);
    expect(sameOrder(order(), order({ id: 'x', resourceTitle: 'Français 6e' }))).toBe(false);
  });

  it('never crosses schools', () => {
    expect(sameOrder(order(), order({ id: 'x', uai: OTHER_UAI }))).toBe(false);
  });

  it('goes by ARK when both lines have one, else by EAN when both have one, else by title', () => {
    const ark = order({ ark: 'ark:/1/maths' });
    expect(
      sameOrder(ark, order({ ark: 'https://n2t.net/ARK:/1/MATHS', resourceTitle: 'Mathématiques' })),
    ).toBe(true);
    // Two ARKs under one title are two resources (a pupil's and a teacher's edition).
    expect(sameOrder(ark, order({ ark: 'ark:/1/maths-prof' }))).toBe(false);
    // One side without ARK: the ARK says nothing, the title decides.
    expect(sameOrder(ark, order())).toBe(true);
    const ean = order({ ean: '9782091234564' });
    expect(sameOrder(ean, order({ ean: '9782091234564', resourceTitle: 'Autre titre' }))).toBe(true);
    expect(sameOrder(ean, order({ ean: '9782012345678' }))).toBe(false);
  });

  it('without a reference, is the same period: next year’s order of a resource is another order', () => {
    const unnumbered = order({ reference: undefined });
    expect(sameOrder(unnumbered, order({ reference: undefined, id: 'x' }))).toBe(true);
    expect(sameOrder(unnumbered, order({ reference: undefined, period: { schoolYear: '2027-2028' } }))).toBe(
      false,
    );
    expect(sameOrder(unnumbered, order())).toBe(false);
  });
});

describe('mergeOrders', () => {
  const file = [
    order({ id: 'l-1' }),
    order({ id: 'l-2', resourceTitle: 'Atlas', reference: 'BC-2' }),
    order({ id: 'l-3', resourceTitle: 'Histoire 5e', reference: undefined }),
  ];

  it('adds a file’s lines the first time, and finds them identical the second time', () => {
    const first = mergeOrders([], file);
    expect(counts(first)).toEqual({ added: 3, updated: 0, identical: 0 });
    expect(first.changed).toEqual(file);
    const second = mergeOrders(first.orders, readAgain(file));
    expect(counts(second)).toEqual({ added: 0, updated: 0, identical: 3 });
    expect(second.orders).toEqual(first.orders);
    expect(second.changed).toEqual([]);
  });

  it('updates what changed, keeping the stored id and creation date', () => {
    const changedLine = { ...order({ id: 'new' }), quantity: { kind: 'global' as const, count: 35 } };
    const merge = mergeOrders(file, [changedLine, order({ id: 'other', resourceTitle: 'SVT 4e' })]);
    expect(counts(merge)).toEqual({ added: 1, updated: 1, identical: 0 });
    expect(merge.updated).toEqual([
      { before: file[0], after: { ...changedLine, id: 'l-1', createdAt: CREATED } },
    ]);
    expect(merge.orders.map((o) => o.id)).toEqual(['l-1', 'l-2', 'l-3', 'other']);
    expect(merge.changed.map((o) => [o.id, o.quantity])).toEqual([
      ['l-1', { kind: 'global', count: 35 }],
      ['other', { kind: 'global', count: 30 }],
    ]);
  });

  it('finds an order imported without its ARK when the export comes again with the ARK column', () => {
    const merge = mergeOrders(file, [order({ id: 'new', ark: 'ark:/1/maths' })]);
    expect(counts(merge)).toEqual({ added: 0, updated: 1, identical: 0 });
    expect(merge.orders[0]).toMatchObject({ id: 'l-1', ark: 'ark:/1/maths' });
  });

  it('counts per-profile quantities written in another order as identical', () => {
    const stored = order({ quantity: { kind: 'parProfil', counts: { ELEVE: 30, ENSEIGNANT: 2 } } });
    const line = order({ id: 'new', quantity: { kind: 'parProfil', counts: { ENSEIGNANT: 2, ELEVE: 30 } } });
    expect(counts(mergeOrders([stored], [line]))).toEqual({ added: 0, updated: 0, identical: 1 });
  });

  it('when a line is several stored orders, prefers the identical one, else the strongest link, else the oldest', () => {
    const pupils = order({ id: 'eleve', ark: 'ark:/1/eleve' });
    const teachers = order({ id: 'prof', ark: 'ark:/1/prof', quantity: { kind: 'global', count: 2 } });
    // A line without ARK is both by its title.
    const teachersAgain = order({ id: 'x', quantity: { kind: 'global', count: 2 }, ark: 'ark:/1/prof' });
    expect(mergeOrders([pupils, teachers], [teachersAgain]).identical).toEqual([teachers]);
    const noArk = order({ id: 'y', quantity: { kind: 'global', count: 9 } });
    expect(mergeOrders([pupils, teachers], [noArk]).updated[0]?.before).toBe(pupils);
    const byEan = order({ id: 'z', ean: '9782091234564', resourceTitle: 'Maths' });
    const byTitle = order({ id: 'w' });
    const line = order({ id: 'v', ean: '9782091234564', quantity: { kind: 'global', count: 9 } });
    expect(mergeOrders([byTitle, byEan], [line]).updated[0]?.before).toBe(byEan);
  });

  it('joins two lines of one batch that are the same order as two imports would', () => {
    const merge = mergeOrders(
      [],
      [order({ id: 'a' }), order({ id: 'b', quantity: { kind: 'global', count: 9 } })],
    );
    expect(counts(merge)).toEqual({ added: 1, updated: 1, identical: 0 });
    expect(merge.changed).toEqual([order({ id: 'a', quantity: { kind: 'global', count: 9 } })]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: importing twice is importing once, for any stored orders and any import.

const arbitraryOrder: fc.Arbitrary<Omit<ExpectedOrder, 'id'>> = fc
  .record({
    uai: fc.constantFrom(UAI, OTHER_UAI),
    resourceTitle: fc.constantFrom('Maths 6e', 'MATHS 6ème', 'Atlas', 'Histoire – éd. 2024', 'Histoire', '—'),
    ark: fc.option(fc.constantFrom('ark:/1/a', 'ARK:/1/A', 'ark:/1/b'), { nil: undefined }),
    ean: fc.option(fc.constantFrom('9782091234564', '9782012345678'), { nil: undefined }),
    distributor: fc.option(fc.constantFrom('CAFÉINE', '123456789'), { nil: undefined }),
    quantity: fc.oneof(
      fc.record({ kind: fc.constant('global' as const), count: fc.constantFrom(1, 2, 'ILLIMITE' as const) }),
      fc.record({
        kind: fc.constant('parProfil' as const),
        counts: fc.record({ ELEVE: fc.nat(3), ENSEIGNANT: fc.nat(3) }, { requiredKeys: [] }),
      }),
    ),
    period: fc.constantFrom(
      { schoolYear: '2026-2027' },
      { schoolYear: '2027-2028' },
      { start: '2026-09-01', end: '2027-08-31' },
    ),
    reference: fc.option(fc.constantFrom('BC-1', ' bc-1', 'BC-2'), { nil: undefined }),
    createdAt: fc.constant(CREATED),
  })
  .map(
    (record) =>
      // Optional fields are absent, not undefined, as the store keeps them.
      Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Omit<
        ExpectedOrder,
        'id'
      >,
  );

const withIds = (prefix: string) => (orders: Omit<ExpectedOrder, 'id'>[]) =>
  orders.map((o, i) => ({ ...o, id: `${prefix}-${i}` }));

const storedOrders = fc.array(arbitraryOrder, { maxLength: 8 }).map(withIds('stored'));

/** An import as `ordersFromTable` gives it: no two lines are the same order. */
const importedLines = fc
  .array(arbitraryOrder, { maxLength: 8 })
  .map(withIds('line'))
  .map((lines) => {
    const kept: ExpectedOrder[] = [];
    for (const line of lines) if (!kept.some((other) => sameOrder(other, line))) kept.push(line);
    return kept;
  });

describe('mergeOrders — properties', () => {
  it('importing the same lines again changes nothing and finds each identical', () => {
    fc.assert(
      fc.property(storedOrders, importedLines, (stored, lines) => {
        const once = mergeOrders(stored, lines);
        const twice = mergeOrders(once.orders, readAgain(lines));
        expect(twice.orders).toEqual(once.orders);
        expect(counts(twice)).toEqual({ added: 0, updated: 0, identical: lines.length });
      }),
    );
  });

  it('accounts for every line once, keeps every stored order and writes only what it reports', () => {
    fc.assert(
      fc.property(storedOrders, importedLines, (stored, lines) => {
        const merge = mergeOrders(stored, lines);
        const { added, updated, identical } = counts(merge);
        expect(added + updated + identical).toBe(lines.length);
        expect(merge.orders.map((o) => o.id)).toEqual([...stored, ...merge.added].map((o) => o.id));
        expect(merge.changed).toHaveLength(added + updated);
        // Each line's content is in the result, under a stored id when it was a stored order.
        for (const line of lines) {
          expect(merge.orders).toContainEqual(
            expect.objectContaining({ ...line, id: expect.any(String), createdAt: expect.any(String) }),
          );
        }
      }),
    );
  });

  it('merges a school’s orders without touching another school’s', () => {
    fc.assert(
      fc.property(storedOrders, importedLines, (stored, lines) => {
        const merge = mergeOrders(stored, lines);
        const untouched = (uai: string) => (o: ExpectedOrder) =>
          o.uai === uai && !lines.some((line) => line.uai === uai);
        for (const uai of [UAI, OTHER_UAI]) {
          expect(merge.orders.filter(untouched(uai))).toEqual(stored.filter(untouched(uai)));
        }
      }),
    );
  });
});

describe('an order export imported twice', () => {
  const cell = fc.constantFrom('Maths 6e', 'Atlas', 'Histoire 5e', '');
  const row = fc.tuple(
    cell,
    fc.constantFrom('', 'ark:/1/a', 'ark:/1/b'),
    fc.constantFrom('30', '35,00', '1 200', '35,5', 'illimité', ''),
    fc.constantFrom('2026-2027', '2027-2028', ''),
    fc.constantFrom('', 'BC-1', 'bc-1', 'BC-2'),
  );

  it('gives the orders of one import, whatever the file and the orders already there', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), storedOrders, (rows, stored) => {
        const text = [
          'Titre;ARK;Quantité;Année scolaire;N° de commande',
          ...rows.map((r) => r.join(';')),
        ].join('\n');
        const table = readCsv(new TextEncoder().encode(text));
        if (!table.ok) return;
        const read = (now: string, prefix: string) => {
          let next = 0;
          return ordersFromTable(
            table.table,
            { resourceTitle: 0, ark: 1, quantity: 2, schoolYear: 3, reference: 4 },
            {
              uai: UAI,
              now: new Date(now),
              newId: () => `${prefix}-${next++}`,
            },
          ).orders;
        };
        const once = mergeOrders(stored, read('2026-06-01T08:00:00.000Z', 'first'));
        const again = read('2026-06-02T08:00:00.000Z', 'second');
        const twice = mergeOrders(once.orders, again);
        expect(twice.orders).toEqual(once.orders);
        expect(counts(twice)).toEqual({ added: 0, updated: 0, identical: again.length });
      }),
    );
  });
});
