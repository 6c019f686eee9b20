import { useSignal } from '@preact/signals';
import { downloadText } from '../../../components/download';
import { type Status, StatusMessage } from '../../../components/StatusMessage';
import { readStore, useStore } from '../../../components/use-store';
import { describeError } from '../../../utils/describe-error';
import { parisIsoDay } from '../../../utils/gar/paris-time';
import { exportTemplates } from '../../../utils/gar/template-file';
import type { Template } from '../../../utils/gar/template-record';
import { t, tn } from '../../../utils/i18n';
import type { GarDb } from '../../../utils/store/db';
import { deleteTemplate, listTemplates, putTemplate } from '../../../utils/store/repositories';
import { focusLater, rowControlId } from '../shared/form-fields';
import { TemplateConformity } from './TemplateConformity';
import { TemplateEditor } from './TemplateEditor';
import { TemplateImport } from './TemplateImport';
import { TemplateList } from './TemplateList';
import type { TemplateActions } from './TemplateRow';
import { duplicateOf, renamed } from './template-draft';
import { sortByName } from './template-search';

const HEADING_ID = 'cg-titre-modeles';
const NEW_BUTTON_ID = 'cg-tpl-nouveau';

/** The form open for a new template (no `template`) or an existing one. */
interface Editing {
  template?: Template;
  /** Where the focus goes back when the form closes without saving. */
  returnFocus: string;
}

async function readTemplates(db: GarDb): Promise<Template[]> {
  return sortByName(await listTemplates(db));
}

/** `modeles-compagnon-gar-YYYY-MM-DD.json`, dated on the Paris calendar. */
function exportFileName(now: Date): string {
  return `modeles-compagnon-gar-${parisIsoDay(now)}.json`;
}

/**
 * « Modèles d'affectation »: named rule sets kept from one school year to the next — created,
 * edited, duplicated, renamed, deleted after a confirmation, exported to a file and imported from
 * one after a preview. Applied from the console's « Affectation groupée » panel, not from here.
 */
export function TemplatesPage() {
  const { data: templates, error } = useStore(readTemplates);
  const editing = useSignal<Editing | null>(null);
  const status = useSignal<Status | null>(null);

  /** Writes, reloads the list, then says what happened and where the focus lands. */
  const change = async (
    work: (db: GarDb) => Promise<unknown>,
    done: string,
    focusId: string,
  ): Promise<void> => {
    try {
      await readStore(work);
      templates.value = await readStore(readTemplates);
      status.value = { text: done, error: false };
      focusLater(focusId, HEADING_ID);
    } catch (cause) {
      status.value = { text: t('tplStoreError', describeError(cause)), error: true };
    }
  };

  const actions: TemplateActions = {
    edit: (template) => {
      status.value = null;
      editing.value = { template, returnFocus: rowControlId('modifier', template.id) };
    },
    duplicate: (template) => {
      const copy = duplicateOf(template, new Date());
      // The copy is usually renamed next: the focus goes to its « Renommer ».
      return change(
        (db) => putTemplate(db, copy),
        t('tplDuplicated', copy.name),
        rowControlId('renommer', copy.id),
      );
    },
    rename: async (template, name) => {
      const checked = renamed(template, name, new Date());
      if (!checked.ok) return checked.message;
      await change(
        (db) => putTemplate(db, checked.template),
        t('tplRenamed', checked.template.name),
        rowControlId('renommer', template.id),
      );
      return null;
    },
    remove: (template) =>
      change((db) => deleteTemplate(db, template.id), t('tplDeleted', template.name), HEADING_ID),
  };

  const save = async (template: Template): Promise<void> => {
    // A refusal here reaches the form, which stays open with what the RA typed.
    await readStore((db) => putTemplate(db, template));
    templates.value = await readStore(readTemplates);
    editing.value = null;
    status.value = { text: t('tplSaved', template.name), error: false };
    focusLater(rowControlId('modifier', template.id), HEADING_ID);
  };

  const importAll = (incoming: Template[]): Promise<void> =>
    change(
      async (db) => {
        for (const template of incoming) await putTemplate(db, template);
      },
      tn(incoming.length, 'tplImportDone'),
      HEADING_ID,
    );

  const exportSome = (chosen: Template[]): void => {
    const now = new Date();
    const fileName = exportFileName(now);
    downloadText(fileName, exportTemplates(chosen, now), 'application/json');
    status.value = { text: tn(chosen.length, 'tplExported', fileName), error: false };
  };

  const list = templates.value;
  const open = editing.value;
  return (
    <section aria-labelledby={HEADING_ID} class="cg-tpl">
      <h2 id={HEADING_ID} tabIndex={-1}>
        {t('tplTitle')}
      </h2>
      <p class="cg-aide">{t('tplHint')}</p>
      {error.value && (
        <p class="cg-erreur" role="alert">
          {error.value}
        </p>
      )}
      <StatusMessage status={status.value?.error ? null : status.value} />
      {status.value?.error && (
        <p class="cg-erreur" role="alert">
          {status.value.text}
        </p>
      )}
      {open && (
        <TemplateEditor
          template={open.template}
          onSave={save}
          onCancel={() => {
            editing.value = null;
            focusLater(open.returnFocus, HEADING_ID);
          }}
        />
      )}
      {!open && list && (
        <>
          <div class="cg-actions cg-tpl__outils">
            <button
              id={NEW_BUTTON_ID}
              type="button"
              class="cg-bouton"
              onClick={() => {
                status.value = null;
                editing.value = { returnFocus: NEW_BUTTON_ID };
              }}
            >
              {t('tplNew')}
            </button>
            <TemplateImport
              existing={list}
              onImport={importAll}
              report={(next) => {
                status.value = next;
              }}
            />
          </div>
          {list.length === 0 ? (
            <p class="cg-vide">{t('tplEmpty')}</p>
          ) : (
            <TemplateList templates={list} actions={actions} onExport={exportSome} />
          )}
          <h3>{t('tplConformityTitle')}</h3>
          <TemplateConformity />
        </>
      )}
    </section>
  );
}
