// The three states every view has besides its content: nothing to show yet, loading, failed.
import type { ReactNode } from 'react';
import type { ErrorPayload } from '../../../src-shared/base/errors';
import { useAnalysis } from '../app-context';
import type { Resource } from '../data/resource';

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="view-empty" role="status">{children}</div>;
}

export function LoadingState({ what }: { what: string }) {
  const job = useAnalysis((s) => s.job);
  const running = job?.status === 'running' && job.total > 0;
  return (
    <div className="view-loading" role="status" aria-busy="true">
      <span>Loading {what}…</span>
      {running && <ProgressBar done={job.done} total={job.total} label={`analysis ${job.done}/${job.total}`} />}
    </div>
  );
}

/** `children`: actions after the message (a Retry button). */
export function ErrorState({ error, what, children }: { error: ErrorPayload; what: string; children?: ReactNode }) {
  return (
    <div className="view-error" role="alert" data-error-code={error.code}>
      <strong>Could not load {what}.</strong> {error.message}
      {children && <> {children}</>}
    </div>
  );
}

export function ProgressBar({ done, total, label }: { done: number; total: number; label?: string }) {
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-label={label}>
      {/* A transform, not a width: the bar moves on the compositor, without a layout per frame. */}
      <div className="progress-fill" style={{ transform: `scaleX(${fraction.toFixed(4)})` }} />
    </div>
  );
}

/**
 * Renders a resource: `empty` for idle, a loading line, the engine's error, or the content.
 * "Not computed yet" (not-found / unavailable) reads as an empty state with a hint to run the analysis.
 */
export function ResourceView<T>({ resource, what, empty, children }: { resource: Resource<T>; what: string; empty: ReactNode; children: (data: T) => ReactNode }) {
  if (resource.status === 'idle') return <EmptyState>{empty}</EmptyState>;
  if (resource.status === 'loading') return <LoadingState what={what} />;
  if (resource.status === 'error') {
    if (resource.error.code === 'not-found' || resource.error.code === 'unavailable')
      return (
        <EmptyState>
          {empty} <span className="muted">({resource.error.message})</span>
        </EmptyState>
      );
    return <ErrorState error={resource.error} what={what} />;
  }
  return <>{children(resource.data)}</>;
}
