import { useSignal } from '@preact/signals';
import type { MutableRef } from 'preact/hooks';
import type uPlot from 'uplot';
import { downloadBlob, downloadText } from '../../../components/download';
import { type Status, StatusMessage } from '../../../components/StatusMessage';
import { describeError } from '../../../utils/describe-error';
import { type CsvCell, frenchExcelCsv } from '../../../utils/gar/csv';
import { t } from '../../../utils/i18n';
import { type ChartSpec, chartPng } from './statistics-chart';

interface Props {
  /** The file name without its extension: `statistiques-0561622J-ressources-2025-2026`. */
  baseName: string;
  csvRows: () => Record<string, CsvCell>[];
  plotRef: MutableRef<uPlot | null>;
  /** The chart's spec, or null when the view has no chart to save. */
  spec: ChartSpec | null;
}

/** A view's table as a CSV for French Excel, and its chart as a PNG image. */
export function StatisticsExports({ baseName, csvRows, plotRef, spec }: Props) {
  const status = useSignal<Status | null>(null);

  const saveCsv = (): void => {
    const fileName = `${baseName}.csv`;
    downloadText(fileName, frenchExcelCsv(csvRows()), 'text/csv');
    status.value = { text: t('statsExported', fileName), error: false };
  };

  const savePng = async (): Promise<void> => {
    const plot = plotRef.current;
    if (!plot || !spec) return;
    const fileName = `${baseName}.png`;
    try {
      downloadBlob(fileName, await chartPng(plot, spec));
      status.value = { text: t('statsExported', fileName), error: false };
    } catch (cause) {
      status.value = { text: t('statsPngError', describeError(cause)), error: true };
    }
  };

  return (
    <div class="cg-stats-exports">
      <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={saveCsv}>
        {t('statsExportCsv')}
      </button>
      <button
        type="button"
        class="cg-bouton cg-bouton--secondaire"
        disabled={!spec}
        onClick={() => void savePng()}
      >
        {t('statsExportPng')}
      </button>
      <StatusMessage status={status.value} />
    </div>
  );
}
