// Error boundaries, so that one bad render never blanks the app: a view that throws (or whose
// lazily loaded chunk fails) shows the error in its own pane with a Retry button, leaving the tabs,
// header, filter bar and the other pane usable; a last-resort one around the whole app offers a
// Reload. Caught errors are reported once, like uncaught ones (see reportCaughtError).
import { Component, useState } from 'react';
import type { ReactNode } from 'react';
import { ErrorState } from './view-state';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** What to show instead of `children` once they threw; `reset` renders them again. */
  fallback: (error: unknown, reset: () => void) => ReactNode;
  /** Runs before the children are rendered again (e.g. a fresh lazy wrapper for a failed chunk). */
  onReset?: () => void;
}

interface ErrorBoundaryState {
  /** Boxed: a component may throw anything, `undefined` included. */
  caught: { error: unknown } | null;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { caught: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { caught: { error } };
  }

  readonly reset = (): void => {
    this.props.onReset?.();
    this.setState({ caught: null });
  };

  override render(): ReactNode {
    return this.state.caught ? this.props.fallback(this.state.caught.error, this.reset) : this.props.children;
  }
}

/** The one line a user reads: the error's message, never its stack. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  return `Unexpected error (${String(error)})`;
}

/**
 * The root's onCaughtError (main.tsx): reports an error a boundary caught as if it were uncaught,
 * through the browser's reportError: one console entry with its stack, and a page error, so an e2e
 * test still fails when a view throws. Falls back to console.error where there is no reportError.
 */
export function reportCaughtError(error: unknown): void {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else console.error(error);
}

/**
 * One view's pane: its error and a Retry that renders it again. `onRetry` runs first, and also when
 * the boundary is created (key it by the view: a view shown anew, e.g. after a tab switch, gets a
 * fresh try too), so it must do nothing when there is nothing to retry.
 */
export function ViewErrorBoundary({ title, onRetry, children }: { title: string; onRetry?: () => void; children: ReactNode }) {
  useState(() => onRetry?.());
  return (
    <ErrorBoundary
      onReset={onRetry}
      fallback={(error, reset) => <ViewErrorFallback title={title} error={error} onRetry={reset} />}
    >
      {children}
    </ErrorBoundary>
  );
}

/** What a failed view's pane shows: which view, the error's message, a Retry. */
export function ViewErrorFallback({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  return (
    <ErrorState error={{ code: 'internal', message: errorText(error) }} what={`the ${title} view`}>
      <button type="button" className="secondary" onClick={onRetry}>
        Retry
      </button>
    </ErrorState>
  );
}

/** The whole app's last resort: what failed, and a Reload of the page. */
export function AppErrorBoundary({ children, reload = () => window.location.reload() }: { children: ReactNode; reload?: () => void }) {
  return <ErrorBoundary fallback={(error) => <AppErrorFallback error={error} reload={reload} />}>{children}</ErrorBoundary>;
}

export function AppErrorFallback({ error, reload }: { error: unknown; reload: () => void }) {
  return (
    <div className="error-banner app-crash" role="alert">
      <strong>PruneLens hit an unexpected error.</strong> {errorText(error)}{' '}
      <button type="button" className="secondary" onClick={reload}>
        Reload
      </button>
    </div>
  );
}
