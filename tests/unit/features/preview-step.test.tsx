import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { PreviewStep } from '../../../entrypoints/console.content/features/affectation-groupee/PreviewStep';
import type {
  BulkState,
  School,
  Step,
} from '../../../entrypoints/console.content/features/affectation-groupee/state';
import { planAssignment } from '../../../utils/gar/assignment-plan';
import type { ConsoleSubscription, SchoolPopulation } from '../../../utils/gar/school';
import { indexPopulation } from '../../../utils/gar/targets';
import { sampleAbonnement } from '../abonnement-fixture';
import { person } from '../gar/person-fixture';

/** The preview's card of a subscription short of licences, refused whole or served until exhausted. */

beforeEach(() => {
  // The catalogue's keys stand for its texts; the substitution is kept to check the figures.
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(
    ((key: string, substitutions?: string[]) =>
      `${key}(${(substitutions ?? []).join('|')})`) as typeof browser.i18n.getMessage,
  );
});

afterEach(() => {
  vi.restoreAllMocks();
  render(null, document.body);
  document.body.innerHTML = '';
});

const population: SchoolPopulation = {
  divisions: [{ code: '5A', libelle: '5e A', effectif: 3 }],
  groupes: [],
  mefs: [],
  matieres: [],
  personnes: ['Blanc', 'Faure', 'Martin'].map((nom, i) =>
    person(`ELV-${i}`, nom, 'Léa', 'ELEVE', { divisions: ['5A'] }),
  ),
};
const index = indexPopulation(population);
/** Two licences for three pupils. */
const maths: ConsoleSubscription = {
  abonnement: sampleAbonnement({ idAbonnement: 'ABO-MATHS', licences: { kind: 'global', count: 2 } }),
  compteurs: { GLOBAL: { achetees: 2, affectees: 0, verrouillees: 0, disponibles: 2 } },
  version: 1,
};

function showPreview(jusquAEpuisement: boolean): HTMLElement | null {
  const plan = planAssignment({
    subscriptions: [maths],
    holders: new Map(),
    index,
    cibles: [{ type: 'division', code: '5A' }],
    now: new Date('2026-10-01T10:00:00+02:00'),
    jusquAEpuisement,
  });
  const step: Extract<Step, { kind: 'apercu' }> = {
    kind: 'apercu',
    fresh: { plan, subscriptions: [maths], holdings: { holders: new Map(), versions: new Map() }, index },
    jusquAEpuisement,
    replan: () => Promise.reject(new Error('not read again in this test')),
  };
  const state = { capsExceeded: () => [] } as unknown as BulkState;
  const school: School = { uai: '0561622J', index, subscriptions: [maths] };
  render(<PreviewStep state={state} school={school} step={step} />, document.body);
  return document.querySelector('[data-cg-apercu="ABO-MATHS"] [data-cg-manque]');
}

describe('PreviewStep — a subscription short of licences', () => {
  it('refused whole by default: says nothing will be assigned on it', () => {
    expect(showPreview(false)?.textContent).toContain('bulkMissing(');
  });

  it('served until exhausted: says who is left without, not that nothing will be assigned', () => {
    const alert = showPreview(true)?.textContent ?? '';
    expect(alert).toContain('bulkMissingUntilExhausted(');
    expect(alert).not.toContain('bulkMissing(');
    expect(document.querySelector('[data-cg-total]')?.getAttribute('data-cg-total')).toBe('2');
  });
});
