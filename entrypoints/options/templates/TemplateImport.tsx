import { useSignal } from '@preact/signals';
import { JsonFilePicker } from '../../../components/JsonFilePicker';
import type { Status } from '../../../components/StatusMessage';
import { describeError } from '../../../utils/describe-error';
import {
  type ImportPreview,
  importPreview,
  MAX_TEMPLATE_FILE_BYTES,
  parseTemplateFile,
} from '../../../utils/gar/template-file';
import type { Template } from '../../../utils/gar/template-record';
import { t } from '../../../utils/i18n';
import { focusLater } from '../shared/form-fields';
import { TemplateImportPreview } from './TemplateImportPreview';

interface Props {
  existing: Template[];
  /** Stores the templates the RA confirmed. */
  onImport(templates: Template[]): Promise<void>;
  report(status: Status | null): void;
}

const IMPORT_BUTTON_ID = 'cg-tpl-importer';

async function readTemplateFile(file: File): Promise<ReturnType<typeof parseTemplateFile>> {
  // Refused before reading: a huge file would first have to fit in memory as text.
  if (file.size > MAX_TEMPLATE_FILE_BYTES) {
    return { ok: false, message: t('tplImportTooLarge', String(MAX_TEMPLATE_FILE_BYTES / 1024 / 1024)) };
  }
  return parseTemplateFile(await file.text());
}

/**
 * « Importer un fichier de modèles »: the file is checked whole, then previewed; a bad file is
 * refused with its French message and nothing changes until « Confirmer l'import ».
 */
export function TemplateImport({ existing, onImport, report }: Props) {
  const pending = useSignal<{ fileName: string; preview: ImportPreview } | null>(null);

  const choose = async (file: File): Promise<void> => {
    pending.value = null;
    try {
      const result = await readTemplateFile(file);
      if (!result.ok) {
        report({ text: t('tplImportRefused', result.message), error: true });
        return;
      }
      report(null);
      pending.value = { fileName: file.name, preview: importPreview(existing, result.templates) };
    } catch (cause) {
      report({ text: t('tplImportRefused', describeError(cause)), error: true });
    }
  };

  const confirm = async (preview: ImportPreview): Promise<void> => {
    pending.value = null;
    await onImport([...preview.ajoutes, ...preview.remplaces.map(({ apres }) => apres)]);
  };

  return (
    <>
      <JsonFilePicker
        id={IMPORT_BUTTON_ID}
        label={t('tplImport')}
        testId="import-modeles"
        onFile={(file) => void choose(file)}
      />
      {pending.value && (
        <TemplateImportPreview
          fileName={pending.value.fileName}
          preview={pending.value.preview}
          onConfirm={() => pending.value && void confirm(pending.value.preview)}
          onCancel={() => {
            pending.value = null;
            focusLater(IMPORT_BUTTON_ID);
          }}
        />
      )}
    </>
  );
}
