// The filtered list: samples of the focus model on the current set that pass the category,
// class and metric-range filters, as a sorted index list. Pure, so the worker and tests share it.

export interface RangeFilter {
  values: Float32Array;
  lo: number;
  hi: number;
}

export interface FilterInput {
  count: number;
  /** Display category per sample (see categories.ts); null when unknown (the filter then passes all). */
  categories: Uint8Array | null;
  labels: Int32Array | null;
  categoryFilter: number[];
  classFilter: number | null;
  ranges: RangeFilter[];
}

export interface FilterOutput {
  /** Sorted indices that pass every filter. */
  indices: Int32Array;
  /** 1 where the sample passes (for fading points in the plots). */
  mask: Uint8Array;
}

export function filterSamples(input: FilterInput): FilterOutput {
  const { count, categories, labels, classFilter, ranges } = input;
  const keep = new Uint8Array(256);
  const anyCategory = input.categoryFilter.length === 0 || !categories;
  for (const c of input.categoryFilter) keep[c] = 1;
  const mask = new Uint8Array(count);
  const scratch = new Int32Array(count);
  let n = 0;
  outer: for (let i = 0; i < count; i++) {
    if (!anyCategory && !keep[categories![i]]) continue;
    if (classFilter !== null && labels && labels[i] !== classFilter) continue;
    for (const r of ranges) {
      const v = r.values[i];
      // NaN (an undefined angle) never passes a range.
      if (!(v >= r.lo && v <= r.hi)) continue outer;
    }
    mask[i] = 1;
    scratch[n++] = i;
  }
  return { indices: scratch.slice(0, n), mask };
}
