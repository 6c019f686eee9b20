import { useSignal } from '@preact/signals';
import { PanelHeading } from '../../../../components/PanelHeading';
import { ReadyMessage } from '../../../../components/ReadyMessage';
import { describeError } from '../../../../utils/describe-error';
import { formatParisDateTime } from '../../../../utils/gar/paris-time';
import type { SchoolPopulation } from '../../../../utils/gar/school';
import type { SchoolRecord, SyncCheck } from '../../../../utils/gar/school-record';
import {
  checkSync,
  type SyncExpectations,
  type SyncFinding,
  syncMessage,
} from '../../../../utils/gar/sync-check';
import { indexPopulation } from '../../../../utils/gar/targets';
import { t } from '../../../../utils/i18n';

export interface SyncPorts {
  uai: string;
  population(): Promise<SchoolPopulation>;
  school(): Promise<SchoolRecord | null>;
  /** Records this check's counts; answers the previous ones. */
  recordCheck(check: SyncCheck): Promise<{ previous: SyncCheck | null }>;
  saveExpectations(attentes: SyncExpectations): Promise<unknown>;
  now(): Date;
}

interface Outcome {
  findings: SyncFinding[];
  previousAt: string | null;
  niveaux: { code: string; libelle: string }[];
  attentes: SyncExpectations;
}

function Expectations({ ports, outcome }: { ports: SyncPorts; outcome: Outcome }) {
  const divisions = useSignal(outcome.attentes.divisions ? String(outcome.attentes.divisions) : '');
  const levels = useSignal<Record<string, string>>(
    Object.fromEntries(
      Object.entries(outcome.attentes.elevesParNiveau ?? {}).map(([k, v]) => [k, String(v)]),
    ),
  );
  const status = useSignal<{ ok: boolean; text: string } | null>(null);
  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    const elevesParNiveau = Object.fromEntries(
      Object.entries(levels.value)
        .filter(([, value]) => value.trim() !== '')
        .map(([code, value]) => [code, Number(value)]),
    );
    try {
      await ports.saveExpectations({
        ...(divisions.value.trim() ? { divisions: Number(divisions.value) } : {}),
        ...(Object.keys(elevesParNiveau).length > 0 ? { elevesParNiveau } : {}),
      });
      status.value = { ok: true, text: t('syncExpectationsSaved') };
    } catch (error) {
      status.value = { ok: false, text: t('syncExpectationsRefused', describeError(error)) };
    }
  };
  return (
    <details class="cg-recentes">
      <summary>{t('syncExpectationsTitle')}</summary>
      <form class="cg-modele__formulaire" onSubmit={(event) => void save(event)}>
        <label class="cg-champ">
          <span>{t('syncExpectedDivisions')}</span>
          <input
            inputMode="numeric"
            value={divisions.value}
            onInput={(e) => (divisions.value = e.currentTarget.value)}
          />
        </label>
        {outcome.niveaux.map((level) => (
          <label key={level.code} class="cg-champ">
            <span>{t('syncExpectedPupils', level.libelle || level.code)}</span>
            <input
              inputMode="numeric"
              value={levels.value[level.code] ?? ''}
              onInput={(e) => (levels.value = { ...levels.value, [level.code]: e.currentTarget.value })}
            />
          </label>
        ))}
        <button type="submit" class="cg-bouton">
          {t('syncExpectationsSave')}
        </button>
        {status.value && (
          <p class={status.value.ok ? 'cg-succes' : 'cg-alerte'} role={status.value.ok ? 'status' : 'alert'}>
            {status.value.text}
          </p>
        )}
      </form>
    </details>
  );
}

/**
 * « Synchronisation ENT » on the dashboard: did the ENT bring every account, class and group?
 * Compared with the previous check and the RA's expectations; each finding says what to ask the
 * ENT administrator. Only counts and codes are kept between checks.
 */
export function SyncPanel({ ports }: { ports: SyncPorts }) {
  const outcome = useSignal<Outcome | null>(null);
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);

  const run = async (): Promise<void> => {
    busy.value = true;
    error.value = null;
    try {
      const [population, school] = await Promise.all([ports.population(), ports.school()]);
      const index = indexPopulation(population);
      const attentes = school?.attentes ?? {};
      const { counts, findings } = checkSync(index, {
        previous: school?.synchronisation?.counts,
        expected: attentes,
      });
      const { previous } = await ports.recordCheck({ checkedAt: ports.now().toISOString(), counts });
      outcome.value = {
        findings,
        previousAt: previous?.checkedAt ?? null,
        niveaux: population.mefs,
        attentes,
      };
    } catch (cause) {
      error.value = describeError(cause);
    } finally {
      busy.value = false;
    }
  };

  return (
    <section class="cg-tri cg-synchro" aria-labelledby="cg-titre-synchro" data-cg-synchro>
      <PanelHeading id="cg-titre-synchro">{t('syncTitle')}</PanelHeading>
      <button type="button" class="cg-bouton" disabled={busy.value} onClick={() => void run()}>
        {busy.value ? t('syncRunning') : t('syncRun')}
      </button>
      {error.value && (
        <p class="cg-alerte" role="alert">
          {error.value}
        </p>
      )}
      {outcome.value && (
        <div class="cg-synchro__resultat" aria-live="polite">
          <p class="cg-detail">
            {outcome.value.previousAt
              ? t('syncComparedWith', formatParisDateTime(outcome.value.previousAt))
              : t('syncFirstCheck')}
          </p>
          {outcome.value.findings.length === 0 ? (
            <p class="cg-succes" data-cg-synchro-ok>
              {t('syncAllGood')}
            </p>
          ) : (
            <ul class="cg-liste-simple cg-cartes" data-cg-constats>
              {outcome.value.findings.map((finding) => (
                <li key={finding.message} class="cg-carte" data-cg-constat={finding.kind}>
                  <p>
                    <span aria-hidden="true">⚠ </span>
                    {finding.message}
                  </p>
                  <p class="cg-detail">
                    <strong>{t('syncAsk')}</strong> {finding.demande}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {outcome.value.findings.length > 0 && (
            <ReadyMessage text={syncMessage(outcome.value.findings, ports.uai)} />
          )}
          <Expectations ports={ports} outcome={outcome.value} />
        </div>
      )}
    </section>
  );
}
