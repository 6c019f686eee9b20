import { useStore } from '../../../components/use-store';
import { formatParisDateTime } from '../../../utils/gar/paris-time';
import type { ConformityRecord } from '../../../utils/gar/template-record';
import { t } from '../../../utils/i18n';
import { listConformity } from '../../../utils/store/repositories';

function sortedChecks(records: readonly ConformityRecord[]): ConformityRecord[] {
  return [...records].sort(
    (a, b) => a.uai.localeCompare(b.uai) || a.templateName.localeCompare(b.templateName, 'fr'),
  );
}

/**
 * The distance between each school's console and its templates, as last checked from the console
 * (« Vérifier la conformité »): counts only, with the time of the check — the options page cannot
 * read the console itself.
 */
export function TemplateConformity() {
  const { data: checks } = useStore((db) => listConformity(db));
  if (!checks.value || checks.value.length === 0) {
    return <p class="cg-aide">{t('tplConformityNone')}</p>;
  }
  return (
    <table class="cg-tableau-options" data-cg-conformite-options>
      <caption>{t('tplConformityCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('tplConformitySchool')}</th>
          <th scope="col">{t('tplConformityTemplate')}</th>
          <th scope="col">{t('tplConformityResource')}</th>
          <th scope="col" class="cg-nombre">
            {t('tplConformityMissing')}
          </th>
          <th scope="col" class="cg-nombre">
            {t('tplConformityExtra')}
          </th>
          <th scope="col">{t('tplConformityChecked')}</th>
        </tr>
      </thead>
      <tbody>
        {sortedChecks(checks.value).flatMap((check) =>
          check.lignes.map((line) => (
            <tr key={`${check.uai}-${check.templateId}-${line.ruleIndex}-${line.idAbonnement}`}>
              <td>{check.uai}</td>
              <th scope="row">{check.templateName}</th>
              <td>{line.libelle}</td>
              <td class="cg-nombre">{line.manquants === 0 ? '✔ 0' : `⚠ ${line.manquants}`}</td>
              <td class="cg-nombre">{line.enTrop}</td>
              <td>{formatParisDateTime(check.checkedAt)}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}
