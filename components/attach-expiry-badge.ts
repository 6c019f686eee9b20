import type { Expiry } from '../utils/gar/expiry';
import { EXPIRY_ICONS } from './ExpiryBadge';

/**
 * A badge placed inside a row of the host page, in its own small open shadow root so the page's
 * styles cannot reach it. Hundreds of rows share one constructed stylesheet and are built with
 * plain DOM calls — the same markup as <ExpiryBadge>, without a renderer per row (see npm run
 * bench). Marked with `data-cg-fin-hote` so a second run never adds a second badge.
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
  const badge = target.ownerDocument.createElement('span');
  badge.className = `cg-fin cg-fin--${expiry.tone}`;
  badge.title = expiry.detail;
  badge.dataset.cgFin = expiry.tone;
  const icon = target.ownerDocument.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = EXPIRY_ICONS[expiry.tone];
  badge.append(icon, ` ${expiry.label}`);
  shadow.append(badge);
  target.append(host);
  signal.addEventListener('abort', () => host.remove(), { once: true });
}
