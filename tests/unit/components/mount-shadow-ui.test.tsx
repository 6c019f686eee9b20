import { useState } from 'preact/hooks';
import { describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountShadowUi } from '../../../components/mount-shadow-ui';
import type { FeatureHealth } from '../../../utils/feature-health';
import { type FeatureDefinition, startFeatureManager } from '../../../utils/features';
import { unavailableHere } from '../../../utils/page-health';

/** Enough of WXT's context for the manager and for a shadow root: no navigation, no grace report. */
const content = {
  signal: new AbortController().signal,
  options: {},
  addEventListener: () => undefined,
  setTimeout: () => 0,
  onInvalidated: () => undefined,
} as unknown as ContentScriptContext;

/** A panel that works when mounted and breaks when the RA presses its button. */
function FragilePanel() {
  const [broken, setBroken] = useState(false);
  if (broken) throw new Error('Panneau cassé');
  return (
    <button type="button" onClick={() => setBroken(true)}>
      Casser
    </button>
  );
}

const fragile: FeatureDefinition = {
  id: 'livraisons',
  label: 'featureLivraisons',
  include: [() => true],
  async init(context) {
    await mountShadowUi(
      context.content,
      {
        name: 'cg-fragile',
        label: 'Livraisons',
        anchor: 'body',
        append: 'last',
        position: 'inline',
        signal: context.signal,
        onError: context.fail,
      },
      () => <FragilePanel />,
    );
  },
};

function shadowOf(name: string): ShadowRoot {
  const root = document.querySelector(name)?.shadowRoot;
  if (!root) throw new Error(`no ${name}`);
  return root;
}

describe('a mounted panel that crashes after its feature started', () => {
  it('reports the feature as failed, with the error, and shows it unavailable in place', async () => {
    document.body.innerHTML = '';
    const reports: FeatureHealth[][] = [];
    startFeatureManager({
      features: [fragile],
      content,
      loadDisabled: async () => new Set(),
      report: async (health) => {
        reports.push(health);
      },
    });
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    expect(reports[0]?.map((health) => health.status)).toEqual(['ok']);

    shadowOf('cg-fragile').querySelector('button')?.click();

    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports[1]?.map(({ featureId, status, error }) => ({ featureId, status, error }))).toEqual([
      { featureId: 'livraisons', status: 'echec', error: 'Panneau cassé' },
    ]);
    expect(shadowOf('cg-fragile').textContent).toContain('Livraisons : aide indisponible pour le moment.');
    expect(unavailableHere.value).toEqual(['featureLivraisons']);
  });
});
