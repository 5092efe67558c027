// Which open bundle sessions to close: beyond `max` sessions, the least recently used ones that
// run no job (each holds its store's file handles, prepared models and data sources).

/** Bundle sessions kept open at once. */
export const MAX_OPEN_SESSIONS = 4;

/** Keys to evict from `sessions` (a Map in least-recently-used-first order), never `keep`. */
export function sessionsToEvict<T extends { busy: boolean }>(sessions: ReadonlyMap<string, T>, max: number, keep: string): string[] {
  const evict: string[] = [];
  let open = sessions.size;
  for (const [key, session] of sessions) {
    if (open <= max) break;
    if (key === keep || session.busy) continue;
    evict.push(key);
    open--;
  }
  return evict;
}

/** Marks `key` as most recently used (Map order is insertion order). */
export function touch<T>(sessions: Map<string, T>, key: string, value: T): void {
  sessions.delete(key);
  sessions.set(key, value);
}
