import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { describeError } from '../../../../utils/describe-error';
import { t, tn } from '../../../../utils/i18n';
import type { BulkState } from './state';

/** « Enregistrer comme modèle », under the preview: the same choice, replayable next rentrée. */
export function SaveTemplateForm({ state }: { state: BulkState }) {
  const open = useSignal(false);
  const name = useSignal('');
  const description = useSignal('');
  const message = useSignal<{ kind: 'succes' | 'erreur'; text: string } | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // The form replaces its button and back: focus follows, rather than falling out of the dialog.
  useEffect(() => {
    if (open.value) nameField.current?.focus();
    else if (wasOpen.current) openButton.current?.focus();
    wasOpen.current = open.value;
  }, [open.value]);

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    try {
      const { template, personnesIgnorees } = await state.saveAsTemplate(
        name.value.trim(),
        description.value.trim(),
      );
      const ignored = personnesIgnorees > 0 ? ` ${tn(personnesIgnorees, 'bulkTemplatePersonsLeft')}` : '';
      message.value = { kind: 'succes', text: `${t('bulkTemplateSaved', template.name)}${ignored}` };
      open.value = false;
    } catch (error) {
      message.value = { kind: 'erreur', text: describeError(error) };
    }
  };

  return (
    <div class="cg-modele">
      {message.value && (
        <p
          class={message.value.kind === 'succes' ? 'cg-succes' : 'cg-alerte'}
          role={message.value.kind === 'succes' ? 'status' : 'alert'}
        >
          {message.value.text}
        </p>
      )}
      {open.value ? (
        <form class="cg-modele__formulaire" onSubmit={(event) => void save(event)}>
          <label class="cg-champ">
            <span>{t('bulkTemplateName')}</span>
            <input
              ref={nameField}
              required
              maxLength={120}
              value={name.value}
              onInput={(e) => (name.value = e.currentTarget.value)}
            />
          </label>
          <label class="cg-champ">
            <span>{t('bulkTemplateDescription')}</span>
            <input
              maxLength={2000}
              value={description.value}
              onInput={(e) => (description.value = e.currentTarget.value)}
            />
          </label>
          <div class="cg-pied cg-pied--simple">
            <button type="submit" class="cg-bouton">
              {t('bulkTemplateSave')}
            </button>
            <button
              type="button"
              class="cg-bouton cg-bouton--secondaire"
              onClick={() => (open.value = false)}
            >
              {t('bulkCancel')}
            </button>
          </div>
        </form>
      ) : (
        <button
          ref={openButton}
          type="button"
          class="cg-bouton cg-bouton--secondaire"
          onClick={() => (open.value = true)}
        >
          {t('bulkTemplateOpen')}
        </button>
      )}
    </div>
  );
}
