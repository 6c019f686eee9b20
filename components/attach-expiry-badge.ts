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
.cg-fin--conforme { color: #17703a; background: #eaf6ee; }
.cg-fin--ecart { color: #1f4fbf; background: #eef2fc; }
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

/** What a row badge says: its tone (a CSS modifier), icon and words, and the tooltip. */
export interface RowBadge {
  tone: string;
  icon: string;
  label: string;
  detail: string;
}

/** A badge in the page, to change or take away (when what it says is known better). */
export interface AttachedBadge {
  update(badge: RowBadge): void;
  remove(): void;
}

/**
 * Appends a badge to a host element once per `hostAttribute` (a second run adds nothing), in its
 * own shadow root; removed when the run is aborted. `dataName` marks the badge itself for tests
 * and for the page's own styles to leave alone. Returns the badge, unless none was added.
 */
export function attachRowBadge(
  target: Element,
  badge: RowBadge,
  signal: AbortSignal,
  { hostAttribute, dataName }: { hostAttribute: string; dataName: string },
): AttachedBadge | undefined {
  if (signal.aborted || target.querySelector(`[${hostAttribute}]`)) return undefined;
  const doc = target.ownerDocument;
  const host = doc.createElement('span');
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = [badgeSheet()];
  const element = doc.createElement('span');
  const icon = doc.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  const words = doc.createTextNode('');
  element.append(icon, words);
  shadow.append(element);
  // Only what differs is written: a badge told again what it says costs no style or layout.
  const update = (next: RowBadge): void => {
    setIfChanged(host, hostAttribute, next.tone);
    setIfChanged(element, dataName, next.tone);
    setIfChanged(element, 'class', `cg-fin cg-fin--${next.tone}`);
    setIfChanged(element, 'title', next.detail);
    if (icon.textContent !== next.icon) icon.textContent = next.icon;
    if (words.data !== ` ${next.label}`) words.data = ` ${next.label}`;
  };
  update(badge);
  target.append(host);
  signal.addEventListener('abort', () => host.remove(), { once: true });
  return { update, remove: () => host.remove() };
}

function setIfChanged(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/** What an end badge says of an expiry. */
export function expiryRowBadge(expiry: Expiry): RowBadge {
  return { tone: expiry.tone, icon: EXPIRY_ICONS[expiry.tone], label: expiry.label, detail: expiry.detail };
}

const EXPIRY_BADGE_MARKS = { hostAttribute: BADGE_HOST_ATTRIBUTE, dataName: 'data-cg-fin' };

export function attachExpiryBadge(
  target: Element,
  expiry: Expiry,
  signal: AbortSignal,
): AttachedBadge | undefined {
  return attachRowBadge(target, expiryRowBadge(expiry), signal, EXPIRY_BADGE_MARKS);
}
