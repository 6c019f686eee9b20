import type { ComponentChildren } from 'preact';

/** The title of a Compagnon panel in a GAR page, with the ◆ that marks everything we add. */
export function PanelHeading({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <h2 id={id} class="cg-synchro__titre">
      <span class="cg-tri__logo" aria-hidden="true">
        ◆
      </span>{' '}
      {children}
    </h2>
  );
}
