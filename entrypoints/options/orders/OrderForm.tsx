import { useSignal } from '@preact/signals';
import type { ExpectedOrder } from '../../../utils/gar/expected-order';
import { ordersFromTable } from '../../../utils/gar/order-import';
import { t } from '../../../utils/i18n';
import { ORDER_FIELDS } from './order-fields';

/** The form's fields, read by the same rules as a line of an imported file; a school year, not dates. */
const FORM_FIELDS = ORDER_FIELDS.filter(([field]) => field !== 'start' && field !== 'end');

/** One order as a one-line table: a form entry and a file line can never be read differently. */
function orderFromForm(values: Readonly<Record<string, string>>, uai: string): ExpectedOrder | string {
  const headers = FORM_FIELDS.map(([field]) => field);
  const mapping = Object.fromEntries(headers.map((field, index) => [field, index]));
  const { orders, errors } = ordersFromTable(
    { headers, rows: [headers.map((field) => values[field] ?? '')], encoding: 'utf-8' },
    mapping,
    { uai, now: new Date() },
  );
  const [order] = orders;
  if (order) return order;
  // « ligne 2, colonne E » means nothing in a form: the reason alone.
  return errors[0]?.reason ?? t('ordersFormInvalid');
}

/** « Saisir une commande »: by hand, for an order that came by mail or phone. */
export function OrderForm({
  uai,
  defaultYear,
  onSave,
}: {
  uai: string;
  defaultYear: string;
  onSave(order: ExpectedOrder): Promise<void>;
}) {
  const values = useSignal<Record<string, string>>({ schoolYear: defaultYear });
  const error = useSignal<string | null>(null);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const order = orderFromForm(values.value, uai);
    if (typeof order === 'string') {
      error.value = order;
      return;
    }
    error.value = null;
    await onSave(order);
    values.value = { schoolYear: defaultYear };
  };
  return (
    <details class="cg-commandes__saisie">
      <summary>{t('ordersFormTitle')}</summary>
      <form onSubmit={(event) => void submit(event)} data-cg-saisie-commande>
        {FORM_FIELDS.map(([field, label]) => (
          <label key={field} class="cg-champ-ligne">
            <span>{t(label)}</span>
            <input
              name={field}
              value={values.value[field] ?? ''}
              onInput={(e) => (values.value = { ...values.value, [field]: e.currentTarget.value })}
            />
          </label>
        ))}
        {error.value && (
          <p class="cg-erreurs" role="alert">
            {t('ordersFormRefused', error.value)}
          </p>
        )}
        <button type="submit" class="cg-bouton">
          {t('ordersFormSave')}
        </button>
      </form>
    </details>
  );
}
