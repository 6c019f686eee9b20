import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { describeError } from './describe-error';
import type { FeatureHealth } from './feature-health';
import { type MessageKey, t } from './i18n';
import { observe } from './observe';
import { watchAddress } from './page-address';
import { unavailableHere } from './page-health';

/**
 * The feature manager, after Refined GitHub: each injected helper is one file declaring where it
 * runs and an `init`. Every run gets an AbortSignal, aborted on in-page navigation and when the
 * extension is reloaded or removed; a feature that throws is recorded as failed and the others go
 * on; selectors a feature waited for and never saw are reported, so a console update that breaks
 * one helper shows up in the popup's health report instead of failing silently.
 */

export interface FeatureContext {
  signal: AbortSignal;
  url: URL;
  content: ContentScriptContext;
  /** Observes a host selector (from utils/hosts) and remembers whether it ever matched. */
  observe<E extends Element = Element>(selector: string, onMatch: (element: E) => void): void;
  /**
   * One answer per page run for work several features need (reading the school's subscriptions):
   * the first caller starts it, the others share its promise.
   */
  shared<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /**
   * A failure after `init` returned — an injected panel that crashed while the RA used it (its
   * error boundary calls this, see components/mount-shadow-ui.tsx): without it, the health report
   * would go on saying « ok » for a helper the RA sees broken.
   */
  fail(error: unknown): void;
}

/** A rule on the page's address: host knowledge, so its predicates come from utils/hosts. */
export type UrlPredicate = (url: URL) => boolean;

export interface FeatureDefinition {
  /**
   * The feature's file name (its folder's for `index.tsx`), e.g. `barre-compagnon`: a literal,
   * since bundled code cannot read its own file name; tests/unit/feature-catalog.test.ts checks it.
   */
  id: string;
  /** The catalogue key of what the options page shows next to the switch. */
  label: MessageKey;
  /** The feature runs where every predicate holds: at least one, saying which pages it is for. */
  include: readonly [UrlPredicate, ...UrlPredicate[]];
  /** …except where one of these holds. */
  exclude?: readonly UrlPredicate[];
  /**
   * The host profile's anchors (utils/hosts/profile/schema.ts) the feature reads on `url`: what the
   * « Diagnostic de compatibilité » counts for it.
   */
  anchors?(url: URL): readonly string[];
  init(context: FeatureContext): void | Promise<void>;
}

export interface RunOptions {
  url: URL;
  content: ContentScriptContext;
  signal: AbortSignal;
  disabled: ReadonlySet<string>;
  /** Shared between the features of one run (see FeatureContext.shared). */
  sharedWork?: Map<string, Promise<unknown>>;
  /** Hears a feature failing after its run's health was settled (see FeatureContext.fail). */
  onLateFailure?(health: FeatureHealth): void;
  root?: Document;
  now?: () => Date;
}

export function isApplicable(feature: FeatureDefinition, url: URL): boolean {
  const included = feature.include.every((predicate) => predicate(url));
  const excluded = (feature.exclude ?? []).some((predicate) => predicate(url));
  return included && !excluded;
}

/** Origin and path only: the query string of a console URL may name pupils. */
export function pageOf(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

export interface FeatureRun {
  health: FeatureHealth;
  /** Selectors observed so far that have not matched yet. */
  pendingSelectors(): string[];
}

export async function runFeature(feature: FeatureDefinition, options: RunOptions): Promise<FeatureRun> {
  const now = options.now ?? (() => new Date());
  const base = { featureId: feature.id, lastRunAt: now().toISOString(), url: pageOf(options.url) };
  const pending = new Set<string>();
  const work = options.sharedWork ?? new Map<string, Promise<unknown>>();
  let settled: FeatureRun | undefined;
  let failure: FeatureHealth | undefined;
  const done = (health: FeatureHealth): FeatureRun => {
    settled = { health, pendingSelectors: () => [...pending] };
    return settled;
  };
  const failed = (error: unknown): FeatureHealth => ({
    ...base,
    status: 'echec',
    error: describeError(error),
    unmatchedSelectors: [],
  });

  if (options.disabled.has(feature.id)) return done({ ...base, status: 'desactive', unmatchedSelectors: [] });
  if (!isApplicable(feature, options.url)) {
    return done({ ...base, status: 'nonApplicable', unmatchedSelectors: [] });
  }
  const context: FeatureContext = {
    signal: options.signal,
    url: options.url,
    content: options.content,
    shared: sharedIn(work),
    fail(error) {
      failure = failed(error);
      if (!settled) return;
      settled.health = failure;
      options.onLateFailure?.(failure);
    },
    observe(selector, onMatch) {
      pending.add(selector);
      observe(
        selector,
        (element) => {
          pending.delete(selector);
          onMatch(element as never);
        },
        { signal: options.signal, root: options.root },
      );
    },
  };
  try {
    await feature.init(context);
    return done(failure ?? { ...base, status: 'ok', unmatchedSelectors: [] });
  } catch (error) {
    return done(failed(error));
  }
}

/** Runs every feature in isolation and returns their health once each `init` has settled. */
export async function runFeatures(
  features: ReadonlyArray<FeatureDefinition>,
  options: RunOptions,
): Promise<FeatureRun[]> {
  const run = { ...options, sharedWork: options.sharedWork ?? new Map<string, Promise<unknown>>() };
  return Promise.all(features.map((feature) => runFeature(feature, run)));
}

/** The health to report after the grace period: selectors still unseen make a feature "indisponible". */
export function healthAfterGrace(run: FeatureRun): FeatureHealth {
  const unmatched = run.pendingSelectors();
  if (run.health.status !== 'ok' || unmatched.length === 0) return run.health;
  return {
    ...run.health,
    status: 'echec',
    error: t('featureManagerElementMissing'),
    unmatchedSelectors: unmatched,
  };
}

export interface ManagerOptions {
  features: ReadonlyArray<FeatureDefinition>;
  content: ContentScriptContext;
  loadDisabled(context: PrefetchContext): Promise<ReadonlySet<string>>;
  report(health: FeatureHealth[]): Promise<unknown>;
  /** How long a feature may wait for its selectors before they count as missing. */
  graceMs?: number;
  /**
   * Host-specific changes that call for a fresh run without a navigation — e.g. the RA switching
   * school in the console, which re-renders the page for another UAI at the same URL.
   */
  watchContext?(restart: () => void, signal: AbortSignal): void;
  /**
   * Starts the shared reads the features will need before their switches are even known, so the
   * host's answers arrive with the page's own rendering instead of one round trip later — badges
   * then land in the same layout and paint as the rows (npm run bench).
   */
  prefetch?(context: PrefetchContext): void;
  /**
   * Resolves once the host page shows the view of `url` — its address changed, and the content of
   * the new view rendered — so no helper decorates what the previous view left on screen.
   */
  settled?(url: URL, signal: AbortSignal): Promise<void>;
}

export type PrefetchContext = Pick<FeatureContext, 'shared' | 'signal' | 'url'>;

function sharedIn(work: Map<string, Promise<unknown>>): FeatureContext['shared'] {
  return <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    const existing = work.get(key);
    if (existing) return existing as Promise<T>;
    const started = compute();
    work.set(key, started);
    return started;
  };
}

/**
 * Starts the features on this page and again each time the RA reaches another view without
 * reloading it: a click on the site's tabs and links, back and forward, a school switch. Each run
 * is for the address the page really shows (see page-address.ts) and starts once that view has
 * rendered; the previous run's signal is aborted first, so its UI, observers and reads go with it.
 */
export function startFeatureManager(options: ManagerOptions): void {
  const { content, graceMs = 5000 } = options;
  let current: AbortController | undefined;

  const start = async (url: URL): Promise<void> => {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    // Aborted by the next navigation, or by the extension being reloaded or removed.
    const signal = AbortSignal.any([controller.signal, content.signal]);
    const sharedWork = new Map<string, Promise<unknown>>();
    const early: PrefetchContext = { shared: sharedIn(sharedWork), signal, url };
    options.prefetch?.(early);
    const [disabled] = await Promise.all([
      options.loadDisabled(early).catch(() => new Set<string>()),
      options.settled?.(url, signal),
    ]);
    // A newer run took over meanwhile (the console sets its school just after loading, see
    // watchContext): leave the page to it instead of running features for nothing.
    if (signal.aborted) return;
    unavailableHere.value = [];
    // A helper that breaks later, in the RA's hands, is reported then (see FeatureContext.fail).
    const onLateFailure = (health: FeatureHealth): void => {
      showFailed(health);
      options.report([health]).catch(() => undefined);
    };
    const runs = await runFeatures(options.features, {
      url,
      content,
      signal,
      disabled,
      sharedWork,
      onLateFailure,
    });
    // An interrupted run's failures (its requests were cancelled) say nothing about the page.
    if (signal.aborted) return;
    showUnavailable(runs.map((run) => run.health));
    await options.report(runs.map((run) => run.health)).catch(() => undefined);
    content.setTimeout(() => {
      if (signal.aborted) return;
      const late = runs.filter((run) => run.pendingSelectors().length > 0);
      if (late.length === 0) return;
      showUnavailable(runs.map(healthAfterGrace));
      options.report(late.map(healthAfterGrace)).catch(() => undefined);
    }, graceMs);
  };

  const labels = new Map(options.features.map((feature) => [feature.id, feature.label]));
  const showUnavailable = (health: readonly FeatureHealth[]): void => {
    unavailableHere.value = health
      .filter((entry) => entry.status === 'echec')
      .flatMap((entry) => labels.get(entry.featureId) ?? []);
  };
  const showFailed = (health: FeatureHealth): void => {
    const label = labels.get(health.featureId);
    if (label && !unavailableHere.value.includes(label))
      unavailableHere.value = [...unavailableHere.value, label];
  };

  const address = watchAddress(content, (url) => void start(url));
  options.watchContext?.(() => void start(address.current()), content.signal);
  void start(address.current());
}
