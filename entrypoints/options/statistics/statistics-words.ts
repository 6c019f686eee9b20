import type { LicenceCount } from '../../../utils/gar/abonnement';
import {
  type PeriodComparisonRow,
  RARELY_USED_PER_LICENCE_PER_MONTH,
  type UsageLevel,
} from '../../../utils/gar/usage-stats';
import { type MessageKey, numberFormat, t } from '../../../utils/i18n';
import type { PeriodCheck } from './statistics-view';

/**
 * The statistics' figures and verdicts in words, in the RA's language. A verdict always carries its
 * icon and its word, never a colour alone.
 */

const COUNT: Intl.NumberFormatOptions = { maximumFractionDigits: 0 };
/** Two decimals always, so that a column of ratios lines up. */
const RATIO: Intl.NumberFormatOptions = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
const PERCENT: Intl.NumberFormatOptions = { style: 'percent', maximumFractionDigits: 0 };
const EVOLUTION: Intl.NumberFormatOptions = {
  style: 'percent',
  maximumFractionDigits: 0,
  signDisplay: 'exceptZero',
};

/** Shown where a figure is unknown (no licence figures, nothing observed). */
export const UNKNOWN = '—';

export function formatCount(value: number): string {
  return numberFormat(COUNT).format(value);
}

export function formatRatio(value: number | null): string {
  return value === null ? UNKNOWN : numberFormat(RATIO).format(value);
}

export function formatPercent(value: number | null): string {
  return value === null ? UNKNOWN : numberFormat(PERCENT).format(value);
}

export function formatLicences(value: LicenceCount | null): string {
  if (value === null) return UNKNOWN;
  return value === 'ILLIMITE' ? t('statsUnlimited') : numberFormat(COUNT).format(value);
}

/** « Élèves », « Autres personnels »: the bucket labels, as a heading or an option. */
export const USAGE_LOOKS: Record<UsageLevel, { icon: string; key: MessageKey; tone: string }> = {
  jamais: { icon: '✖', key: 'statsUsageNever', tone: 'jamais' },
  faible: { icon: '▼', key: 'statsUsageRare', tone: 'faible' },
  regulier: { icon: '✔', key: 'statsUsageRegular', tone: 'regulier' },
  inconnu: { icon: '?', key: 'statsUsageUnknown', tone: 'inconnu' },
};

/** « peu utilisée : moins d’1 accès par licence affectée et par mois » */
export function usageRuleText(): string {
  return t('statsUsageRule', numberFormat(COUNT).format(RARELY_USED_PER_LICENCE_PER_MONTH));
}

export type EvolutionTone = 'hausse' | 'baisse' | 'neutre';

/** « ▲ +12 % », « ▼ −30 % », « = 0 % », « ▲ nouveau » (nothing before), or unknown; and its tone. */
export function evolutionLook(row: Pick<PeriodComparisonRow, 'evolution' | 'accesB'> | null): {
  text: string;
  tone: EvolutionTone;
} {
  if (row === null) return { text: UNKNOWN, tone: 'neutre' };
  if (row.evolution === null) {
    return row.accesB > 0
      ? { text: `▲ ${t('statsEvolutionNew')}`, tone: 'hausse' }
      : { text: UNKNOWN, tone: 'neutre' };
  }
  // The arrow and the tone follow the percentage shown: −0,4 % reads « = 0 % », not « ▼ 0 % ».
  const shown = Math.round(row.evolution * 100) / 100;
  if (shown > 0) return { text: `▲ ${numberFormat(EVOLUTION).format(shown)}`, tone: 'hausse' };
  if (shown < 0) return { text: `▼ ${numberFormat(EVOLUTION).format(shown)}`, tone: 'baisse' };
  return { text: `= ${numberFormat(EVOLUTION).format(shown)}`, tone: 'neutre' };
}

export function periodProblemText(check: PeriodCheck): string | null {
  if (check.ok) return null;
  return t(check.problem === 'inverse' ? 'statsPeriodReversed' : 'statsPeriodIncomplete');
}
