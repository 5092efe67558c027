// A memo of promises with a byte budget: entries are kept in least-recently-used order, and once
// the resolved entries' bytes pass the budget the oldest are forgotten (callers holding one keep
// it; the next get loads it again). Failed loads are never kept.

export class ByteBudgetLru<T> {
  private readonly entries = new Map<string, { value: Promise<T>; bytes: number }>();
  private held = 0;

  constructor(
    readonly budgetBytes: number,
    private readonly sizeOf: (value: T) => number,
  ) {}

  /** Bytes of the resolved entries kept now. */
  get heldBytes(): number {
    return this.held;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const entry = { value: load(), bytes: 0 };
    this.entries.set(key, entry);
    entry.value.then(
      (value) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = this.sizeOf(value);
        this.held += entry.bytes;
        this.evict(key);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value;
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }

  /** Forgets the oldest entries until the budget holds (never `keep`, the one just loaded). */
  private evict(keep: string): void {
    for (const [key, entry] of this.entries) {
      if (this.held <= this.budgetBytes) return;
      if (key === keep) continue;
      this.entries.delete(key);
      this.held -= entry.bytes;
    }
  }
}

/** Bytes of the typed arrays directly inside an object (what a cell or a result holds). */
export function typedArrayBytes(value: object): number {
  let bytes = 0;
  for (const field of Object.values(value)) {
    if (ArrayBuffer.isView(field)) bytes += field.byteLength;
    else if (field && typeof field === 'object' && !Array.isArray(field)) bytes += typedArrayBytes(field);
  }
  return bytes;
}
