import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import {
  DeliveriesPanel,
  type DeliveryPorts,
} from '../../../entrypoints/console.content/features/livraisons/DeliveriesPanel';
import {
  SyncPanel,
  type SyncPorts,
} from '../../../entrypoints/console.content/features/verification-ent/SyncPanel';
import type { ExpectedOrder } from '../../../utils/gar/expected-order';
import type { SchoolPopulation } from '../../../utils/gar/school';
import { person } from '../gar/person-fixture';

/** The dashboard's two rentrée panels, rendered alone (texts are their catalogue keys here). */

beforeEach(() => {
  vi.spyOn(browser.i18n, 'getMessage').mockReturnValue('');
});

afterEach(() => {
  vi.restoreAllMocks();
  render(null, document.body);
  document.body.innerHTML = '';
});

const flush = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

function button(text: string): HTMLButtonElement {
  const found = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button « ${text} »`);
  return found;
}

describe('DeliveriesPanel with no order yet', () => {
  it('« Ouvrir les réglages » opens them at the orders, where its sentence sends the RA', async () => {
    const openOptions = vi.fn();
    const ports: DeliveryPorts = {
      uai: '0561622J',
      subscriptions: async () => [],
      orders: async () => [],
      school: async () => null,
      decide: async () => undefined,
      openOptions,
    };
    await act(() => render(<DeliveriesPanel ports={ports} />, document.body));
    await vi.waitFor(() => expect(document.body.textContent).toContain('deliveryNoOrders'));
    await act(() => button('deliveryOpenOptions').click());
    expect(openOptions).toHaveBeenCalledWith('commandes');
  });

  it('checks the orders again when the RA comes back to the tab (they were imported in another one)', async () => {
    const stored: ExpectedOrder[] = [];
    const ports: DeliveryPorts = {
      uai: '0561622J',
      subscriptions: async () => [],
      orders: async () => [...stored],
      school: async () => null,
      decide: async () => undefined,
      openOptions: () => undefined,
    };
    await act(() => render(<DeliveriesPanel ports={ports} />, document.body));
    await vi.waitFor(() => expect(document.body.textContent).toContain('deliveryNoOrders'));
    stored.push({
      id: 'commande-1',
      uai: '0561622J',
      resourceTitle: 'Dictionnaire Hachette collège',
      quantity: { kind: 'global', count: 30 },
      period: { schoolYear: '2026-2027' },
      createdAt: '2026-09-01T08:00:00.000Z',
    });
    await act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await vi.waitFor(() =>
      expect(document.querySelector('[data-cg-livraison="nonLivre"]')?.textContent).toContain(
        'Dictionnaire Hachette collège',
      ),
    );
    expect(document.body.textContent).not.toContain('deliveryNoOrders');
  });
});

function syncPorts(population: SchoolPopulation): SyncPorts {
  return {
    uai: '0561622J',
    population: async () => population,
    school: async () => null,
    recordCheck: async () => ({ previous: null }),
    saveExpectations: async () => undefined,
    now: () => new Date('2026-09-01T08:00:00+02:00'),
  };
}

const staff = [
  person('P1', 'Durand', 'Paul', 'ENSEIGNANT'),
  person('D1', 'Le Goff', 'Anne', 'DOCUMENTALISTE'),
  person('A1', 'Petit', 'Marc', 'AUTRE PERSONNEL'),
];

describe('SyncPanel', () => {
  it('gives the ENT administrator one message with every finding', async () => {
    const population: SchoolPopulation = {
      divisions: [
        { code: '5A', libelle: '5e A', effectif: 1 },
        { code: '5E', libelle: '5e E', effectif: 0 },
      ],
      groupes: [{ code: 'CLUB-ECHECS', libelle: 'Club', divisions: [], effectif: 0 }],
      mefs: [],
      matieres: [],
      personnes: [person('E1', 'Martin', 'Léa', 'ELEVE', { divisions: ['5A'] }), ...staff],
    };
    render(<SyncPanel ports={syncPorts(population)} />, document.body);
    await act(() => button('syncRun').click());
    await flush();
    const findings = [...document.querySelectorAll('[data-cg-constat]')].map((li) =>
      li.getAttribute('data-cg-constat'),
    );
    expect(findings).toEqual(['divisionVide', 'groupeVide']);
    const message = document.querySelector<HTMLTextAreaElement>('[data-cg-message-pret] textarea');
    // The message is sync-check's (its words are tested there): here, one line per finding.
    expect(message?.value).toMatch(/^syncCheckSubject\n/);
    expect(message?.value).toContain('- syncCheckEmptyDivision\n');
    expect(message?.value).toContain('- syncCheckEmptyGroup\n');
  });

  it('has no message to send when the ENT brought everything', async () => {
    const population: SchoolPopulation = {
      divisions: [{ code: '5A', libelle: '5e A', effectif: 1 }],
      groupes: [],
      mefs: [],
      matieres: [],
      personnes: [person('E1', 'Martin', 'Léa', 'ELEVE', { divisions: ['5A'] }), ...staff],
    };
    render(<SyncPanel ports={syncPorts(population)} />, document.body);
    await act(() => button('syncRun').click());
    await flush();
    expect(document.querySelector('[data-cg-synchro-ok]')).not.toBeNull();
    expect(document.querySelector('[data-cg-message-pret]')).toBeNull();
  });
});
