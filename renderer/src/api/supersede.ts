// For a view that re-issues one request as its selection changes: each `next()` cancels the
// previous call's signal (the transport then rejects it with `cancelled` and, in serve mode,
// sends the engine a `cancel` frame so the superseded work stops) and hands out a fresh one.

export interface Superseder {
  /** A signal for the new call; the previous call's signal aborts. */
  next(): AbortSignal;
  /** Cancels the current call (e.g. when the view unmounts). */
  cancel(): void;
}

export function createSuperseder(): Superseder {
  let current: AbortController | null = null;
  const cancel = () => {
    current?.abort();
    current = null;
  };
  return {
    next() {
      cancel();
      current = new AbortController();
      return current.signal;
    },
    cancel,
  };
}
