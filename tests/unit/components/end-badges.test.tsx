import { afterEach, describe, expect, it, vi } from 'vitest';
import { endBadgesFeature } from '../../../components/features/end-badges';
import { settingsSchema } from '../../../utils/gar/settings';
import { CONSOLE_SELECTORS, rowEndDate, subscriptionIdOf } from '../../../utils/hosts/console/page';
import { HostError } from '../../../utils/hosts/errors';
import { contextOn } from './feature-context';

// The console's API is down: the school's subscriptions cannot be read.
vi.mock('../../../utils/hosts/school-subscriptions', () => ({
  schoolSubscriptions: async () => {
    throw new HostError('serveur', 'panne');
  },
}));
vi.mock('../../../utils/client', () => ({ settingsOnce: async () => settingsSchema.parse({}) }));

const PAGE = `<table data-gar-table="ressources"><tbody>
  <tr data-id-abonnement="A1"><th scope="row">Atlas</th><td data-gar-fin="2020-06-30T21:59:59.000Z">30/06/2020</td></tr>
  <tr data-id-abonnement="A2"><th scope="row">Manuel</th><td data-gar-fin="">—</td></tr>
</tbody></table>`;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('end badges when the API read fails', () => {
  const feature = (pageEndDateOf?: typeof rowEndDate) =>
    endBadgesFeature({
      id: 'badges-fin',
      label: 'featureBadgesFin',
      selectors: CONSOLE_SELECTORS,
      anchorOf: () => 'resourceRowEnd',
      subscriptionIdOf,
      ...(pageEndDateOf && { pageEndDateOf }),
    });

  it('read the end-date column the page shows instead', async () => {
    document.body.innerHTML = PAGE;
    await feature(rowEndDate).init(contextOn('https://affectation.gar.education.fr/ressources'));
    const badges = document.querySelectorAll('[data-cg-fin-hote]');
    expect(badges).toHaveLength(1);
    expect(badges[0]?.getAttribute('data-cg-fin-hote')).toBe('expire');
    expect(badges[0]?.closest('tr')?.getAttribute('data-id-abonnement')).toBe('A1');
  });

  it('fail, and say so, where the page shows no date to read', async () => {
    document.body.innerHTML = PAGE;
    await expect(
      feature().init(contextOn('https://affectation.gar.education.fr/ressources')),
    ).rejects.toThrow();
    expect(document.querySelectorAll('[data-cg-fin-hote]')).toHaveLength(0);
  });
});
