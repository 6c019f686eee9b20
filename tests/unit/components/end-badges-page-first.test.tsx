import { afterEach, describe, expect, it, vi } from 'vitest';
import { endBadgesFeature } from '../../../components/features/end-badges';
import type { ConsoleSubscription } from '../../../utils/gar/school';
import { settingsSchema } from '../../../utils/gar/settings';
import {
  CONSOLE_SELECTORS,
  rowEndDate,
  rowStartDate,
  subscriptionIdOf,
} from '../../../utils/hosts/console/page';
import { abonnement, counts } from '../store/fixtures';
import { contextOn } from './feature-context';

// The console's API answers when the test says so: after the page has shown its rows.
const api = vi.hoisted(() => {
  let answer: (subscriptions: unknown[]) => void = () => undefined;
  return {
    pending: () => new Promise<unknown[]>((resolve) => (answer = resolve)),
    answer: (subscriptions: unknown[]) => answer(subscriptions),
  };
});
vi.mock('../../../utils/hosts/school-subscriptions', () => ({
  schoolSubscriptions: async () => ({ uai: '0750001A', subscriptions: await api.pending() }),
}));
vi.mock('../../../utils/client', () => ({ settingsOnce: async () => settingsSchema.parse({}) }));

const IN_TEN_DAYS = new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString();
const NEXT_YEAR = new Date(Date.now() + 400 * 24 * 3600 * 1000).toISOString();

/**
 * Five rows: the API agrees on A1, says A2 has not started yet, does not know A3, gives A4 the
 * end date the page does not show, and agrees with the start date the page shows for A5.
 */
const PAGE = `<table data-gar-table="ressources"><tbody>
  <tr data-id-abonnement="A1"><th scope="row">Atlas</th><td data-gar-fin="${IN_TEN_DAYS}">…</td></tr>
  <tr data-id-abonnement="A2"><th scope="row">Manuel</th><td data-gar-fin="${NEXT_YEAR}">…</td></tr>
  <tr data-id-abonnement="A3"><th scope="row">Retiré</th><td data-gar-fin="${NEXT_YEAR}">…</td></tr>
  <tr data-id-abonnement="A4"><th scope="row">Sans date</th><td data-gar-fin="">—</td></tr>
  <tr data-id-abonnement="A5"><th scope="row">Rentrée</th><td data-gar-debut="${NEXT_YEAR}">…</td><td data-gar-fin="${NEXT_YEAR}">…</td></tr>
</tbody></table>`;

function subscription(id: string, debutValidite: string, finValidite: string): ConsoleSubscription {
  return {
    abonnement: abonnement({ idAbonnement: id, debutValidite, finValidite, anneeFinValidite: undefined }),
    compteurs: counts(),
    version: 1,
  };
}

const badgeOf = (id: string): HTMLElement | null =>
  document.querySelector<HTMLElement>(`tr[data-id-abonnement="${id}"] [data-cg-fin]`);

afterEach(() => {
  document.body.innerHTML = '';
});

describe('end badges from the page first, then from the API', () => {
  const feature = endBadgesFeature({
    id: 'badges-fin',
    label: 'featureBadgesFin',
    selectors: CONSOLE_SELECTORS,
    anchorOf: () => 'resourceRowEnd',
    subscriptionIdOf,
    pageEndDateOf: rowEndDate,
    pageStartDateOf: rowStartDate,
  });

  it('badge every row from its shown end date before the API answers, then say what the API knows', async () => {
    document.body.innerHTML = PAGE;
    const run = feature.init(contextOn('https://affectation.gar.education.fr/ressources'));
    // The settings are read, then the rows badged: nothing from the API yet.
    await vi.waitFor(() => expect(document.querySelectorAll('[data-cg-fin-hote]')).toHaveLength(4));
    expect(badgeOf('A1')?.getAttribute('data-cg-fin')).toBe('urgent');
    // The start date the page shows is read too: the API will not change these words (no second
    // layout of the table when it answers).
    expect(badgeOf('A5')?.getAttribute('data-cg-fin')).toBe('pasEncoreActif');
    const notStartedBefore = badgeOf('A5')?.textContent;
    expect(badgeOf('A1')?.title).not.toMatch(/22/);
    const wordsBefore = badgeOf('A1')?.textContent;

    api.answer([
      subscription('A1', '2025-09-01T00:00:00.000+02:00', IN_TEN_DAYS),
      subscription('A2', NEXT_YEAR, NEXT_YEAR),
      subscription('A4', '2025-09-01T00:00:00.000+02:00', IN_TEN_DAYS),
      subscription('A5', NEXT_YEAR, NEXT_YEAR),
    ]);
    await run;

    // Same words, the licences in the tooltip.
    expect(badgeOf('A1')?.textContent).toBe(wordsBefore);
    expect(badgeOf('A1')?.title).toMatch(/22/);
    // The API's start date changes what the badge says.
    expect(badgeOf('A2')?.getAttribute('data-cg-fin')).toBe('pasEncoreActif');
    expect(
      document
        .querySelector('tr[data-id-abonnement="A2"] [data-cg-fin-hote]')
        ?.getAttribute('data-cg-fin-hote'),
    ).toBe('pasEncoreActif');
    // A row the API does not list loses the badge the page's date gave it, as before.
    expect(document.querySelector('tr[data-id-abonnement="A3"] [data-cg-fin-hote]')).toBeNull();
    // A row the page shows no date for gets its badge from the API.
    expect(badgeOf('A4')?.getAttribute('data-cg-fin')).toBe('urgent');
    expect(badgeOf('A5')?.textContent).toBe(notStartedBefore);
    expect(document.querySelectorAll('[data-cg-fin-hote]')).toHaveLength(4);
  });
});
