import { attachRowBadge, type RowBadge } from '../../../components/attach-expiry-badge';
import { askBackground } from '../../../utils/client';
import type { FeatureDefinition } from '../../../utils/features';
import { formatParisDateTime } from '../../../utils/gar/paris-time';
import type { ConformityRecord } from '../../../utils/gar/template-record';
import { CONSOLE_SELECTORS, consoleViewOf, subscriptionIdOf } from '../../../utils/hosts/console/page';
import { schoolSubscriptions } from '../../../utils/hosts/school-subscriptions';
import { t, tn } from '../../../utils/i18n';

interface TemplateLine {
  templateName: string;
  manquants: number;
  enTrop: number;
  checkedAt: string;
}

/** The last checks of the school's templates, per subscription they concern. */
function linesBySubscription(checks: readonly ConformityRecord[]): Map<string, TemplateLine[]> {
  const bySubscription = new Map<string, TemplateLine[]>();
  for (const check of checks) {
    for (const line of check.lignes) {
      const lines = bySubscription.get(line.idAbonnement) ?? [];
      lines.push({
        templateName: check.templateName,
        manquants: line.manquants,
        enTrop: line.enTrop,
        checkedAt: check.checkedAt,
      });
      bySubscription.set(line.idAbonnement, lines);
    }
  }
  return bySubscription;
}

/**
 * « Modèle : 35 sans licence », or « conforme » — short enough to stay on one line in the console's
 * narrow title column; each template's name, figures and date are on hover.
 */
function templateBadge(lines: readonly TemplateLine[]): RowBadge {
  const missing = lines.reduce((sum, line) => sum + line.manquants, 0);
  const who = tn(lines.length, 'badgesModelesWho');
  const detail = lines
    .map((line) =>
      t(
        'badgesModelesLine',
        line.templateName,
        String(line.manquants),
        tn(line.enTrop, 'badgesModelesLicences'),
        formatParisDateTime(line.checkedAt),
      ),
    )
    .join('\n');
  return missing === 0
    ? { tone: 'conforme', icon: '✔', label: t('badgesModelesConform', who), detail }
    : { tone: 'ecart', icon: '◆', label: t('badgesModelesMissing', who, String(missing)), detail };
}

/**
 * Next to each resource a template concerns, how far the console is from it — as last checked
 * from the « Affectation groupée » panel (« Vérifier la conformité »). Reading every affectation
 * on each visit would cost a request per subscription; the check stays the RA's action.
 */
export const badgesModeles: FeatureDefinition = {
  id: 'badges-modeles',
  anchors: () => ['resourceRowTitle'],
  label: 'featureBadgesModeles',
  include: [(url) => consoleViewOf(url) === 'ressources'],
  async init(context) {
    const { signal, observe } = context;
    const { uai } = await schoolSubscriptions(context);
    const lines = linesBySubscription(await askBackground('conformity.list', { uai }));
    if (lines.size === 0) return;
    observe(CONSOLE_SELECTORS.resourceRowTitle, (cell) => {
      const id = subscriptionIdOf(cell);
      const concerned = id ? lines.get(id) : undefined;
      if (!concerned) return;
      attachRowBadge(cell, templateBadge(concerned), signal, {
        hostAttribute: 'data-cg-modele-hote',
        dataName: 'data-cg-modele-badge',
      });
    });
  },
};
