import { useSignal } from '@preact/signals';
import type { Status } from '../../../components/StatusMessage';
import { readStore } from '../../../components/use-store';
import { describeError } from '../../../utils/describe-error';
import { t, tn } from '../../../utils/i18n';
import { deleteOrdersOf } from '../../../utils/store/repositories';
import { DeleteConfirm } from '../shared/DeleteConfirm';
import { focusLater } from '../shared/form-fields';

/** The import button: where the RA goes next after emptying a school's orders, to import them again. */
export const IMPORT_BUTTON_ID = 'cg-commandes-importer';
const OPEN_ID = 'cg-commandes-tout-supprimer';

/**
 * « Tout supprimer… »: every order of the school shown — and only of it — after an inline
 * confirmation whose focus starts on « Annuler », the harmless choice; Escape cancels too.
 */
export function OrdersDeleteAll({
  uai,
  count,
  onDone,
}: {
  uai: string;
  count: number;
  onDone(status: Status): void;
}) {
  const asking = useSignal(false);

  const cancel = (): void => {
    asking.value = false;
    focusLater(OPEN_ID);
  };
  const confirm = async (): Promise<void> => {
    try {
      const deleted = await readStore((db) => deleteOrdersOf(db, uai));
      onDone({ text: tn(deleted, 'ordersDeletedAll', uai), error: false });
      focusLater(IMPORT_BUTTON_ID);
    } catch (error) {
      onDone({ text: describeError(error), error: true });
      focusLater(OPEN_ID);
    }
    asking.value = false;
  };

  if (!asking.value) {
    return (
      <div class="cg-actions cg-commandes__pied">
        <button
          id={OPEN_ID}
          type="button"
          class="cg-bouton cg-bouton--secondaire cg-commandes__action--danger"
          onClick={() => {
            asking.value = true;
          }}
        >
          {t('ordersDeleteAll')}
        </button>
      </div>
    );
  }
  return (
    <DeleteConfirm
      class="cg-commandes__confirmation"
      question={tn(count, 'ordersDeleteAllQuestion', uai)}
      hint={t('ordersDeleteAllHint')}
      cancelLabel={t('ordersDeleteAllCancel')}
      confirmLabel={t('ordersDeleteAllConfirm')}
      onConfirm={() => void confirm()}
      onCancel={cancel}
    />
  );
}
