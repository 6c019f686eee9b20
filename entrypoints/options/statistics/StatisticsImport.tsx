import { useSignal } from '@preact/signals';
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { JsonFilePicker } from '../../../components/JsonFilePicker';
import { type Status, StatusMessage } from '../../../components/StatusMessage';
import { describeError } from '../../../utils/describe-error';
import { formatCalendarMonth } from '../../../utils/gar/paris-time';
import { uaiSchema } from '../../../utils/gar/record-fields';
import {
  MAX_USAGE_IMPORT_BYTES,
  type UsageImport,
  usageFileTooLargeMessage,
} from '../../../utils/gar/usage-import';
import type { UsageRow } from '../../../utils/gar/usage-row';
import { t, tnShown } from '../../../utils/i18n';
import { fileBytes, readFileInWorker } from '../shared/file-reader';
import { focusLater } from '../shared/form-fields';
import { formatCount } from './statistics-words';

export interface StatisticsImportCounts {
  ajoutees: number;
  modifiees: number;
  inchangees: number;
}

interface Props {
  /** Schools the extension has seen. */
  knownUais: readonly string[];
  /** Stores the valid lines for the chosen school; says what changed. */
  onImport(uai: string, rows: UsageRow[], fileName: string): Promise<StatisticsImportCounts>;
}

type Readable = Extract<UsageImport, { ok: true }>;

const PICK_ID = 'cg-stats-import-choisir';
const HEADING_ID = 'cg-stats-import-titre';
const SCHOOL_ID = 'cg-stats-import-etablissement';
const UAI_ID = 'cg-stats-import-uai';
const UAI_HINT_ID = 'cg-stats-import-uai-aide';
const UAI_ERROR_ID = 'cg-stats-import-uai-erreur';
const BLOCKED_ID = 'cg-stats-import-bloque';
/** The select's value that reveals the text input. */
const OTHER = '__autre__';
const SHOWN_ERRORS = 20;
/** The UAI the store will accept: its own schema's rule, so the form never lets through what saving refuses. */
const isUai = (value: string): boolean => uaiSchema.safeParse(value).success;

/** The school preselected: the one the file's name gives, else the only one known, else a choice to make. */
function initialChoice(result: Readable, knownUais: readonly string[]): string {
  if (result.uaiDuNom !== undefined) return result.uaiDuNom;
  return knownUais.length === 1 ? (knownUais[0] ?? '') : '';
}

async function readFile(file: File): Promise<UsageImport> {
  // Refused before reading: a huge file would first have to fit in memory.
  if (file.size > MAX_USAGE_IMPORT_BYTES) return { ok: false, message: usageFileTooLargeMessage() };
  // Off the page's thread and bounded in time (file-reader.ts): a forged file cannot freeze the page.
  return readFileInWorker({ kind: 'usageExport', fileName: file.name, bytes: await fileBytes(file) });
}

interface PreviewProps {
  fileName: string;
  result: Readable;
  knownUais: readonly string[];
  busy: boolean;
  onConfirm(uai: string): void;
  onCancel(): void;
}

function ErrorList({ errors }: { errors: Readable['errors'] }) {
  if (errors.length === 0) return null;
  const hidden = errors.length - SHOWN_ERRORS;
  return (
    <div>
      <h4>{tnShown(errors.length, formatCount(errors.length), 'statsImportRefusedLines')}</h4>
      <ul class="cg-erreurs" data-cg-stats-import-erreurs>
        {errors.slice(0, SHOWN_ERRORS).map((error) => (
          <li key={error.ligne}>{error.message}</li>
        ))}
      </ul>
      {hidden > 0 && <p>{tnShown(hidden, formatCount(hidden), 'statsImportMoreErrors')}</p>}
    </div>
  );
}

function FileSummary({ result }: { result: Readable }) {
  const { rows, mois } = result;
  const first = mois[0];
  const last = mois.at(-1);
  return (
    <ul>
      <li>
        <strong>{tnShown(rows.length, formatCount(rows.length), 'statsImportReadable')}</strong>
      </li>
      {first !== undefined && last !== undefined && (
        <li>
          {first === last
            ? t('statsImportMonth', formatCalendarMonth(first))
            : t('statsImportMonths', formatCalendarMonth(first), formatCalendarMonth(last))}
        </li>
      )}
      {rows.length > 0 && (
        <li>{tnShown(result.ressources, formatCount(result.ressources), 'statsImportResources')}</li>
      )}
      {result.encoding === 'windows-1252' && <li>{t('statsImportEncoding')}</li>}
    </ul>
  );
}

/** The school the lines belong to, as the select (or the typed UAI) currently says. */
interface SchoolState {
  /** The select's value: a UAI, '' (nothing chosen yet) or OTHER. */
  choice: string;
  typed: string;
}

function chosenUai(state: SchoolState, knownUais: readonly string[]): { typing: boolean; uai: string } {
  const typing = knownUais.length === 0 || state.choice === OTHER;
  return { typing, uai: typing ? state.typed.trim().toUpperCase() : state.choice };
}

interface SchoolFieldProps {
  knownUais: readonly string[];
  uaiDuNom: string | undefined;
  state: SchoolState;
  onChange(state: SchoolState): void;
}

/**
 * A select of the schools the extension knows (plus the one the file's name gives), with « Autre
 * UAI… » revealing a text field; the text field alone when no school is known yet.
 */
function SchoolField({ knownUais, uaiDuNom, state, onChange }: SchoolFieldProps) {
  const schools =
    uaiDuNom === undefined || knownUais.includes(uaiDuNom) ? knownUais : [...knownUais, uaiDuNom];
  const { typing, uai } = chosenUai(state, knownUais);
  const uaiError = typing && state.typed.trim() !== '' && !isUai(uai);
  return (
    <>
      {knownUais.length > 0 && (
        <div class="cg-champ-ligne">
          <label for={SCHOOL_ID}>{t('statsImportSchool')}</label>
          <select
            id={SCHOOL_ID}
            value={state.choice}
            onChange={(event) => onChange({ ...state, choice: event.currentTarget.value })}
          >
            {state.choice === '' && <option value="">{t('statsImportChooseSchool')}</option>}
            {schools.map((school) => (
              <option key={school} value={school}>
                {knownUais.includes(school) ? school : t('statsImportUaiFromName', school)}
              </option>
            ))}
            <option value={OTHER}>{t('statsImportOtherUai')}</option>
          </select>
        </div>
      )}
      {typing && (
        <>
          <div class="cg-champ-ligne">
            <label for={UAI_ID}>{t('statsImportUaiLabel')}</label>
            <input
              id={UAI_ID}
              value={state.typed}
              maxLength={12}
              autoComplete="off"
              spellcheck={false}
              aria-invalid={uaiError || undefined}
              aria-describedby={uaiError ? `${UAI_HINT_ID} ${UAI_ERROR_ID}` : UAI_HINT_ID}
              onInput={(event) => onChange({ ...state, typed: event.currentTarget.value })}
            />
          </div>
          <p id={UAI_HINT_ID} class="cg-aide">
            {t('statsImportUaiHint')}
          </p>
        </>
      )}
      {uaiError && (
        <p id={UAI_ERROR_ID} class="cg-erreur">
          {t('statsImportUaiInvalid', state.typed.trim())}
        </p>
      )}
      {uaiDuNom !== undefined && isUai(uai) && uai !== uaiDuNom && (
        <p class="cg-aide">
          <span aria-hidden="true">⚠ </span>
          {t('statsImportUaiMismatch', uaiDuNom)}
        </p>
      )}
    </>
  );
}

function confirmLabel(result: Readable, busy: boolean): string {
  if (busy) return t('statsImportBusy');
  const lines = formatCount(result.rows.length);
  const refused = formatCount(result.errors.length);
  if (result.rows.length === 1) {
    return result.errors.length === 0
      ? t('statsImportConfirmOne')
      : tnShown(result.errors.length, refused, 'statsImportConfirmOnePartial');
  }
  return result.errors.length === 0
    ? t('statsImportConfirm', lines)
    : t('statsImportConfirmPartial', lines, tnShown(result.errors.length, refused, 'statsRefusedCount'));
}

/** What the file holds and for which school, before anything is written. */
function StatisticsPreview({ fileName, result, knownUais, busy, onConfirm, onCancel }: PreviewProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const school = useSignal<SchoolState>({
    choice: initialChoice(result, knownUais),
    typed: result.uaiDuNom ?? '',
  });
  // Shown after a file dialog: the focus comes here so the summary is read first.
  useEffect(() => heading.current?.focus(), []);

  const { uai } = chosenUai(school.value, knownUais);
  const blocked =
    result.rows.length === 0 ? t('statsImportNoLine') : isUai(uai) ? null : t('statsImportNeedUai');

  return (
    <div class="cg-confirmation" role="group" aria-labelledby={HEADING_ID} data-cg-import-statistiques>
      <h3 id={HEADING_ID} ref={heading} tabIndex={-1}>
        {t('statsImportFile', fileName)}
      </h3>
      <FileSummary result={result} />
      <ErrorList errors={result.errors} />
      <SchoolField
        knownUais={knownUais}
        uaiDuNom={result.uaiDuNom}
        state={school.value}
        onChange={(state) => {
          school.value = state;
        }}
      />
      {blocked !== null && (
        <p id={BLOCKED_ID} class="cg-aide">
          {blocked}
        </p>
      )}
      <div class="cg-actions">
        <button
          type="button"
          class="cg-bouton"
          disabled={blocked !== null || busy}
          aria-describedby={blocked === null ? undefined : BLOCKED_ID}
          onClick={() => onConfirm(uai)}
        >
          {confirmLabel(result, busy)}
        </button>
        <button type="button" class="cg-bouton cg-bouton--secondaire" disabled={busy} onClick={onCancel}>
          {t('statsImportCancel')}
        </button>
      </div>
    </div>
  );
}

/**
 * « Importer un export CSV des statistiques »: the portail's `statistiques-<UAI>.csv`, straight or
 * re-saved by Excel. A file that cannot be read is refused whole with its French message; otherwise
 * a preview says what it holds, lists the refused lines and asks for the school (preselected from
 * the file's name). Nothing is written before « Importer les N lignes ».
 */
export function StatisticsImport({ knownUais, onImport }: Props): JSX.Element {
  /** `pick` numbers the choices: the same file chosen again gets a fresh preview. */
  const pending = useSignal<{ pick: number; fileName: string; result: Readable } | null>(null);
  const picks = useRef(0);
  const refusal = useSignal<string | null>(null);
  const status = useSignal<Status | null>(null);
  const busy = useSignal(false);

  const choose = async (file: File): Promise<void> => {
    pending.value = null;
    refusal.value = null;
    status.value = null;
    try {
      const result = await readFile(file);
      if (result.ok) pending.value = { pick: ++picks.current, fileName: file.name, result };
      else refusal.value = t('statsImportRefused', file.name, result.message);
    } catch (cause) {
      refusal.value = t('statsImportRefused', file.name, describeError(cause));
    }
  };

  const confirm = async (uai: string): Promise<void> => {
    const current = pending.value;
    if (current === null || busy.value) return;
    busy.value = true;
    try {
      const done = await onImport(uai, current.result.rows, current.fileName);
      status.value = {
        text: t(
          'statsImportDone',
          tnShown(done.ajoutees, formatCount(done.ajoutees), 'statsAddedLines'),
          tnShown(done.modifiees, formatCount(done.modifiees), 'statsUpdatedLines'),
          tnShown(done.inchangees, formatCount(done.inchangees), 'statsSameLines'),
        ),
        error: false,
      };
      pending.value = null;
      focusLater(PICK_ID);
    } catch (cause) {
      // The preview stays: the RA can try again.
      status.value = { text: t('statsImportFailed', describeError(cause)), error: true };
    } finally {
      busy.value = false;
    }
  };

  return (
    <div class="cg-stats-import">
      <h3>{t('statsImportTitle')}</h3>
      <p class="cg-aide">{t('statsImportHint')}</p>
      <JsonFilePicker
        id={PICK_ID}
        label={t('statsImportChoose')}
        testId="import-statistiques"
        accept=".csv,text/csv"
        onFile={(file) => void choose(file)}
      />
      {refusal.value !== null && (
        <p role="alert" class="cg-erreur">
          {refusal.value}
        </p>
      )}
      <StatusMessage status={status.value} />
      {pending.value && (
        <StatisticsPreview
          key={pending.value.pick}
          fileName={pending.value.fileName}
          result={pending.value.result}
          knownUais={knownUais}
          busy={busy.value}
          onConfirm={(uai) => void confirm(uai)}
          onCancel={() => {
            pending.value = null;
            focusLater(PICK_ID);
          }}
        />
      )}
    </div>
  );
}
