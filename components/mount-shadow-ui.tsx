import { type ComponentChildren, render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type {
  ContentScriptAnchoredOptions,
  ContentScriptPositioningOptions,
} from 'wxt/utils/content-script-ui/types';
import { ErrorBoundary } from './ErrorBoundary';
import injectedCss from './injected.css?inline';

/**
 * The helpers' stylesheet, bundled as text and given to every shadow root. WXT's `ui` mode would
 * fetch it at each mount instead: a network turn that let the console paint its table first, so
 * each panel arrived in a frame of its own and made the browser lay out and paint the whole table
 * again (npm run bench, « console »). As text, a panel whose data is ready mounts in the same
 * turn as the page's rows. `:root` rules apply to the shadow root's host, as WXT does.
 */
const SHADOW_CSS = injectedCss.replaceAll(':root', ':host');

export type MountOptions = ContentScriptPositioningOptions &
  ContentScriptAnchoredOptions & {
    /** The custom element hosting the shadow root; kebab-case, prefixed `cg-`. */
    name: `cg-${string}`;
    label: string;
    signal: AbortSignal;
    /**
     * Hears a crash of the mounted view: the feature's `context.fail`, so that the health report
     * says « echec » for a helper the RA sees « indisponible ». Required: a panel that forgets it
     * would crash and still be reported « ok ».
     */
    onError: (error: unknown) => void;
  };

/**
 * Renders Preact inside an open shadow root (so the console's styles cannot reach it and
 * Playwright can), stops key events from reaching the console's shortcuts, removes the UI when
 * the feature's run is aborted, and turns a crash of the view into an « indisponible » notice and
 * a failure of the feature (onError).
 */
export async function mountShadowUi(
  content: ContentScriptContext,
  options: MountOptions,
  view: () => ComponentChildren,
): Promise<void> {
  const { name, label, signal, onError, ...placement } = options;
  const ui = await createShadowRootUi(content, {
    ...placement,
    name,
    mode: 'open',
    css: SHADOW_CSS,
    isolateEvents: true,
    onMount(container) {
      render(
        <ErrorBoundary label={label} onError={onError}>
          {view()}
        </ErrorBoundary>,
        container,
      );
    },
    onRemove(container) {
      if (container) render(null, container);
    },
  });
  if (signal.aborted) return;
  ui.mount();
  signal.addEventListener('abort', () => ui.remove());
}
