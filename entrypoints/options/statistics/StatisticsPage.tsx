import './statistics.css';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { readStore, useStore } from '../../../components/use-store';
import { storeUsage } from '../../../utils/background/usage-capture';
import { describeError } from '../../../utils/describe-error';
import type { UsageMonth } from '../../../utils/gar/usage-month';
import { usageFactsFromRows } from '../../../utils/gar/usage-stats';
import { t } from '../../../utils/i18n';
import { STATISTICS_READ_START_MARK } from '../../../utils/perf-marks';
import type { GarDb } from '../../../utils/store/db';
import { knownSchools, listUsageMonths } from '../../../utils/store/usage-history';
import { StatisticsHistory } from './StatisticsHistory';
import { StatisticsImport } from './StatisticsImport';
import { StatisticsSettings } from './StatisticsSettings';

function readUsage(db: GarDb): Promise<UsageMonth[]> {
  // The benchmark times the section from its first read to its first figures (perf-marks.ts).
  if (performance.getEntriesByName(STATISTICS_READ_START_MARK).length === 0) {
    performance.mark(STATISTICS_READ_START_MARK);
  }
  return listUsageMonths(db);
}

/** Where the figures come from, when there are none yet. */
function StatisticsEmpty() {
  return (
    <div class="cg-vide cg-stats-vide">
      <p>{t('statsEmpty')}</p>
      <ol>
        <li>{t('statsEmptyCapture')}</li>
        <li>{t('statsEmptyImport')}</li>
      </ol>
    </div>
  );
}

/**
 * « Statistiques d’usage »: the history the portail and the console showed, month by month —
 * the trend, the resources paid for and little used, two periods side by side, and a one-page
 * report for the conseil pédagogique. Read straight from IndexedDB (same extension origin).
 */
export function StatisticsPage() {
  const { data: months, error } = useStore(readUsage);
  const { data: schools } = useStore(knownSchools);
  /** Bumped whenever the history may have changed (an import, a purge, a capture elsewhere). */
  const version = useSignal(0);

  useEffect(() => {
    // The first read is useStore's.
    if (version.value === 0) return;
    readStore(readUsage).then(
      (value) => {
        months.value = value;
        error.value = null;
      },
      (cause: unknown) => {
        error.value = t('loadError', describeError(cause));
      },
    );
  }, [version.value]);

  useEffect(() => {
    // A capture made on the portail in another tab shows as soon as the RA comes back here.
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') version.value += 1;
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  return (
    <section id="statistiques" aria-labelledby="cg-titre-statistiques" class="cg-stats">
      <h2 id="cg-titre-statistiques">{t('statsPageTitle')}</h2>
      <p class="cg-aide">{t('statsPageHint')}</p>
      {error.value && (
        <p class="cg-erreur" role="alert">
          {error.value}
        </p>
      )}
      {months.value && months.value.length === 0 && <StatisticsEmpty />}
      {months.value && months.value.length > 0 && <StatisticsHistory months={months.value} />}
      <StatisticsImport
        knownUais={schools.value ?? []}
        onImport={async (uai, rows) => {
          const counts = await readStore((db) =>
            storeUsage(db, uai, usageFactsFromRows(rows, 'import'), new Date()),
          );
          version.value += 1;
          return counts;
        }}
      />
      <StatisticsSettings
        version={version.value}
        historyRead={months.value !== null || error.value !== null}
        onChanged={() => {
          version.value += 1;
        }}
      />
    </section>
  );
}
