import type { Signal } from '@preact/signals';
import { PROFILS } from '../../../utils/gar/abonnement';
import { bucketTitle } from '../../../utils/gar/bucket-labels';
import { t } from '../../../utils/i18n';
import { StatisticsPeriodFields } from './StatisticsPeriodFields';
import { CUSTOM_PERIOD, LAST_TWELVE_MONTHS, type ResourceChoice, schoolYearChoice } from './statistics-view';

/** What the filters hold, as the select and input values are (empty: all). */
export interface FilterState {
  uai: Signal<string>;
  periode: Signal<string>;
  depuis: Signal<string>;
  jusqua: Signal<string>;
  profil: Signal<string>;
  ressource: Signal<string>;
}

interface Props {
  state: FilterState;
  schools: string[];
  /** The school years with figures, the latest first. */
  schoolYears: string[];
  /** The select's value when the RA has not chosen: the latest school year. */
  defaultPeriod: string;
  resources: ResourceChoice[];
  /** Why the custom months do not make a period, or null. */
  periodProblem: string | null;
  /** Called before a custom period is shown, to start it from the period on screen. */
  onCustom: () => void;
}

/** School, period, profile and resource: each control changes the figures as soon as it changes. */
export function StatisticsFilters({
  state,
  schools,
  schoolYears,
  defaultPeriod,
  resources,
  periodProblem,
  onCustom,
}: Props) {
  const periode = state.periode.value || defaultPeriod;
  return (
    <fieldset class="cg-stats-filtres">
      <legend>{t('statsFiltersLegend')}</legend>
      <div class="cg-stats-champ">
        <label for="cg-stats-ecole">{t('statsFilterSchool')}</label>
        <select
          id="cg-stats-ecole"
          value={state.uai.value}
          onChange={(event) => {
            state.uai.value = event.currentTarget.value;
            // Another school has other years and resources.
            state.periode.value = '';
            state.ressource.value = '';
          }}
        >
          {schools.map((uai) => (
            <option key={uai} value={uai}>
              {uai}
            </option>
          ))}
        </select>
      </div>
      <div class="cg-stats-champ">
        <label for="cg-stats-periode">{t('statsFilterPeriod')}</label>
        <select
          id="cg-stats-periode"
          value={periode}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (value === CUSTOM_PERIOD) onCustom();
            state.periode.value = value;
          }}
        >
          {schoolYears.map((schoolYear) => (
            <option key={schoolYear} value={schoolYearChoice(schoolYear)}>
              {t('statsFilterSchoolYear', schoolYear)}
            </option>
          ))}
          <option value={LAST_TWELVE_MONTHS}>{t('statsFilterLastTwelve')}</option>
          <option value={CUSTOM_PERIOD}>{t('statsFilterCustom')}</option>
        </select>
      </div>
      <div class="cg-stats-champ">
        <label for="cg-stats-profil">{t('statsFilterProfile')}</label>
        <select
          id="cg-stats-profil"
          value={state.profil.value}
          onChange={(event) => {
            state.profil.value = event.currentTarget.value;
          }}
        >
          <option value="">{t('statsFilterAllProfiles')}</option>
          {PROFILS.map((profil) => (
            <option key={profil} value={profil}>
              {bucketTitle(profil)}
            </option>
          ))}
        </select>
      </div>
      <div class="cg-stats-champ">
        <label for="cg-stats-ressource">{t('statsFilterResource')}</label>
        <select
          id="cg-stats-ressource"
          value={state.ressource.value}
          onChange={(event) => {
            state.ressource.value = event.currentTarget.value;
          }}
        >
          <option value="">{t('statsFilterAllResources', String(resources.length))}</option>
          {resources.map((resource) => (
            <option key={resource.id} value={resource.id}>
              {resource.libelle}
            </option>
          ))}
        </select>
      </div>
      {periode === CUSTOM_PERIOD && (
        <StatisticsPeriodFields
          id="cg-stats-perso"
          legend={t('statsFilterCustomLegend')}
          depuis={state.depuis}
          jusqua={state.jusqua}
          problem={periodProblem}
        />
      )}
    </fieldset>
  );
}
