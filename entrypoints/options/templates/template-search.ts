import { foldCaseAndAccents } from '../../../utils/gar/fold';
import type { Template } from '../../../utils/gar/template-record';

/** Whether the name, the description or a resource title contains the searched text. */
export function matchesSearch(template: Template, search: string): boolean {
  const wanted = foldCaseAndAccents(search.trim());
  if (wanted === '') return true;
  const haystack = [
    template.name,
    template.description,
    ...template.rules.map((rule) => rule.resource.title),
  ];
  return haystack.some((text) => foldCaseAndAccents(text).includes(wanted));
}

const collator = new Intl.Collator('fr', { numeric: true });

/** By name as a French reader sorts (the store's index sorts « Zèbre » before « anglais »). */
export function sortByName(templates: Template[]): Template[] {
  return [...templates].sort((a, b) => collator.compare(a.name, b.name));
}
