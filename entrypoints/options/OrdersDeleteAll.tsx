import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Status } from '../../components/StatusMessage';
import { readStore } from '../../components/use-store';
import { t, tn } from '../../utils/i18n';
import { describeError } from '../../utils/messaging';
import { deleteOrdersOf } from '../../utils/store/repositories';
import { focusLater } from './template-field';

/** The import button: where the RA goes next after emptying a school's orders, to import them again. */
export const IMPORT_BUTTON_ID = 'cg-commandes-importer';
const OPEN_ID = 'cg-commandes-tout-supprimer';
const QUESTION_ID = 'cg-commandes-question';

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
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking.value) cancelButton.current?.focus();
  }, [asking.value]);

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
    <div
      class="cg-commandes__confirmation"
      role="group"
      aria-labelledby={QUESTION_ID}
      data-cg-tout-supprimer
      onKeyDown={(event) => {
        if (event.key === 'Escape') cancel();
      }}
    >
      <p id={QUESTION_ID}>
        <strong>{tn(count, 'ordersDeleteAllQuestion', uai)}</strong>
      </p>
      <p class="cg-aide">{t('ordersDeleteAllHint')}</p>
      <div class="cg-actions">
        <button ref={cancelButton} type="button" class="cg-bouton cg-bouton--secondaire" onClick={cancel}>
          {t('ordersDeleteAllCancel')}
        </button>
        <button type="button" class="cg-bouton cg-commandes__danger" onClick={() => void confirm()}>
          {t('ordersDeleteAllConfirm')}
        </button>
      </div>
    </div>
  );
}
