import { downloadText } from '../../../../components/download';
import { parisIsoDay } from '../../../../utils/gar/paris-time';
import { resolvedAssignmentsCsv } from '../../../../utils/gar/templates-csv';
import { t, tn } from '../../../../utils/i18n';
import type { BulkState, Step } from './state';

/**
 * « Conformité »: for each rule of the chosen templates, who it designates and has no licence yet
 * (manquants) and who holds one without being designated (en trop). Nothing is written; the RA
 * can apply the templates from here, or export the resolved assignments.
 */
export function ConformityStep({
  state,
  step,
}: {
  state: BulkState;
  step: Extract<Step, { kind: 'conformite' }>;
}) {
  const names = new Map(step.templates.map((template) => [template.id, template.name]));
  const school = state.school.value;
  const exportCsv = (): void => {
    if (!school) return;
    const day = parisIsoDay(new Date());
    const csv = resolvedAssignmentsCsv(step.resolution, step.titles, school.index);
    downloadText(`modeles-affectations-${day}.csv`, csv, 'text/csv');
  };
  return (
    <div class="cg-etape">
      <table class="cg-tableau cg-tableau--large" data-cg-conformite>
        <caption>{t('bulkConformityCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bulkConformityTemplate')}</th>
            <th scope="col">{t('bulkConformityResource')}</th>
            <th scope="col">{t('bulkConformityMissing')}</th>
            <th scope="col">{t('bulkConformityExtra')}</th>
          </tr>
        </thead>
        <tbody>
          {step.lignes.map((line) => (
            <tr
              key={`${line.templateId}-${line.ruleIndex}-${line.idAbonnement}`}
              data-cg-conforme={line.idAbonnement}
            >
              <th scope="row">{names.get(line.templateId) ?? line.templateId}</th>
              <td class="cg-texte">{step.titles.get(line.idAbonnement) ?? line.idAbonnement}</td>
              <td>{line.manquants === 0 ? `✔ 0` : `⚠ ${line.manquants}`}</td>
              <td>{line.enTrop}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {step.resolution.nonResolus.length > 0 && (
        <p class="cg-alerte">{tn(step.resolution.nonResolus.length, 'bulkConformityUnresolved')}</p>
      )}
      <div class="cg-pied">
        <button
          type="button"
          class="cg-bouton cg-bouton--secondaire"
          onClick={() => void state.openTemplates()}
        >
          {t('bulkTemplatesBack')}
        </button>
        <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={exportCsv}>
          {t('bulkConformityExport')}
        </button>
        <button type="button" class="cg-bouton" onClick={() => void state.resolveChosen(step.templates)}>
          {t('bulkTemplatesResolve')}
        </button>
      </div>
    </div>
  );
}
