import { useSignal } from '@preact/signals';
import type { Template } from '../../../utils/gar/template-record';
import { t } from '../../../utils/i18n';
import { type RowPanel, type TemplateActions, TemplateRow } from './TemplateRow';
import { matchesSearch } from './template-search';
import { templatesCountWord } from './template-words';

interface Props {
  templates: Template[];
  actions: TemplateActions;
  onExport(templates: Template[]): void;
}

/** The templates as a table: searched, selected for export, each with its own actions. */
export function TemplateList({ templates, actions, onExport }: Props) {
  const search = useSignal('');
  const chosen = useSignal<ReadonlySet<string>>(new Set());
  const open = useSignal<{ id: string; panel: RowPanel } | null>(null);

  const shown = templates.filter((template) => matchesSearch(template, search.value));
  // A deleted template leaves the selection with the list.
  const selected = templates.filter((template) => chosen.value.has(template.id));
  const allShownChosen = shown.length > 0 && shown.every((template) => chosen.value.has(template.id));

  const choose = (ids: string[], on: boolean): void => {
    const next = new Set(chosen.value);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    chosen.value = next;
  };

  return (
    <>
      <div class="cg-tpl__barre">
        <label class="cg-tpl__recherche">
          <span>{t('tplSearch')}</span>
          <input
            type="search"
            value={search.value}
            onInput={(event) => {
              search.value = event.currentTarget.value;
            }}
          />
        </label>
        <p role="status" class="cg-tpl__compte">
          {templatesCountWord(shown.length)}
        </p>
        <div class="cg-actions cg-tpl__exports">
          <button
            type="button"
            class="cg-bouton cg-bouton--secondaire"
            disabled={selected.length === 0}
            onClick={() => onExport(selected)}
          >
            {t('tplExportSelection', String(selected.length))}
          </button>
          <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={() => onExport(templates)}>
            {t('tplExportAll')}
          </button>
        </div>
      </div>
      {shown.length === 0 ? (
        <p class="cg-vide">{t('tplNoMatch')}</p>
      ) : (
        <div class="cg-tpl__defilement">
          <table class="cg-tpl__table">
            <caption class="cg-invisible">{t('tplTitle')}</caption>
            <thead>
              <tr>
                <td class="cg-tpl__choix">
                  <input
                    type="checkbox"
                    aria-label={t('tplSelectAll')}
                    checked={allShownChosen}
                    onChange={(event) =>
                      choose(
                        shown.map((template) => template.id),
                        event.currentTarget.checked,
                      )
                    }
                  />
                </td>
                <th scope="col">{t('tplColName')}</th>
                <th scope="col" class="cg-nombre">
                  {t('tplColRules')}
                </th>
                <th scope="col">{t('tplColUpdated')}</th>
                <th scope="col">{t('tplColActions')}</th>
              </tr>
            </thead>
            {shown.map((template) => (
              <TemplateRow
                key={template.id}
                template={template}
                selected={chosen.value.has(template.id)}
                onSelect={(on) => choose([template.id], on)}
                panel={open.value?.id === template.id ? open.value.panel : null}
                onPanel={(panel) => {
                  open.value = panel ? { id: template.id, panel } : null;
                }}
                actions={actions}
              />
            ))}
          </table>
        </div>
      )}
    </>
  );
}
