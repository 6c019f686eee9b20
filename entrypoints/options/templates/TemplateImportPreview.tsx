import { useEffect, useRef } from 'preact/hooks';
import type { ImportPreview } from '../../../utils/gar/template-file';
import { t, tn } from '../../../utils/i18n';

interface Props {
  fileName: string;
  preview: ImportPreview;
  onConfirm(): void;
  onCancel(): void;
}

function NameList({ title, names }: { title: string; names: string[] }) {
  if (names.length === 0) return null;
  return (
    <div>
      <h4>{title}</h4>
      <ul>
        {names.map((name, i) => (
          // Two templates of a file may share a name: the position is the key.
          <li key={i}>{name}</li>
        ))}
      </ul>
    </div>
  );
}

/** What a received file would change, by name, before anything is written. */
export function TemplateImportPreview({ fileName, preview, onConfirm, onCancel }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Shown after a file dialog: the focus comes here so the summary is read first.
  useEffect(() => heading.current?.focus(), []);
  const { ajoutes, remplaces, identiques } = preview;
  const changes = ajoutes.length + remplaces.length;
  return (
    <div class="cg-confirmation cg-tpl__apercu" role="group" aria-labelledby="cg-tpl-apercu-titre">
      <h3 id="cg-tpl-apercu-titre" ref={heading} tabIndex={-1}>
        {t('tplImportFile', fileName)}
      </h3>
      <p>
        <strong>
          {t(
            'tplImportSummary',
            tn(ajoutes.length, 'tplImportAddedCount'),
            tn(remplaces.length, 'tplImportReplacedCount'),
            tn(identiques.length, 'tplImportIdenticalCount'),
          )}
        </strong>
      </p>
      <div class="cg-tpl__apercu-listes">
        <NameList title={t('tplImportAdded')} names={ajoutes.map((template) => template.name)} />
        <NameList
          title={t('tplImportReplaced')}
          names={remplaces.map(({ avant, apres }) =>
            avant.name === apres.name ? apres.name : t('tplImportRenamed', avant.name, apres.name),
          )}
        />
        <NameList title={t('tplImportSame')} names={identiques.map((template) => template.name)} />
      </div>
      {changes === 0 && <p>{t('tplImportNothing')}</p>}
      <div class="cg-actions">
        {changes > 0 && (
          <button type="button" class="cg-bouton" onClick={onConfirm}>
            {t('tplImportConfirm')}
          </button>
        )}
        <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={onCancel}>
          {t('tplCancel')}
        </button>
      </div>
    </div>
  );
}
