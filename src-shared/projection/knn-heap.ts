// Bounded max-heaps for k-nearest-neighbour lists, one per point, in flat typed arrays
// (row i occupies [i*k, (i+1)*k)). The root holds the current worst neighbour, so "is this
// candidate good enough?" is a single comparison.

export interface KnnHeaps {
  n: number;
  k: number;
  indices: Int32Array;
  /** Priorities (squared distances while searching); +Infinity for empty slots. */
  distances: Float32Array;
  /** NN-descent's "new" flag (1 = not yet used in a local join). */
  flags: Uint8Array;
}

export function createHeaps(n: number, k: number): KnnHeaps {
  return { n, k, indices: new Int32Array(n * k).fill(-1), distances: new Float32Array(n * k).fill(Infinity), flags: new Uint8Array(n * k) };
}

/**
 * Inserts `index` with priority `dist` into row `row` unless it is no better than the worst
 * entry or already present. Returns 1 when the heap changed (pynndescent's
 * checked_flagged_heap_push).
 */
export function heapPush(heaps: KnnHeaps, row: number, dist: number, index: number, flag: number): number {
  const { k, indices, distances, flags } = heaps;
  const base = row * k;
  if (dist >= distances[base]) return 0;
  for (let t = base; t < base + k; t++) if (indices[t] === index) return 0;
  let i = 0;
  for (;;) {
    const c1 = 2 * i + 1;
    if (c1 >= k) break;
    const c2 = c1 + 1;
    let swap: number;
    if (c2 >= k || distances[base + c1] >= distances[base + c2]) {
      if (dist < distances[base + c1]) swap = c1;
      else break;
    } else if (dist < distances[base + c2]) swap = c2;
    else break;
    distances[base + i] = distances[base + swap];
    indices[base + i] = indices[base + swap];
    flags[base + i] = flags[base + swap];
    i = swap;
  }
  distances[base + i] = dist;
  indices[base + i] = index;
  flags[base + i] = flag;
  return 1;
}

/** Sorts every row ascending by distance in place; `self` (when ≥ 0 per row) goes first on ties, then lower indices. */
export function sortHeaps(heaps: KnnHeaps, selfFirst: boolean): void {
  const { n, k, indices, distances } = heaps;
  for (let i = 0; i < n; i++) {
    const base = i * k;
    // Insertion sort (k is small): a total order, so the same rows as any other sort.
    for (let t = base + 1; t < base + k; t++) {
      const d = distances[t], idx = indices[t];
      let u = t - 1;
      while (u >= base && before(d, idx, distances[u], indices[u], selfFirst ? i : -1)) {
        distances[u + 1] = distances[u];
        indices[u + 1] = indices[u];
        u--;
      }
      distances[u + 1] = d;
      indices[u + 1] = idx;
    }
  }
}

/** Whether entry (d, idx) sorts before (e, jdx): by distance, then `self`, then index. */
function before(d: number, idx: number, e: number, jdx: number, self: number): boolean {
  if (d !== e) return d < e;
  if (idx === self || jdx === self) return idx === self && jdx !== self;
  return idx < jdx;
}
