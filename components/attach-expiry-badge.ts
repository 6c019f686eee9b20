import type { Expiry } from '../utils/gar/expiry';
import { EXPIRY_ICONS } from './ExpiryBadge';

/**
 * A badge placed inside a row of the host page: the one injected UI that is not in a shadow root.
 * A shadow root per row made the browser resolve styles and lay out one more tree per row; on the
 * lycée's 400-row Parcours ressource that was about half of what the badges cost the first frame
 * (npm run bench, « console, coût par 100 lignes »; components/README.md). Instead, two plain
 * elements per row and one stylesheet per document whose every rule starts from `all: initial`
 * and is `!important`, keyed on an attribute only the extension writes: the page's styles cannot
 * reach the badge, and the badge's styles reach nothing else. Built with plain DOM calls — the
 * same words and icon as <ExpiryBadge> — and marked with the caller's `hostAttribute`, so a second
 * run never adds a second badge.
 */

/** The attribute every row badge carries, with its tone: what the stylesheet keys on. */
const BADGE_ATTRIBUTE = 'data-cg-badge';

const TONES: Record<string, { color: string; background: string }> = {
  expire: { color: '#b3261e', background: '#fdecea' },
  urgent: { color: '#8a4b00', background: '#fff4e0' },
  proche: { color: '#5c4a00', background: '#fffbe6' },
  lointain: { color: '#17703a', background: '#eaf6ee' },
  pasEncoreActif: { color: '#4a4a4a', background: '#f4f5fa' },
  sansFin: { color: '#4a4a4a', background: '#f4f5fa' },
  conforme: { color: '#17703a', background: '#eaf6ee' },
  ecart: { color: '#1f4fbf', background: '#eef2fc' },
};

const important = (declarations: string): string =>
  declarations
    .split(';')
    .map((declaration) => declaration.trim())
    .filter(Boolean)
    .map((declaration) => `${declaration} !important;`)
    .join(' ');

const BADGE_CSS = [
  `[${BADGE_ATTRIBUTE}] { ${important(`all: initial; display: inline-flex; gap: 4px; align-items: center;
    margin: 0 0 0 6px; vertical-align: middle; padding: 1px 8px; box-sizing: border-box;
    font: 12px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; white-space: nowrap;
    border: 1px solid currentColor; border-radius: 10px; color: #4a4a4a; background: #f4f5fa`)} }`,
  `[${BADGE_ATTRIBUTE}] > span { ${important('all: initial; font: inherit; color: inherit')} }`,
  ...Object.entries(TONES).map(
    ([tone, { color, background }]) =>
      `[${BADGE_ATTRIBUTE}="${tone}"] { ${important(`color: ${color}; background: ${background}`)} }`,
  ),
].join('\n');

/** The badges' stylesheet of each document, put back if the page ever removed it. */
const stylesheets = new WeakMap<Document, HTMLStyleElement>();

function ensureBadgeStylesheet(doc: Document): void {
  let style = stylesheets.get(doc);
  if (style?.isConnected) return;
  style = doc.createElement('style');
  style.setAttribute('data-cg-badges', '');
  style.textContent = BADGE_CSS;
  (doc.head ?? doc.documentElement).append(style);
  stylesheets.set(doc, style);
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
 * Appends a badge to a host element once per `hostAttribute` (a second run adds nothing); removed
 * when the run is aborted. `hostAttribute` and `dataName` both carry the tone: the first finds the
 * badge of a feature, the second is the name tests and the RA's tools read. Returns the badge,
 * unless none was added.
 */
export function attachRowBadge(
  target: Element,
  badge: RowBadge,
  signal: AbortSignal,
  { hostAttribute, dataName }: { hostAttribute: string; dataName: string },
): AttachedBadge | undefined {
  if (signal.aborted || target.querySelector(`[${hostAttribute}]`)) return undefined;
  const doc = target.ownerDocument;
  ensureBadgeStylesheet(doc);
  const element = doc.createElement('span');
  const icon = doc.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  const words = doc.createTextNode('');
  element.append(icon, words);
  // Only what differs is written: a badge told again what it says costs no style or layout.
  const update = (next: RowBadge): void => {
    for (const name of [BADGE_ATTRIBUTE, hostAttribute, dataName]) setIfChanged(element, name, next.tone);
    setIfChanged(element, 'title', next.detail);
    if (icon.textContent !== next.icon) icon.textContent = next.icon;
    if (words.data !== ` ${next.label}`) words.data = ` ${next.label}`;
  };
  update(badge);
  target.append(element);
  signal.addEventListener('abort', () => element.remove(), { once: true });
  return { update, remove: () => element.remove() };
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
