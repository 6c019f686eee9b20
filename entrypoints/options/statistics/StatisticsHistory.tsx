import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { isProfil } from '../../../utils/gar/abonnement';
import { bucketTitle } from '../../../utils/gar/bucket-labels';
import type { UsageMonth } from '../../../utils/gar/usage-month';
import {
  periodLabel,
  resourceIndicators,
  schoolYearOfMonth,
  schoolYearsOf,
  summarize,
} from '../../../utils/gar/usage-stats';
import { t } from '../../../utils/i18n';
import { STATISTICS_FIRST_RENDER_MARK } from '../../../utils/perf-marks';
import { StatisticsComparison } from './StatisticsComparison';
import { StatisticsEvolution } from './StatisticsEvolution';
import { type FilterState, StatisticsFilters } from './StatisticsFilters';
import { StatisticsReport } from './StatisticsReport';
import { StatisticsResources } from './StatisticsResources';
import { StatisticsSummary } from './StatisticsSummary';
import { StatisticsTabs, type Tab } from './StatisticsTabs';
import {
  factsOfSchool,
  latestMonthOf,
  periodOfChoice,
  resourcesOf,
  type StatisticsView,
  schoolsOf,
  schoolYearChoice,
  usageFilterOf,
} from './statistics-view';
import { periodProblemText } from './statistics-words';

const REPORT_BUTTON_ID = 'cg-stats-rapport-bouton';

/** The figures of one school for the chosen period, profile and resource, in three views. */
export function StatisticsHistory({ months }: { months: UsageMonth[] }) {
  const schools = useMemo(() => schoolsOf(months), [months]);
  const state: FilterState = {
    uai: useSignal(schools[0] ?? ''),
    periode: useSignal(''),
    depuis: useSignal(''),
    jusqua: useSignal(''),
    profil: useSignal(''),
    ressource: useSignal(''),
  };
  const view = useSignal<StatisticsView>('evolution');
  /** 0 while the report is closed; then how many times it was asked for (each one prints). */
  const reportRequests = useSignal(0);

  const uai = schools.includes(state.uai.value) ? state.uai.value : (schools[0] ?? '');
  const facts = useMemo(() => factsOfSchool(months, uai), [months, uai]);
  const latest = useMemo(() => latestMonthOf(facts), [facts]);
  const schoolYears = useMemo(() => schoolYearsOf(facts), [facts]);
  const resources = useMemo(() => resourcesOf(facts), [facts]);
  const defaultPeriod = latest ? schoolYearChoice(schoolYearOfMonth(latest)) : '';
  const choice = state.periode.value || defaultPeriod;
  const depuis = state.depuis.value;
  const jusqua = state.jusqua.value;
  const check = useMemo(
    () => (latest ? periodOfChoice(choice, latest, depuis, jusqua) : null),
    [latest, choice, depuis, jusqua],
  );
  const period = check?.ok ? check.period : null;
  const profil = state.profil.value;
  const ressource = state.ressource.value;
  const filter = useMemo(() => usageFilterOf(profil, ressource), [profil, ressource]);
  const indicators = useMemo(
    () => (period ? resourceIndicators(facts, period, filter) : null),
    [facts, period, filter],
  );
  const summary = useMemo(() => (indicators ? summarize(indicators) : null), [indicators]);

  const rendered = summary !== null;
  useEffect(() => {
    // Once per page: the benchmark reads when figures first showed, not each later change.
    if (rendered && performance.getEntriesByName(STATISTICS_FIRST_RENDER_MARK).length === 0) {
      performance.mark(STATISTICS_FIRST_RENDER_MARK);
    }
  }, [rendered]);

  if (!latest) return <p class="cg-vide">{t('statsSchoolEmpty', uai)}</p>;

  const startCustom = (): void => {
    const from = period ?? { depuis: latest, jusqua: latest };
    state.depuis.value = from.depuis;
    state.jusqua.value = from.jusqua;
  };
  const resourceTitle = resources.find((resource) => resource.id === ressource)?.libelle;
  const scope = [
    isProfil(profil) ? t('statsReportScopeProfile', bucketTitle(profil)) : null,
    resourceTitle ? t('statsReportScopeResource', resourceTitle) : null,
  ]
    .filter((part) => part !== null)
    .join(' · ');
  const tabs: Tab[] = [
    { id: 'evolution', label: t('statsTabEvolution') },
    { id: 'ressources', label: t('statsTabResources') },
    { id: 'comparaison', label: t('statsTabCompare') },
  ];

  return (
    <>
      <StatisticsFilters
        state={state}
        schools={schools}
        schoolYears={schoolYears}
        defaultPeriod={defaultPeriod}
        resources={resources}
        periodProblem={check ? periodProblemText(check) : null}
        onCustom={startCustom}
      />
      {period && indicators && summary && (
        <>
          <div class="cg-stats-barre">
            <p class="cg-stats-periode-choisie">{t('statsPeriodShown', periodLabel(period))}</p>
            <button
              id={REPORT_BUTTON_ID}
              type="button"
              class="cg-bouton"
              onClick={() => {
                reportRequests.value += 1;
              }}
            >
              {t('statsReportButton')}
            </button>
          </div>
          {reportRequests.value > 0 && (
            <StatisticsReport
              uai={uai}
              facts={facts}
              period={period}
              latest={latest}
              filter={filter}
              scope={scope || null}
              indicators={indicators}
              summary={summary}
              printRequest={reportRequests.value}
              onClose={() => {
                reportRequests.value = 0;
                document.getElementById(REPORT_BUTTON_ID)?.focus();
              }}
            />
          )}
          <StatisticsSummary summary={summary} />
          <StatisticsTabs tabs={tabs} selected={view}>
            {view.value === 'evolution' && (
              <StatisticsEvolution uai={uai} facts={facts} period={period} filter={filter} />
            )}
            {view.value === 'ressources' && (
              <StatisticsResources uai={uai} period={period} indicators={indicators} />
            )}
            {view.value === 'comparaison' && (
              <StatisticsComparison key={uai} uai={uai} facts={facts} filter={filter} latest={latest} />
            )}
          </StatisticsTabs>
        </>
      )}
    </>
  );
}
