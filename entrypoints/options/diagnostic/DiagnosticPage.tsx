import { useSignal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { downloadText } from '../../../components/download';
import { type Status, StatusMessage } from '../../../components/StatusMessage';
import { describeError } from '../../../utils/describe-error';
import { compatibilityReportSchema, type diagnosticRequestSchema } from '../../../utils/diagnostic';
import { parisIsoDay } from '../../../utils/gar/paris-time';
import { CONSOLE_MATCHES, PORTAIL_MATCHES } from '../../../utils/hosts/hosts';
import { t, tn } from '../../../utils/i18n';

type Report = ReturnType<typeof compatibilityReportSchema.parse>;

interface GarTab {
  readonly id: number;
  readonly title: string;
}

/** The GAR tabs open in this browser, most recently used first. */
async function garTabs(): Promise<GarTab[]> {
  const tabs = await browser.tabs.query({ url: [...CONSOLE_MATCHES, ...PORTAIL_MATCHES] });
  return tabs
    .filter((tab) => tab.id !== undefined)
    .sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))
    .map((tab) => ({ id: tab.id as number, title: tab.title || t('diagnosticUntitledTab') }));
}

const REQUEST: ReturnType<typeof diagnosticRequestSchema.parse> = { type: 'compagnon-gar.diagnostic' };

/**
 * « Diagnostic de compatibilité »: on the open console or portail tab, what each helper finds,
 * what each endpoint answers, the view and the profile in use; then the censored report, shown
 * in full before the RA saves it to send it.
 */
export function DiagnosticPage() {
  const tabs = useSignal<GarTab[] | null>(null);
  const report = useSignal<Report | null>(null);
  const status = useSignal<Status | null>(null);
  const running = useSignal(false);

  const findTabs = async (): Promise<void> => {
    try {
      tabs.value = await garTabs();
      status.value = tabs.value.length === 0 ? { text: t('diagnosticNoTab'), error: true } : null;
    } catch (cause) {
      status.value = { text: t('diagnosticError', describeError(cause)), error: true };
    }
  };

  const run = async (tab: GarTab): Promise<void> => {
    running.value = true;
    report.value = null;
    status.value = { text: t('diagnosticRunning'), error: false };
    try {
      const answer = compatibilityReportSchema.safeParse(await browser.tabs.sendMessage(tab.id, REQUEST));
      if (!answer.success) throw new Error(t('diagnosticNoHelperInTab'));
      report.value = answer.data;
      status.value = null;
    } catch (cause) {
      status.value = { text: t('diagnosticError', describeError(cause)), error: true };
    } finally {
      running.value = false;
    }
  };

  const current = report.value;
  return (
    <section id="diagnostic" aria-labelledby="cg-titre-diagnostic" data-testid="diagnostic">
      <h2 id="cg-titre-diagnostic">{t('diagnosticTitle')}</h2>
      <p class="cg-aide">{t('diagnosticHint')}</p>
      <div class="cg-actions">
        <button type="button" class="cg-bouton" onClick={() => void findTabs()}>
          {t('diagnosticFindTabs')}
        </button>
      </div>
      {tabs.value && tabs.value.length > 0 && (
        <ul class="cg-liste-onglets">
          {tabs.value.map((tab) => (
            <li key={tab.id}>
              <span>{tab.title}</span>{' '}
              <button
                type="button"
                class="cg-bouton cg-bouton--secondaire"
                disabled={running.value}
                onClick={() => void run(tab)}
              >
                {t('diagnosticRun')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <StatusMessage status={status.value} />
      {current && <DiagnosticResult report={current} />}
    </section>
  );
}

function DiagnosticResult({ report }: { report: Report }) {
  const text = JSON.stringify(report, null, 2);
  const save = () =>
    downloadText(
      `rapport-compatibilite-${report.site}-${parisIsoDay(new Date())}.json`,
      text,
      'application/json',
    );
  return (
    <div data-testid="diagnostic-resultat">
      <p>
        {t('diagnosticView', report.vue ?? t('diagnosticUnknownView'))} ·{' '}
        {t('diagnosticProfile', report.profil.nom ?? t('diagnosticBuiltinProfile'))}
        {report.profil.refus !== null && ` (${t('diagnosticProfileRefused', report.profil.refus)})`}
      </p>
      <h3>{t('diagnosticHelpers')}</h3>
      <ul class="cg-diagnostic-liste">
        {report.aides.map((aide) => (
          <li key={aide.id}>
            <strong>{aide.nom}</strong>
            <ul>
              {aide.ancres.map((ancre) => (
                <li key={ancre.ancre} class={ancre.trouves === 0 ? 'cg-erreur' : undefined}>
                  {ancre.trouves === 0
                    ? t('diagnosticAnchorMissing', ancre.ancre, ancre.css)
                    : tn(ancre.trouves, 'diagnosticAnchorFound', ancre.ancre)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <h3>{t('diagnosticEndpoints')}</h3>
      <ul class="cg-diagnostic-liste">
        {report.points.map((point) => (
          <li key={point.point} class={point.valide ? undefined : 'cg-erreur'}>
            {point.valide
              ? t('diagnosticEndpointValid', point.point, point.chemin)
              : t('diagnosticEndpointInvalid', point.point, point.chemin, point.probleme ?? '')}
          </li>
        ))}
      </ul>
      <h3>{t('diagnosticReportTitle')}</h3>
      <p class="cg-aide">{t('diagnosticReportHint')}</p>
      <pre class="cg-rapport" data-testid="diagnostic-rapport" tabIndex={0}>
        {text}
      </pre>
      <div class="cg-actions">
        <button type="button" class="cg-bouton" onClick={save}>
          {t('diagnosticSave')}
        </button>
      </div>
    </div>
  );
}
