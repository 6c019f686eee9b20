import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { JsonFilePicker } from '../../../components/JsonFilePicker';
import { type Status, StatusMessage } from '../../../components/StatusMessage';
import { describeError } from '../../../utils/describe-error';
import { formatCalendarDayLong } from '../../../utils/gar/paris-time';
import {
  readCalibrationFile,
  readStoredCalibration,
  removeCalibration,
  type StoredCalibration,
  storeCalibration,
} from '../../../utils/host-profile';
import { t } from '../../../utils/i18n';

/**
 * « Fichier d'étalonnage »: how the helpers are told where things are when the real console or
 * portail differ from the built-in model. Import (refused with the faulty field named), show,
 * revert. It takes effect on the GAR tabs loaded afterwards.
 */
export function CalibrationPage() {
  const current = useSignal<StoredCalibration | undefined>(undefined);
  const status = useSignal<Status | null>(null);

  useEffect(() => {
    readStoredCalibration().then(
      (stored) => (current.value = stored),
      (cause) => (status.value = { text: t('calibrationReadError', describeError(cause)), error: true }),
    );
  }, []);

  const importFile = async (file: File): Promise<void> => {
    const reading = readCalibrationFile(await file.text());
    if (!reading.ok) {
      status.value = { text: t('calibrationRefused', file.name, reading.problem), error: true };
      return;
    }
    try {
      await storeCalibration(reading.calibration);
      current.value = { state: 'applied', calibration: reading.calibration };
      status.value = { text: t('calibrationApplied', reading.calibration.nom), error: false };
    } catch (cause) {
      status.value = { text: t('calibrationSaveError', describeError(cause)), error: true };
    }
  };

  const revert = async (): Promise<void> => {
    try {
      await removeCalibration();
      current.value = { state: 'none' };
      status.value = { text: t('calibrationReverted'), error: false };
    } catch (cause) {
      status.value = { text: t('calibrationSaveError', describeError(cause)), error: true };
    }
  };

  const stored = current.value;
  const calibration = stored?.state === 'applied' ? stored.calibration : null;
  return (
    <section aria-labelledby="cg-titre-etalonnage" data-testid="etalonnage">
      <h2 id="cg-titre-etalonnage">{t('calibrationTitle')}</h2>
      <p class="cg-aide">{t('calibrationHint')}</p>
      {stored?.state === 'none' && <p data-testid="etalonnage-profil">{t('calibrationBuiltin')}</p>}
      {stored?.state === 'refused' && (
        <p class="cg-erreur" role="alert" data-testid="etalonnage-profil">
          {t('calibrationStoredRefused', stored.problem)}
        </p>
      )}
      {calibration && (
        <dl class="cg-fiche" data-testid="etalonnage-profil">
          <dt>{t('calibrationName')}</dt>
          <dd>{calibration.nom}</dd>
          <dt>{t('calibrationVersion')}</dt>
          <dd>{calibration.version}</dd>
          <dt>{t('calibrationDate')}</dt>
          <dd>{formatCalendarDayLong(calibration.date)}</dd>
        </dl>
      )}
      <div class="cg-actions">
        <JsonFilePicker
          label={t('calibrationImport')}
          testId="etalonnage-fichier"
          onFile={(file) => void importFile(file)}
        />
        {stored && stored.state !== 'none' && (
          <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={() => void revert()}>
            {t('calibrationRevert')}
          </button>
        )}
      </div>
      <StatusMessage status={status.value} />
    </section>
  );
}
