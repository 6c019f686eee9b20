import type { FeatureContext } from '../../../utils/features';

/** Enough of a run's context for one feature: `observe` sees what the page holds now. */
export function contextOn(url: string): FeatureContext {
  return {
    signal: new AbortController().signal,
    url: new URL(url),
    observe: (selector: string, onMatch: (element: Element) => void) => {
      for (const element of document.querySelectorAll(selector)) onMatch(element);
    },
  } as unknown as FeatureContext;
}
