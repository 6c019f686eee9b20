export interface Status {
  text: string;
  error: boolean;
}

/** A live region that announces a result or an error, doubled by colour and words. */
export function StatusMessage({ status }: { status: Status | null }) {
  return (
    <p role="status" class={status?.error ? 'cg-erreur' : 'cg-message'} hidden={!status}>
      {status?.text}
    </p>
  );
}
