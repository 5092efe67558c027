// Which edges the layout samples in an epoch: edge e is due when its next sample time (a
// multiple of its epochs_per_sample) has come, as in umap-learn. Testing that in edge order
// mispredicts a branch on most edges (0.17 s of a 1.2 s layout at 10,000 points). Scanned in
// order of epochs_per_sample, neighbours share a schedule and the branch predicts; a bitset
// then hands the due edges back in edge order, so the layout is the same as the plain scan's.
// (Sampling in that sorted order instead was faster still but lost quality at 50,000 points:
// trustworthiness −0.0006, kNN recall −0.009.)

export interface SampleSchedule {
  /** Edge indices by epochs per sample (ascending; ties by index). */
  order: Int32Array;
  /** Epochs per sample and next sample time, in `order`. */
  every: Float64Array;
  next: Float64Array;
  bits: Int32Array;
  /** The due edges of the latest epoch, ascending, in due[0 .. count). */
  due: Int32Array;
}

/** `order`: the edge indices by epochs per sample, ascending, ties by index. */
export function createSchedule(epochsPerSample: Float64Array, order: Int32Array): SampleSchedule {
  const m = epochsPerSample.length;
  const every = new Float64Array(m);
  for (let t = 0; t < m; t++) every[t] = epochsPerSample[order[t]];
  return { order, every, next: every.slice(), bits: new Int32Array((m + 31) >>> 5), due: new Int32Array(m) };
}

/** Books the samples of epoch `n`; returns how many edges are due (listed in `due`). */
export function dueEdges(s: SampleSchedule, n: number): number {
  const { order, every, next, bits, due } = s;
  bits.fill(0);
  for (let t = 0; t < order.length; t++) {
    if (next[t] > n) continue;
    next[t] += every[t];
    const e = order[t];
    bits[e >>> 5] |= 1 << (e & 31);
  }
  let count = 0;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w];
    while (word !== 0) {
      const low = word & -word;
      due[count++] = (w << 5) + 31 - Math.clz32(low);
      word ^= low;
    }
  }
  return count;
}
