import { useSignal } from '@preact/signals';
import { t } from '../utils/i18n';

/**
 * « Message prêt à envoyer », folded: the text to read, select or copy in one click, for whoever
 * can fix what a panel found (the distributor, GAR support, the ENT administrator).
 */
export function ReadyMessage({ text }: { text: string }) {
  const copied = useSignal(false);
  const copy = async (): Promise<void> => {
    await navigator.clipboard.writeText(text);
    copied.value = true;
  };
  return (
    <details class="cg-noms" data-cg-message-pret>
      <summary>{t('readyMessage')}</summary>
      <textarea class="cg-message" readOnly rows={8} value={text} aria-label={t('readyMessage')} />
      <button type="button" class="cg-bouton cg-bouton--secondaire" onClick={() => void copy()}>
        {copied.value ? t('readyMessageCopied') : t('readyMessageCopy')}
      </button>
    </details>
  );
}
