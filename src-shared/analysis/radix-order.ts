// Stable LSD radix sort of float32 values carrying their sample indices: the aggregates sort each
// metric once and scatter the sorted run into per-class segments (which then arrive sorted too),
// instead of a quickselect per group — about 4 linear passes, no comparisons, no allocation per call.
// Values must not be NaN; −0 is folded into +0 (they compare equal, as in a comparison sort).
// The aggregates run its WebAssembly twin (radix-sort.wat via wasm-radix.ts, identical output)
// where it runs; this one is the fallback and the reference.

/** Reusable buffers, grown on demand (one analysis runs on one thread). */
export class RadixSorter {
  private keys = new Int32Array(0);
  private keysTmp = new Int32Array(0);
  private idx = new Int32Array(0);
  private idxTmp = new Int32Array(0);
  private readonly counts = new Int32Array(4 * 256);

  private ensure(n: number): void {
    if (this.keys.length >= n) return;
    const size = Math.max(n, 2 * this.keys.length);
    this.keys = new Int32Array(size);
    this.keysTmp = new Int32Array(size);
    this.idx = new Int32Array(size);
    this.idxTmp = new Int32Array(size);
  }

  /**
   * Sorts `values[i]` for the `n` sample indices `index[0, n)` ascending (ties keep their order)
   * and writes the sorted values to `sorted[0, n)` and their sample indices to `order[0, n)`.
   */
  sort(values: Float32Array, index: Int32Array, n: number, sorted: Float64Array, order: Int32Array): void {
    this.ensure(n);
    // The IEEE bits of the values, read in place.
    const bits = new Int32Array(values.buffer, values.byteOffset, values.length);
    let keys = this.keys;
    let idx = this.idx;
    let keysTmp = this.keysTmp;
    let idxTmp = this.idxTmp;
    const counts = this.counts;
    counts.fill(0);
    for (let k = 0; k < n; k++) {
      const i = index[k];
      const u = bits[i];
      // Signed-order key: negatives get their magnitude bits flipped; −0 (0x80000000) becomes +0.
      const key = u === -0x80000000 ? 0 : u < 0 ? u ^ 0x7fffffff : u;
      keys[k] = key;
      idx[k] = i;
      counts[key & 0xff]++;
      counts[256 + ((key >> 8) & 0xff)]++;
      counts[512 + ((key >> 16) & 0xff)]++;
      counts[768 + (((key >> 24) & 0xff) ^ 0x80)]++; // top digit sign-flipped: signed order
    }
    for (let pass = 0; pass < 4; pass++) {
      const base = pass * 256;
      const shift = pass * 8;
      const flip = pass === 3 ? 0x80 : 0;
      // A digit shared by every key leaves the order unchanged: skip the pass.
      if (n === 0 || counts[base + (((keys[0] >> shift) & 0xff) ^ flip)] === n) continue;
      let total = 0;
      for (let b = base; b < base + 256; b++) {
        const c = counts[b];
        counts[b] = total;
        total += c;
      }
      for (let k = 0; k < n; k++) {
        const key = keys[k];
        const to = counts[base + (((key >> shift) & 0xff) ^ flip)]++;
        keysTmp[to] = key;
        idxTmp[to] = idx[k];
      }
      const swapKeys = keys;
      keys = keysTmp;
      keysTmp = swapKeys;
      const swapIdx = idx;
      idx = idxTmp;
      idxTmp = swapIdx;
    }
    for (let k = 0; k < n; k++) {
      const i = idx[k];
      order[k] = i;
      sorted[k] = values[i];
    }
  }
}
