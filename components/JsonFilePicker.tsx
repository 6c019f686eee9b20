import { useRef } from 'preact/hooks';

interface Props {
  /** The visible button's words. */
  label: string;
  /** For tests to give the hidden input a file. */
  testId: string;
  id?: string;
  primary?: boolean;
  /** What the file chooser offers; JSON unless said. */
  accept?: string;
  onFile(file: File): void;
}

/**
 * « Importer… »: a real button that opens the file chooser of a hidden `<input type=file>` (the
 * native control cannot be styled or labelled in French everywhere). The input is emptied after
 * each choice, so choosing the same file again, once corrected, is seen as a change.
 */
export function JsonFilePicker({
  label,
  testId,
  id,
  primary = false,
  accept = 'application/json,.json',
  onFile,
}: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        id={id}
        type="button"
        class={primary ? 'cg-bouton' : 'cg-bouton cg-bouton--secondaire'}
        onClick={() => input.current?.click()}
      >
        {label}
      </button>
      <input
        ref={input}
        class="cg-fichier"
        type="file"
        accept={accept}
        tabIndex={-1}
        aria-hidden="true"
        data-testid={testId}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
