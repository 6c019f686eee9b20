import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../utils/i18n';

interface Props {
  name: string;
  onConfirm(): void;
  onCancel(): void;
}

/** The confirmation step before a deletion; the focus starts on « Annuler », the harmless choice. */
export function TemplateDeleteConfirm({ name, onConfirm, onCancel }: Props) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      class="cg-tpl__confirmation"
      role="group"
      aria-labelledby="cg-tpl-question"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <p id="cg-tpl-question">
        <strong>{t('tplDeleteQuestion', name)}</strong>
      </p>
      <p class="cg-aide">{t('tplDeleteHint')}</p>
      <div class="cg-actions">
        <button ref={cancel} type="button" class="cg-bouton cg-bouton--secondaire" onClick={onCancel}>
          {t('tplCancel')}
        </button>
        <button type="button" class="cg-bouton cg-tpl__danger" onClick={onConfirm}>
          {t('tplDelete')}
        </button>
      </div>
    </div>
  );
}
