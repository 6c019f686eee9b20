import { Component, type ComponentChildren } from 'preact';
import { t } from '../utils/i18n';

interface Props {
  /** What the helper is called, for the "indisponible" message. */
  label: string;
  /** The feature's failure, for the health report (see mount-shadow-ui.tsx). */
  onError: (error: unknown) => void;
  children: ComponentChildren;
}

/**
 * Injected helpers must never break the host page: a rendering error becomes a calm
 * "indisponible" notice in the helper's place (and, through onError, an entry in the health report).
 */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  override componentDidCatch(error: unknown): void {
    this.setState({ failed: true });
    this.props.onError(error);
  }

  override render(): ComponentChildren {
    if (!this.state.failed) return this.props.children;
    return (
      <p class="cg-indisponible" role="status">
        <span aria-hidden="true">⚠ </span>
        {t('errorBoundaryUnavailable', this.props.label)}
      </p>
    );
  }
}
