import { t } from '../i18n';
import { frenchExcelCsv } from './csv';
import type { Cible } from './school';
import { type PopulationIndex, personsOfTarget, targetLabel } from './targets';
import type { TemplateResolution } from './templates';

/**
 * A template's resolved assignments as a spreadsheet. Apart from templates.ts so that the
 * console's content script, which resolves templates, does not carry the CSV library.
 */

/** How many persons of the publics one target designates on its own. */
function designatedCount(index: PopulationIndex, cible: Cible, publics: ReadonlySet<string>): number {
  return (personsOfTarget(index, cible) ?? []).filter((person) => publics.has(person.profil)).length;
}

/** One row per template × rule × subscription × target; `titles` maps idAbonnement → resource title. */
export function resolvedAssignmentsCsv(
  resolution: TemplateResolution,
  titles: ReadonlyMap<string, string>,
  index: PopulationIndex,
): string {
  const rows = resolution.lignes.flatMap((line) => {
    const publics = new Set<string>(line.publics);
    return line.cibles.map((cible) => ({
      [t('templatesCsvTemplate')]: line.templateName,
      [t('templatesCsvRule')]: line.ruleIndex + 1,
      [t('templatesCsvResource')]: titles.get(line.idAbonnement) ?? '',
      [t('templatesCsvSubscription')]: line.idAbonnement,
      [t('templatesCsvTarget')]: targetLabel(index, cible),
      [t('templatesCsvTargetType')]: cible.type,
      [t('templatesCsvCode')]: cible.code,
      [t('templatesCsvDesignated')]: designatedCount(index, cible, publics),
    }));
  });
  return frenchExcelCsv(rows);
}
