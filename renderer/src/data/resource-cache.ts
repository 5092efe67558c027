// A keyed promise cache over the engine client: each model × set result is fetched once and
// shared by every view. Failures are not kept (the next request retries, e.g. after the cell
// is computed); the least recently used entries are dropped beyond `capacity`. A caller that
// passes a signal can give up on a load (its view's selection moved on): the load is cancelled
// only when every caller that asked for it has given up and none asked without a signal (a load
// that ignores its signal and still arrives is kept).

export interface CacheEntry<T> {
  promise: Promise<T>;
  value?: T;
}

interface LoadingEntry<T> extends CacheEntry<T> {
  controller: AbortController;
  /** Callers still waiting with a signal; `pinned` once one waits without a signal. */
  holders: number;
  pinned: boolean;
  settled: boolean;
  /** `invalidations` when every caller gave up; its value is kept if it still arrives (a load that ignored its signal) and nothing was invalidated since. */
  droppedAt: number | null;
}

export class ResourceCache {
  private readonly entries = new Map<string, LoadingEntry<unknown>>();
  private invalidations = 0;

  constructor(private readonly capacity = 160) {}

  /** `load` gets a signal that aborts when every caller gave up (see the header). */
  get<T>(key: string, load: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const hit = this.entries.get(key) as LoadingEntry<T> | undefined;
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.hold(key, hit, signal);
      return hit.promise;
    }
    const controller = new AbortController();
    const entry: LoadingEntry<T> = { promise: load(controller.signal), controller, holders: 0, pinned: false, settled: false, droppedAt: null };
    entry.promise.then(
      (value) => {
        entry.value = value;
        entry.settled = true;
        if (entry.droppedAt === this.invalidations && !this.entries.has(key)) this.insert(key, entry);
      },
      () => {
        entry.settled = true;
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    this.insert(key, entry);
    this.hold(key, entry, signal);
    return entry.promise;
  }

  private insert(key: string, entry: LoadingEntry<unknown>): void {
    this.entries.set(key, entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  private hold(key: string, entry: LoadingEntry<unknown>, signal?: AbortSignal): void {
    if (entry.settled) return;
    if (!signal) {
      entry.pinned = true;
      return;
    }
    entry.holders++;
    const release = () => {
      entry.holders--;
      if (entry.holders > 0 || entry.pinned || entry.settled) return;
      if (this.entries.get(key) === entry) this.entries.delete(key);
      entry.droppedAt = this.invalidations;
      entry.controller.abort();
    };
    if (signal.aborted) release();
    else signal.addEventListener('abort', release, { once: true });
  }

  /** The value if it has already arrived (lets views render without a loading flash). */
  peek<T>(key: string): T | undefined {
    return (this.entries.get(key) as CacheEntry<T> | undefined)?.value;
  }

  /** Drops entries whose key starts with `prefix` (all without one). */
  invalidate(prefix = ''): void {
    this.invalidations++;
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
