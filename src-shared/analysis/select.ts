// Order statistics without a full sort: multiple quickselect with a three-way partition (copes
// with many equal values, e.g. confidences saturated at 1). Several ranks cost about one
// quickselect each instead of an O(n log n) sort — the aggregates compute thousands of these.

const SMALL = 16;

/**
 * Reorders `a[start, end)` in place so that, for every rank r in `ranks`, a[start + r] holds the
 * r-th smallest value of that range (0-based). `ranks` must be ascending. Values must not be NaN.
 */
export function selectRanks(a: Float64Array, ranks: readonly number[], start = 0, end = a.length): void {
  if (end > start && ranks.length > 0) select(a, start, end - 1, ranks, 0, ranks.length, start);
}

function select(a: Float64Array, lo: number, hi: number, ranks: readonly number[], rFrom: number, rTo: number, base: number): void {
  while (rFrom < rTo) {
    if (hi - lo < SMALL) {
      insertionSort(a, lo, hi);
      return;
    }
    // Median of three as the pivot value.
    const mid = (lo + hi) >>> 1;
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    // Three-way partition: [lo, lt) < pivot, [lt, gt] = pivot, (gt, hi] > pivot.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i];
      if (v < pivot) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt];
        a[gt--] = v;
      } else i++;
    }
    // Ranks below lt go left, above gt go right; those in between are final.
    let leftEnd = rFrom;
    while (leftEnd < rTo && base + ranks[leftEnd] < lt) leftEnd++;
    let rightStart = leftEnd;
    while (rightStart < rTo && base + ranks[rightStart] <= gt) rightStart++;
    // Recurse on the left part, loop on the right one.
    if (leftEnd > rFrom) select(a, lo, lt - 1, ranks, rFrom, leftEnd, base);
    lo = gt + 1;
    rFrom = rightStart;
  }
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}
