import type { Signal } from '@preact/signals';
import { t } from '../../../utils/i18n';

interface Props {
  /** Prefix of the fields' ids, unique in the page. */
  id: string;
  legend: string;
  depuis: Signal<string>;
  jusqua: Signal<string>;
  /** Why the two months do not make a period, or null. */
  problem: string | null;
}

/** « Depuis » and « Jusqu’à » as two month fields; a refusal is said next to them and announced. */
export function StatisticsPeriodFields({ id, legend, depuis, jusqua, problem }: Props) {
  const errorId = `${id}-erreur`;
  const field = (key: 'depuis' | 'jusqua', value: Signal<string>) => (
    <div class="cg-stats-champ">
      <label for={`${id}-${key}`}>{t(key === 'depuis' ? 'statsPeriodFrom' : 'statsPeriodTo')}</label>
      <input
        id={`${id}-${key}`}
        type="month"
        placeholder={t('statsPeriodPlaceholder')}
        value={value.value}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={problem ? errorId : undefined}
        onInput={(event) => {
          value.value = event.currentTarget.value;
        }}
      />
    </div>
  );
  return (
    <fieldset class="cg-stats-periode">
      <legend>{legend}</legend>
      {field('depuis', depuis)}
      {field('jusqua', jusqua)}
      <p id={errorId} class="cg-stats-periode__erreur" role="alert" hidden={!problem}>
        {problem}
      </p>
    </fieldset>
  );
}
