import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { JsonFilePicker } from '../../../components/JsonFilePicker';
import { type Status, StatusMessage } from '../../../components/StatusMessage';
import { readStore, useStore } from '../../../components/use-store';
import { describeError } from '../../../utils/describe-error';
import { BUCKET_LABELS } from '../../../utils/gar/bucket-labels';
import type { ExpectedOrder } from '../../../utils/gar/expected-order';
import {
  type ColumnMapping,
  type ImportedOrders,
  ordersFromTable,
  suggestMapping,
} from '../../../utils/gar/order-import';
import { mergeOrders } from '../../../utils/gar/order-merge';
import { formatCalendarPeriod } from '../../../utils/gar/paris-time';
import { MAX_IMPORT_BYTES, type RawTable, tooLargeMessage } from '../../../utils/gar/table-file';
import { monthOf, schoolYearOfMonth } from '../../../utils/gar/usage-stats';
import { t, tn } from '../../../utils/i18n';
import { deleteOrder, importOrders, listOrders, listSeen } from '../../../utils/store/repositories';
import { fileBytes, readFileInWorker } from '../shared/file-reader';
import { OrderForm } from './OrderForm';
import { IMPORT_BUTTON_ID, OrdersDeleteAll } from './OrdersDeleteAll';
import { ORDER_FIELDS as FIELDS } from './order-fields';
import { formOutcome, mergeSummary } from './order-words';

/** The school year a date falls in, as GAR writes it: « 2026-2027 » from 1 September, Paris time. */
function currentSchoolYear(now: Date): string {
  return schoolYearOfMonth(monthOf(now));
}

/** Read off the page's thread and bounded in time (file-reader.ts): a forged file cannot freeze the page. */
async function readOrderFile(file: File): Promise<RawTable> {
  // Refused before reading: a huge file would first have to fit in memory.
  if (file.size > MAX_IMPORT_BYTES) throw new Error(tooLargeMessage());
  const result = await readFileInWorker({
    kind: 'orderTable',
    fileName: file.name,
    bytes: await fileBytes(file),
  });
  if (!result.ok) throw new Error(result.message);
  return result.table;
}

function quantityText(order: ExpectedOrder): string {
  const { quantity } = order;
  if (quantity.kind === 'global') return String(quantity.count);
  return Object.entries(quantity.counts)
    .map(([profil, count]) => `${count} ${BUCKET_LABELS[profil] ?? profil}`)
    .join(', ');
}

const collator = new Intl.Collator('fr', { numeric: true });

/**
 * By order number (« CMD-2 » before « CMD-10 »), then title: the lines of one import share their
 * creation date, so the store's oldest-first order would leave them in no order the RA can follow.
 */
function byReferenceThenTitle(a: ExpectedOrder, b: ExpectedOrder): number {
  return (
    collator.compare(a.reference ?? '', b.reference ?? '') ||
    collator.compare(a.resourceTitle, b.resourceTitle)
  );
}

function periodText(order: ExpectedOrder): string {
  return 'schoolYear' in order.period
    ? order.period.schoolYear
    : formatCalendarPeriod(order.period.start, order.period.end);
}

/**
 * The import: file → columns mapped (suggested from the headers) → lines checked, and compared
 * with the orders already stored → saved, the same order updated rather than stored twice.
 */
function OrderImport({
  uai,
  stored,
  onSaved,
}: {
  uai: string;
  /** The school's orders as the list shows them: the preview's comparison; saving reads them afresh. */
  stored: readonly ExpectedOrder[];
  onSaved(status: Status): void;
}) {
  const table = useSignal<{ name: string; table: RawTable } | null>(null);
  const mapping = useSignal<ColumnMapping>({});
  const result = useSignal<ImportedOrders | null>(null);
  const status = useSignal<Status | null>(null);
  /** Distributors' exports often carry no period: the lines without one take this school year. */
  const defaultYear = useSignal(currentSchoolYear(new Date()));

  const choose = async (file: File): Promise<void> => {
    result.value = null;
    try {
      const read = await readOrderFile(file);
      table.value = { name: file.name, table: read };
      mapping.value = suggestMapping(read.headers);
      status.value = null;
    } catch (error) {
      table.value = null;
      // The readers' refusals are whole sentences (« Le fichier est vide. »): they follow a full stop.
      status.value = { text: t('ordersFileRefusedSentence', describeError(error)), error: true };
    }
  };
  const check = (): void => {
    if (!table.value) return;
    const year = defaultYear.value.trim();
    result.value = ordersFromTable(table.value.table, mapping.value, {
      uai,
      now: new Date(),
      ...(year ? { defaultPeriod: { schoolYear: year } } : {}),
    });
  };
  const save = async (): Promise<void> => {
    const lines = result.value?.orders;
    if (!lines) return;
    try {
      const merge = await readStore((db) => importOrders(db, uai, lines));
      onSaved({ text: mergeSummary('ordersImported', merge), error: false });
      table.value = null;
      result.value = null;
    } catch (error) {
      // Nothing was written: the file and its mapping stay on screen, to correct and save again.
      onSaved({ text: t('ordersFileRefused', describeError(error)), error: true });
    }
  };

  return (
    <div class="cg-commandes__import">
      <JsonFilePicker
        id={IMPORT_BUTTON_ID}
        label={t('ordersImport')}
        testId="import-commandes"
        accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onFile={(file) => void choose(file)}
      />
      <StatusMessage status={status.value} />
      {table.value && (
        <fieldset class="cg-commandes__colonnes" data-cg-colonnes>
          <legend>{t('ordersMappingTitle', table.value.name, String(table.value.table.rows.length))}</legend>
          {FIELDS.map(([field, label]) => (
            <label key={field} class="cg-champ-ligne">
              <span>{t(label)}</span>
              <select
                value={mapping.value[field] === undefined ? '' : String(mapping.value[field])}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  const next = { ...mapping.value };
                  if (value === '') delete next[field];
                  else next[field] = Number(value);
                  mapping.value = next;
                  result.value = null;
                }}
              >
                <option value="">{t('ordersNoColumn')}</option>
                {table.value?.table.headers.map((header, index) => (
                  <option key={`${index}-${header}`} value={String(index)}>
                    {header || t('ordersColumn', String(index + 1))}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <label class="cg-champ-ligne">
            <span>{t('ordersDefaultYear')}</span>
            <input value={defaultYear.value} onInput={(e) => (defaultYear.value = e.currentTarget.value)} />
          </label>
          <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={check}>
            {t('ordersCheck')}
          </button>
        </fieldset>
      )}
      {result.value && (
        <div class="cg-confirmation" data-cg-import-commandes>
          <p>
            {t(
              'ordersReady',
              tn(result.value.orders.length, 'ordersReadyCount'),
              tn(result.value.errors.length, 'ordersRefusedCount'),
            )}
          </p>
          {result.value.orders.length > 0 && (
            <p data-cg-import-bilan>
              {mergeSummary('ordersMergePreview', mergeOrders(stored, result.value.orders))}
            </p>
          )}
          {result.value.errors.length > 0 && (
            <ul class="cg-erreurs" role="alert">
              {result.value.errors.slice(0, 50).map((error) => (
                <li key={`${error.line}-${error.message}`}>{error.message}</li>
              ))}
            </ul>
          )}
          <button
            type="button"
            class="cg-bouton"
            disabled={result.value.orders.length === 0}
            onClick={() => void save()}
          >
            {tn(result.value.orders.length, 'ordersSave')}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * « Commandes attendues »: what each school ordered, imported from a CSV or XLSX export (columns
 * mapped by the RA) — the console's dashboard then checks them against what was delivered.
 */
export function OrdersPage() {
  const { data: schools } = useStore(async (db) =>
    [...new Set((await listSeen(db)).map((seen) => seen.uai))].sort(),
  );
  const uai = useSignal('');
  const orders = useSignal<ExpectedOrder[]>([]);
  const status = useSignal<Status | null>(null);

  const current = uai.value || schools.value?.[0] || '';
  const reload = async (school: string): Promise<void> => {
    orders.value = school ? await readStore((db) => listOrders(db, school)) : [];
  };
  useEffect(() => {
    if (current) void reload(current);
  }, [current]);

  const remove = async (order: ExpectedOrder): Promise<void> => {
    await readStore((db) => deleteOrder(db, order.id));
    status.value = { text: t('ordersDeleted', order.resourceTitle), error: false };
    await reload(current);
  };

  return (
    <section id="commandes" aria-labelledby="cg-titre-commandes" class="cg-commandes">
      <h2 id="cg-titre-commandes">{t('ordersTitle')}</h2>
      <p class="cg-aide">{t('ordersHint')}</p>
      {!current ? (
        <p class="cg-vide">{t('ordersNoSchool')}</p>
      ) : (
        <>
          <label class="cg-champ-ligne">
            <span>{t('ordersSchool')}</span>
            <select
              value={current}
              onChange={(e) => {
                uai.value = e.currentTarget.value;
                void reload(e.currentTarget.value);
              }}
            >
              {schools.value?.map((school) => (
                <option key={school} value={school}>
                  {school}
                </option>
              ))}
            </select>
          </label>
          <StatusMessage status={status.value} />
          <OrderForm
            uai={current}
            defaultYear={currentSchoolYear(new Date())}
            onSave={async (order) => {
              // A typed order follows the import's identity: the same order is updated, not doubled.
              const merge = await readStore((db) => importOrders(db, current, [order]));
              status.value = { text: formOutcome(merge, order.resourceTitle), error: false };
              await reload(current);
            }}
          />
          <OrderImport
            uai={current}
            stored={orders.value}
            onSaved={(saved) => {
              status.value = saved;
              void reload(current);
            }}
          />
          {orders.value.length === 0 ? (
            <p class="cg-vide">{t('ordersEmpty')}</p>
          ) : (
            <table class="cg-tableau-options" data-cg-commandes>
              <caption>{t('ordersCaption', current, String(orders.value.length))}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ordersFieldTitle')}</th>
                  <th scope="col">{t('ordersFieldQuantity')}</th>
                  <th scope="col">{t('ordersPeriod')}</th>
                  <th scope="col">{t('ordersFieldReference')}</th>
                  <th scope="col">{t('ordersActions')}</th>
                </tr>
              </thead>
              <tbody>
                {[...orders.value].sort(byReferenceThenTitle).map((order) => (
                  <tr key={order.id}>
                    <th scope="row">{order.resourceTitle}</th>
                    <td>{quantityText(order)}</td>
                    <td>{periodText(order)}</td>
                    <td>{order.reference ?? ''}</td>
                    <td>
                      <button
                        type="button"
                        class="cg-bouton cg-bouton--secondaire"
                        onClick={() => void remove(order)}
                      >
                        {t('ordersDelete')}
                        <span class="cg-invisible"> {t('quotedName', order.resourceTitle)}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {orders.value.length > 0 && (
            <OrdersDeleteAll
              key={current}
              uai={current}
              count={orders.value.length}
              onDone={(done) => {
                status.value = done;
                void reload(current);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
