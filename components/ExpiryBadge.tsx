import type { Expiry, ExpiryTone } from '../utils/gar/expiry';

/** Icons double the colours: an RA who does not see colours reads the same thing. */
export const EXPIRY_ICONS: Record<ExpiryTone, string> = {
  expire: '✖',
  urgent: '⚠',
  proche: '◷',
  lointain: '✔',
  pasEncoreActif: 'ℹ',
  sansFin: '∞',
};

/** "expire dans 12 j" with its icon and tone; the exact date and source in the tooltip. */
export function ExpiryBadge({ expiry }: { expiry: Expiry }) {
  return (
    <span class={`cg-fin cg-fin--${expiry.tone}`} title={expiry.detail} data-cg-fin={expiry.tone}>
      <span aria-hidden="true">{EXPIRY_ICONS[expiry.tone]}</span> {expiry.label}
    </span>
  );
}
