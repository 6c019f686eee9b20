import { formatParisDateTime } from '../../../utils/gar/paris-time';
import type { Template } from '../../../utils/gar/template-record';
import { t } from '../../../utils/i18n';
import { focusLater, type RowControl, rowControlId } from '../shared/form-fields';
import { TemplateDeleteConfirm } from './TemplateDeleteConfirm';
import { TemplateRename } from './TemplateRename';

/** What the page does with one template; the row only asks. */
export interface TemplateActions {
  edit(template: Template): void;
  duplicate(template: Template): Promise<void>;
  /** Resolves to the refusal's message, or null once renamed. */
  rename(template: Template, name: string): Promise<string | null>;
  remove(template: Template): Promise<void>;
}

/** The step opened under a row: one at a time in the whole list. */
export type RowPanel = Extract<RowControl, 'renommer' | 'supprimer'>;

interface Props {
  template: Template;
  selected: boolean;
  onSelect(selected: boolean): void;
  panel: RowPanel | null;
  onPanel(panel: RowPanel | null): void;
  actions: TemplateActions;
}

/** Columns of the table, for a row's panel to span them all. */
const COLUMNS = 5;

function resourceTitles(template: Template): string {
  return [...new Set(template.rules.map((rule) => rule.resource.title))].join(', ');
}

/**
 * One template: name (always text, whatever a received file put in it), description, resources,
 * rule count, last change, and its actions — each button's name says which template it acts on.
 */
export function TemplateRow({ template, selected, onSelect, panel, onPanel, actions }: Props) {
  const { id, name } = template;
  const button = (control: RowControl, label: string, onClick: () => void) => (
    <button
      id={rowControlId(control, id)}
      type="button"
      class={`cg-bouton cg-bouton--secondaire cg-tpl__action${control === 'supprimer' ? ' cg-tpl__action--danger' : ''}`}
      aria-expanded={control === 'renommer' || control === 'supprimer' ? panel === control : undefined}
      onClick={onClick}
    >
      {label}
      <span class="cg-invisible"> {t('quotedName', name)}</span>
    </button>
  );
  // Closing a step gives the focus back to the button that opened it.
  const close = (): void => {
    if (panel) focusLater(rowControlId(panel, id));
    onPanel(null);
  };
  const titles = resourceTitles(template);
  return (
    <tbody class={panel ? 'cg-tpl__groupe cg-tpl__groupe--ouvert' : 'cg-tpl__groupe'}>
      <tr data-template-id={id}>
        <td class="cg-tpl__choix">
          <input
            type="checkbox"
            aria-label={t('tplSelectOne', name)}
            checked={selected}
            onChange={(event) => onSelect(event.currentTarget.checked)}
          />
        </td>
        <th scope="row" class="cg-tpl__nom">
          <span class="cg-tpl__titre">{name}</span>
          {template.description && <span class="cg-tpl__description">{template.description}</span>}
          {titles && <span class="cg-tpl__ressources">{t('tplResources', titles)}</span>}
        </th>
        <td class="cg-nombre">{template.rules.length}</td>
        <td class="cg-tpl__date">{formatParisDateTime(template.updatedAt)}</td>
        <td>
          <div class="cg-tpl__actions">
            {button('modifier', t('tplEdit'), () => actions.edit(template))}
            {button('renommer', t('tplRename'), () => onPanel(panel === 'renommer' ? null : 'renommer'))}
            {button('dupliquer', t('tplDuplicate'), () => void actions.duplicate(template))}
            {button('supprimer', t('tplDelete'), () => onPanel(panel === 'supprimer' ? null : 'supprimer'))}
          </div>
        </td>
      </tr>
      {panel && (
        <tr class="cg-tpl__panneau">
          <td colSpan={COLUMNS}>
            {panel === 'renommer' ? (
              <TemplateRename
                name={name}
                onRename={async (newName) => {
                  const refusal = await actions.rename(template, newName);
                  if (refusal === null) close();
                  return refusal;
                }}
                onCancel={close}
              />
            ) : (
              <TemplateDeleteConfirm
                name={name}
                onConfirm={() => void actions.remove(template)}
                onCancel={close}
              />
            )}
          </td>
        </tr>
      )}
    </tbody>
  );
}
