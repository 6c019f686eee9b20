import { render } from 'preact';
import type { Expiry } from '../utils/gar/expiry';
import { ExpiryBadge } from './ExpiryBadge';

/**
 * A badge placed inside a row of the host page, in its own small open shadow root so the page's
 * styles cannot reach it. Dozens of rows share one constructed stylesheet: cheaper than a full
 * WXT UI per row. Marked with `data-cg-fin-hote` so a second run never adds a second badge.
 */

const BADGE_CSS = `
:host { display: inline-block; margin-left: 6px; vertical-align: middle; }
.cg-fin { display: inline-flex; gap: 4px; align-items: center; padding: 1px 8px; font: 12px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; white-space: nowrap; border: 1px solid currentColor; border-radius: 10px; }
.cg-fin--expire { color: #b3261e; background: #fdecea; }
.cg-fin--urgent { color: #8a4b00; background: #fff4e0; }
.cg-fin--proche { color: #5c4a00; background: #fffbe6; }
.cg-fin--lointain { color: #17703a; background: #eaf6ee; }
.cg-fin--pasEncoreActif, .cg-fin--sansFin { color: #4a4a4a; background: #f4f5fa; }
`;

let sheet: CSSStyleSheet | undefined;

function badgeSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(BADGE_CSS);
  }
  return sheet;
}

export const BADGE_HOST_ATTRIBUTE = 'data-cg-fin-hote';

export function attachExpiryBadge(target: Element, expiry: Expiry, signal: AbortSignal): void {
  if (signal.aborted || target.querySelector(`[${BADGE_HOST_ATTRIBUTE}]`)) return;
  const host = target.ownerDocument.createElement('span');
  host.setAttribute(BADGE_HOST_ATTRIBUTE, expiry.tone);
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = [badgeSheet()];
  render(<ExpiryBadge expiry={expiry} />, shadow);
  target.append(host);
  signal.addEventListener('abort', () => host.remove(), { once: true });
}
