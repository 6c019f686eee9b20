import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

interface Props {
  question: ComponentChildren;
  hint: string;
  cancelLabel: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  /** The frame's class, for where it stands (a template's row, the orders section). */
  class: string;
}

/**
 * The inline confirmation before a deletion, for every section: focus starts on « Annuler », the
 * harmless choice, and Escape cancels too.
 */
export function DeleteConfirm({
  question,
  hint,
  cancelLabel,
  confirmLabel,
  onConfirm,
  onCancel,
  ...rest
}: Props) {
  const questionId = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      class={rest.class}
      role="group"
      aria-labelledby={questionId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <p id={questionId}>
        <strong>{question}</strong>
      </p>
      <p class="cg-aide">{hint}</p>
      <div class="cg-actions">
        <button ref={cancel} type="button" class="cg-bouton cg-bouton--secondaire" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" class="cg-bouton cg-bouton--danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </div>
  );
}
