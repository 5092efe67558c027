// A keyed promise cache over the engine client: each model × set result is fetched once and
// shared by every view. Failures are not kept (the next request retries, e.g. after the cell
// is computed); the least recently used entries are dropped beyond `capacity`.

export interface CacheEntry<T> {
  promise: Promise<T>;
  value?: T;
}

export class ResourceCache {
  private readonly entries = new Map<string, CacheEntry<unknown>>();

  constructor(private readonly capacity = 160) {}

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key) as CacheEntry<T> | undefined;
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.promise;
    }
    const entry: CacheEntry<T> = { promise: load() };
    entry.promise.then(
      (value) => {
        entry.value = value;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    this.entries.set(key, entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return entry.promise;
  }

  /** The value if it has already arrived (lets views render without a loading flash). */
  peek<T>(key: string): T | undefined {
    return (this.entries.get(key) as CacheEntry<T> | undefined)?.value;
  }

  /** Drops entries whose key starts with `prefix` (all without one). */
  invalidate(prefix = ''): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
