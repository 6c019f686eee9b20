import type { UsageSummary } from '../../../utils/gar/usage-stats';
import { t, tnShown } from '../../../utils/i18n';
import { accesPerAssignedLicence } from './statistics-view';
import { formatCount, formatPercent, formatRatio } from './statistics-words';

interface Card {
  label: string;
  value: string;
  detail?: string;
}

function cardsOf(summary: UsageSummary): Card[] {
  return [
    {
      label: t('statsCardBought'),
      value: formatCount(summary.licencesAchetees),
      detail:
        summary.licencesIllimitees > 0
          ? tnShown(summary.licencesIllimitees, formatCount(summary.licencesIllimitees), 'statsCardUnlimited')
          : undefined,
    },
    {
      label: t('statsCardAssigned'),
      value: formatCount(summary.licencesAffectees),
      detail: t('statsCardAssignedRate', formatPercent(summary.tauxAffectation)),
    },
    { label: t('statsCardUnassigned'), value: formatCount(summary.licencesNonAffectees) },
    { label: t('statsCardAcces'), value: formatCount(summary.acces) },
    {
      label: t('statsCardPerLicence'),
      value: formatRatio(accesPerAssignedLicence(summary.acces, summary.licencesAffectees)),
    },
    {
      label: t('statsCardNever'),
      value: formatCount(summary.jamaisUtilisees),
      detail: tnShown(summary.ressources, formatCount(summary.ressources), 'statsCardOfResources'),
    },
    {
      label: t('statsCardRare'),
      value: formatCount(summary.peuUtilisees),
      detail: tnShown(summary.ressources, formatCount(summary.ressources), 'statsCardOfResources'),
    },
  ];
}

/** The period's figures at a glance: on screen as cards, in the printed report as a compact row. */
export function StatisticsSummary({
  summary,
  compact = false,
}: {
  summary: UsageSummary;
  compact?: boolean;
}) {
  return (
    <dl class={compact ? 'cg-stats-cartes cg-stats-cartes--compact' : 'cg-stats-cartes'}>
      {cardsOf(summary).map((card) => (
        <div key={card.label} class="cg-stats-carte">
          <dt>{card.label}</dt>
          <dd class="cg-stats-carte__valeur">{card.value}</dd>
          {card.detail && <dd class="cg-stats-carte__detail">{card.detail}</dd>}
        </div>
      ))}
    </dl>
  );
}
