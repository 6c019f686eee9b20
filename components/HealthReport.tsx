import type { FeatureHealth } from '../utils/feature-health';
import { formatParisDateTime } from '../utils/gar/paris-time';
import type { MessageKey } from '../utils/i18n';
import { t } from '../utils/i18n';

const STATUS: Record<FeatureHealth['status'], { icon: string; key: MessageKey; tone: string }> = {
  ok: { icon: '✔', key: 'statusOk', tone: 'ok' },
  echec: { icon: '⚠', key: 'statusEchec', tone: 'alerte' },
  desactive: { icon: '○', key: 'statusDesactive', tone: 'neutre' },
  nonApplicable: { icon: '–', key: 'statusNonApplicable', tone: 'neutre' },
};

interface Props {
  health: FeatureHealth[];
  /** The catalogue key of each feature's label, by feature id. */
  labels: ReadonlyMap<string, MessageKey>;
}

/** Which helpers ran, which failed and why: colour is always doubled by an icon and words. */
export function HealthReport({ health, labels }: Props) {
  if (health.length === 0) return <p class="cg-vide">{t('popupHealthEmpty')}</p>;
  return (
    <ul class="cg-sante">
      {health.map((entry) => {
        const status = STATUS[entry.status];
        const labelKey = labels.get(entry.featureId);
        return (
          <li key={entry.featureId} class={`cg-sante__ligne cg-ton-${status.tone}`}>
            <span class="cg-sante__icone" aria-hidden="true">
              {status.icon}
            </span>
            <div class="cg-sante__texte">
              <strong>{labelKey ? t(labelKey) : entry.featureId}</strong>
              <span class="cg-sante__statut">{t(status.key)}</span>
              <small>
                {t('lastRun', formatParisDateTime(entry.lastRunAt))} · {entry.url}
              </small>
              {entry.error && <small>{entry.error}</small>}
              {entry.unmatchedSelectors.length > 0 && (
                <small>{t('unmatched', entry.unmatchedSelectors.join(', '))}</small>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
