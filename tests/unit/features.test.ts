import { describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { FeatureHealth } from '../../utils/feature-health';
import {
  type FeatureDefinition,
  healthAfterGrace,
  isApplicable,
  pageOf,
  type RunOptions,
  runFeatures,
  startFeatureManager,
} from '../../utils/features';
import { speak } from './speak';

const NOW = new Date('2026-09-01T08:00:00+02:00');

function options(overrides: Partial<RunOptions> = {}): RunOptions {
  return {
    url: new URL('https://affectation.gar.education.fr/ressources?eleve=Dupont'),
    content: {} as ContentScriptContext,
    signal: new AbortController().signal,
    disabled: new Set(),
    now: () => NOW,
    ...overrides,
  };
}

function feature(
  id: string,
  init: FeatureDefinition['init'],
  extra: Partial<FeatureDefinition> = {},
): FeatureDefinition {
  return { id, label: 'featureBarreCompagnon', include: [() => true], init, ...extra };
}

describe('the feature manager', () => {
  it('isolates a failing feature: the others still run and report ok', async () => {
    const ran: string[] = [];
    const runs = await runFeatures(
      [
        feature('casse', () => {
          throw new Error('Sélecteur introuvable');
        }),
        feature('saine', () => {
          ran.push('saine');
        }),
      ],
      options(),
    );
    expect(ran).toEqual(['saine']);
    expect(runs.map((run) => [run.health.featureId, run.health.status, run.health.error])).toEqual([
      ['casse', 'echec', 'Sélecteur introuvable'],
      ['saine', 'ok', undefined],
    ]);
  });

  it('does not run a feature the RA switched off', async () => {
    let ran = false;
    const [run] = await runFeatures(
      [
        feature('badges', () => {
          ran = true;
        }),
      ],
      options({ disabled: new Set(['badges']) }),
    );
    expect(ran).toBe(false);
    expect(run?.health.status).toBe('desactive');
  });

  it('honours include and exclude predicates', () => {
    const onResources = feature('x', () => undefined, {
      include: [(url) => url.pathname.startsWith('/ressources')],
      exclude: [(url) => url.searchParams.has('impression')],
    });
    expect(isApplicable(onResources, new URL('https://a.gar.education.fr/ressources'))).toBe(true);
    expect(isApplicable(onResources, new URL('https://a.gar.education.fr/population'))).toBe(false);
    expect(isApplicable(onResources, new URL('https://a.gar.education.fr/ressources?impression=1'))).toBe(
      false,
    );
  });

  it('reports a non-applicable feature without running it', async () => {
    const [run] = await runFeatures(
      [feature('x', () => Promise.reject(new Error('ne doit pas tourner')), { include: [() => false] })],
      options(),
    );
    expect(run?.health.status).toBe('nonApplicable');
  });

  it('keeps the query string out of the health report (it may name pupils)', async () => {
    const [run] = await runFeatures([feature('x', () => undefined)], options());
    expect(run?.health.url).toBe('https://affectation.gar.education.fr/ressources');
    expect(pageOf(new URL('https://p.gar.education.fr/a/b?c=d#e'))).toBe('https://p.gar.education.fr/a/b');
    expect(run?.health.lastRunAt).toBe(NOW.toISOString());
  });

  it('marks a feature unavailable when a selector it waits for never matches', async () => {
    document.body.innerHTML = '<table id="ressources"></table>';
    const [run] = await runFeatures(
      [
        feature('badges', ({ observe }) => {
          observe('#ressources', () => undefined);
          observe('.ligne-ressource-v9', () => undefined);
        }),
      ],
      options(),
    );
    if (!run) throw new Error('no run');
    const health = healthAfterGrace(run);
    expect(health.status).toBe('echec');
    expect(health.unmatchedSelectors).toEqual(['.ligne-ressource-v9']);
    expect(health.error).toBe('Élément de la page introuvable : la console a peut-être changé.');
    speak('en');
    expect(healthAfterGrace(run).error).toBe('Page element not found: the console may have changed.');
  });

  it('gives every run the same abort signal, so navigation tears features down', async () => {
    const controller = new AbortController();
    let received: AbortSignal | undefined;
    await runFeatures(
      [
        feature('x', ({ signal }) => {
          received = signal;
        }),
      ],
      options({ signal: controller.signal }),
    );
    controller.abort();
    expect(received?.aborted).toBe(true);
  });

  it('lets the features of one run share work: computed once, whoever asks first', async () => {
    let reads = 0;
    const read = async (): Promise<string> => {
      reads++;
      return 'abonnements';
    };
    const seen: string[] = [];
    await runFeatures(
      [
        feature('memoire', async ({ shared }) => {
          seen.push(await shared('abonnements', read));
        }),
        feature('badges', async ({ shared }) => {
          seen.push(await shared('abonnements', read));
        }),
      ],
      options(),
    );
    expect(reads).toBe(1);
    expect(seen).toEqual(['abonnements', 'abonnements']);
  });
});

describe('the feature manager on a page', () => {
  /** Enough of WXT's context for the manager: no navigation events, no grace-period report. */
  const content = {
    signal: new AbortController().signal,
    addEventListener: () => undefined,
    setTimeout: () => 0,
  } as unknown as ContentScriptContext;

  /** Starts the manager; `restart` stands for the console setting its school just after loading. */
  function start(features: FeatureDefinition[], loadDisabled: () => Promise<ReadonlySet<string>>) {
    const reports: FeatureHealth[][] = [];
    let restart = (): void => undefined;
    startFeatureManager({
      features,
      content,
      loadDisabled,
      report: async (health) => {
        reports.push(health);
      },
      watchContext: (onChange) => {
        restart = onChange;
      },
    });
    return { reports, restart: () => restart() };
  }

  it('leaves the page to a newer run that started while the switches were read', async () => {
    const ran: string[] = [];
    const switches: Array<() => void> = [];
    const { reports, restart } = start(
      [feature('barre', () => void ran.push('barre'))],
      () => new Promise((resolve) => switches.push(() => resolve(new Set()))),
    );
    restart();
    for (const answer of switches) answer();
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    expect(ran).toEqual(['barre']);
  });

  it('does not report the failures of a run interrupted while its features started', async () => {
    // Each run's init waits; once released, the interrupted one fails as a cancelled request would.
    const inits: Array<() => void> = [];
    const { reports, restart } = start(
      [
        feature(
          'badges',
          ({ signal }) =>
            new Promise<void>((resolve, reject) => {
              inits.push(() => (signal.aborted ? reject(new Error('interrompue')) : resolve()));
            }),
        ),
      ],
      async () => new Set(),
    );
    await vi.waitFor(() => expect(inits).toHaveLength(1));
    restart();
    await vi.waitFor(() => expect(inits).toHaveLength(2));
    for (const release of inits) release();
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(reports).toHaveLength(1);
    expect(reports[0]?.map((health) => health.status)).toEqual(['ok']);
  });
});

describe('the feature manager after in-page navigation', () => {
  /** WXT's context with real window listeners and timers, as on a page. */
  const content = {
    signal: new AbortController().signal,
    addEventListener: (target: EventTarget, type: string, handler: EventListener) =>
      target.addEventListener(type, handler),
    setTimeout: (handler: () => void, ms?: number) => window.setTimeout(handler, ms),
  } as unknown as ContentScriptContext;

  it('runs each helper once, for the address the page shows and after its view has rendered', async () => {
    history.replaceState(null, '', '/tableau-de-bord');
    const runs: string[] = [];
    const views: Array<() => void> = [];
    startFeatureManager({
      features: [feature('vue', ({ url }) => void runs.push(url.pathname))],
      content,
      loadDisabled: async () => new Set(),
      report: async () => undefined,
      // The view renders when the test says so.
      settled: () => new Promise<void>((resolve) => views.push(resolve)),
    });
    await vi.waitFor(() => expect(views).toHaveLength(1));
    views[0]?.();
    await vi.waitFor(() => expect(runs).toEqual(['/tableau-de-bord']));

    // As WXT raises it: the event first, the address a moment later (pushState returns).
    window.dispatchEvent(new Event('wxt:locationchange'));
    history.pushState(null, '', '/ressources');
    await vi.waitFor(() => expect(views).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs).toEqual(['/tableau-de-bord']);
    views[1]?.();
    await vi.waitFor(() => expect(runs).toEqual(['/tableau-de-bord', '/ressources']));

    // A download link raises the event but leaves the page where it is: nothing runs again.
    window.dispatchEvent(new Event('wxt:locationchange'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(views).toHaveLength(2);
    expect(runs).toEqual(['/tableau-de-bord', '/ressources']);
  });
});
