import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { describeError } from '../../../utils/describe-error';
import { formatParisDateTime } from '../../../utils/gar/paris-time';
import { HostError } from '../../../utils/hosts/errors';
import { numberFormat, t, tnShown } from '../../../utils/i18n';
import type { ResponseOf } from '../../../utils/messaging';
import { PanelHeading } from '../../PanelHeading';

export type CaptureCounts = ResponseOf<'stats.capture'>;

export interface CapturePorts {
  /** Reads the page's figures and stores them; the counts of the merge. */
  capture(): Promise<CaptureCounts>;
  status(): Promise<ResponseOf<'stats.status'>>;
  openHistory(): void;
  /** What a capture keeps on this page, in one sentence. */
  hint: string;
}

type State =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; counts: CaptureCounts; automatic: boolean }
  | { kind: 'failed'; message: string };

/** What to do next, when the page's session ran out: the usual case on a page left open. */
function failureText(error: unknown): string {
  if (error instanceof HostError && error.kind === 'session') return t('statsCaptureSession');
  return describeError(error);
}

function Outcome({ state }: { state: State }) {
  if (state.kind === 'busy') return <p class="cg-chargement">{t('statsCaptureBusy')}</p>;
  if (state.kind === 'failed') {
    return (
      <p class="cg-alerte" role="alert">
        {t('statsCaptureError', state.message)}
      </p>
    );
  }
  if (state.kind !== 'done') return null;
  const { ajoutees, modifiees, inchangees } = state.counts;
  return (
    <p class="cg-succes" role="status" data-cg-capture-resultat>
      ✔ {state.automatic ? `${t('statsCaptureAutoDone')} ` : ''}
      {t(
        'statsCaptureDone',
        tnShown(ajoutees, numberFormat().format(ajoutees), 'statsNewLines'),
        tnShown(modifiees, numberFormat().format(modifiees), 'statsUpdatedLines'),
        tnShown(inchangees, numberFormat().format(inchangees), 'statsSameLines'),
      )}
    </p>
  );
}

/**
 * « Capturer » on a GAR page: the figures the page shows go into the history the portail does not
 * keep. The automatic capture (a setting, on by default) runs on the first visit of the day.
 */
export function CapturePanel({ ports }: { ports: CapturePorts }) {
  const state = useSignal<State>({ kind: 'idle' });
  const last = useSignal<string | null>(null);

  const run = async (automatic: boolean): Promise<void> => {
    state.value = { kind: 'busy' };
    try {
      const counts = await ports.capture();
      state.value = { kind: 'done', counts, automatic };
      last.value = new Date().toISOString();
    } catch (error) {
      state.value = { kind: 'failed', message: failureText(error) };
    }
  };

  useEffect(() => {
    ports
      .status()
      .then(({ automatiqueDue, derniereCapture }) => {
        last.value = derniereCapture;
        if (automatiqueDue) return run(true);
      })
      .catch((error: unknown) => {
        state.value = { kind: 'failed', message: failureText(error) };
      });
  }, []);

  return (
    <section class="cg-tri cg-synchro" aria-labelledby="cg-titre-capture" data-cg-capture>
      <PanelHeading id="cg-titre-capture">{t('statsCaptureTitle')}</PanelHeading>
      <p class="cg-info">{ports.hint}</p>
      <p data-cg-capture-derniere>
        {last.value ? t('statsCaptureLast', formatParisDateTime(last.value)) : t('statsCaptureNever')}
      </p>
      <div class="cg-capture__actions">
        <button
          type="button"
          class="cg-bouton"
          disabled={state.value.kind === 'busy'}
          onClick={() => void run(false)}
        >
          {t('statsCaptureButton')}
        </button>
        <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={ports.openHistory}>
          {t('statsCaptureHistory')}
        </button>
      </div>
      <Outcome state={state.value} />
    </section>
  );
}
