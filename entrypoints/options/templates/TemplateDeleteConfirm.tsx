import { t } from '../../../utils/i18n';
import { DeleteConfirm } from '../shared/DeleteConfirm';

interface Props {
  name: string;
  onConfirm(): void;
  onCancel(): void;
}

/** The confirmation step before a template's deletion. */
export function TemplateDeleteConfirm({ name, onConfirm, onCancel }: Props) {
  return (
    <DeleteConfirm
      class="cg-tpl__confirmation"
      question={t('tplDeleteQuestion', name)}
      hint={t('tplDeleteHint')}
      cancelLabel={t('tplCancel')}
      confirmLabel={t('tplDelete')}
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
