import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../../utils/i18n';

interface Props {
  name: string;
  /** Stores the new name; resolves to the refusal's message, or null once renamed. */
  onRename(name: string): Promise<string | null>;
  onCancel(): void;
}

const ERROR_ID = 'cg-tpl-renommer-erreur';

/** Renaming in place, without opening the whole form. Escape gives up. */
export function TemplateRename({ name, onRename, onCancel }: Props) {
  const value = useSignal(name);
  const refusal = useSignal<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // Opened on demand by « Renommer »: typing the new name is the next step.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    refusal.value = await onRename(value.value);
  };
  return (
    <form
      class="cg-tpl__renommer"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <label class="cg-tpl__champ cg-tpl__champ--large">
        <span>{t('tplRenameLabel', name)}</span>
        <input
          type="text"
          required
          maxLength={120}
          ref={input}
          value={value.value}
          aria-invalid={refusal.value !== null || undefined}
          aria-describedby={refusal.value ? ERROR_ID : undefined}
          onInput={(event) => {
            value.value = event.currentTarget.value;
          }}
        />
      </label>
      <div class="cg-actions">
        <button type="submit" class="cg-bouton">
          {t('tplRenameSave')}
        </button>
        <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={onCancel}>
          {t('tplCancel')}
        </button>
      </div>
      {refusal.value && (
        <p id={ERROR_ID} class="cg-erreur" role="alert">
          {refusal.value}
        </p>
      )}
    </form>
  );
}
