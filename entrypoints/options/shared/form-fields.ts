import { formatPath } from '../../../utils/gar/parse';

/**
 * Each field of the template form is named after the path the store's schema reports errors at
 * (`rules[0].targets[1].mef`), so a refused save can point at — and focus — the field at fault.
 */

export const EDITOR_ERROR_ID = 'cg-tpl-erreur';

export function fieldPath(...parts: Array<string | number>): string {
  return formatPath(parts);
}

export function fieldId(path: string): string {
  return `cg-tpl-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** The field's id, and when the schema refused it, its invalid state tied to the error message. */
export function fieldAttributes(path: string, invalidPath: string | null, hintId?: string) {
  const invalid = path === invalidPath;
  const described = [hintId, invalid ? EDITOR_ERROR_ID : undefined].filter(Boolean).join(' ');
  return {
    id: fieldId(path),
    'aria-invalid': invalid || undefined,
    'aria-describedby': described || undefined,
  };
}

/** Moves the focus once the next render has put the element on the page (else to the fallback). */
export function focusLater(id: string, fallbackId?: string): void {
  setTimeout(() => {
    const target = document.getElementById(id) ?? (fallbackId ? document.getElementById(fallbackId) : null);
    target?.focus();
  }, 0);
}

export type RowControl = 'modifier' | 'renommer' | 'dupliquer' | 'supprimer';

/** A row's button, found again after a re-render to give the focus back to it. */
export function rowControlId(control: RowControl, templateId: string): string {
  return `cg-tpl-${control}-${encodeURIComponent(templateId)}`;
}
