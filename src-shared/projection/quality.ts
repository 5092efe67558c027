// How faithfully an embedding keeps neighbourhoods, both O(n²) exact (use a subsample of a
// couple of thousand points for big maps):
// - trustworthiness (Venna & Kaski; as sklearn.manifold.trustworthiness): penalises points
//   that are embedding-neighbours but far apart in the original space, by how far (rank − k);
// - kNN recall@k: the share of each point's k original nearest neighbours that are also among
//   its k embedding nearest neighbours.
import { PruneLensError } from '../base/errors';
import { checkAborted } from '../base/abort';
import { sqDist } from './distance';
import { createHeaps, heapPush } from './knn-heap';

export interface EmbeddingQuality {
  trustworthiness: number;
  knnRecall: number;
  k: number;
  n: number;
}

/** `high` is n×highDim, `low` n×lowDim (same row order). */
export function embeddingQuality(high: Float32Array, highDim: number, low: Float32Array, lowDim: number, n: number, k = 15, signal?: AbortSignal): EmbeddingQuality {
  if (high.length !== n * highDim || low.length !== n * lowDim) throw new PruneLensError('bad-request', `quality: expected ${n}×${highDim} and ${n}×${lowDim} arrays, got ${high.length} and ${low.length} values.`);
  if (!(k >= 1) || k >= n / 2) throw new PruneLensError('bad-request', `quality: k must be in [1, n/2) (k ${k}, n ${n}).`);
  const dHigh = new Float64Array(n);
  const sorted = new Float64Array(n);
  const lowHeap = createHeaps(1, k);
  let penalty = 0;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if ((i & 63) === 0) checkAborted(signal);
    for (let m = 0; m < n; m++) dHigh[m] = sqDist(high, i, high, m, highDim);
    dHigh[i] = -1; // self ranks before everything, then is discounted
    sorted.set(dHigh);
    sorted.sort();
    const kthHigh = sorted[k]; // the k-th nearest other point's distance
    lowHeap.indices.fill(-1);
    lowHeap.distances.fill(Infinity);
    for (let m = 0; m < n; m++) {
      if (m === i) continue;
      const d = sqDist(low, i, low, m, lowDim);
      if (d < lowHeap.distances[0]) heapPush(lowHeap, 0, d, m, 0);
    }
    for (let t = 0; t < k; t++) {
      const j = lowHeap.indices[t];
      const dj = dHigh[j];
      const rank = lowerBound(sorted, dj); // = 1 + #others strictly closer (self sits at 0)
      if (rank > k) penalty += rank - k;
      if (dj <= kthHigh) kept++;
    }
  }
  const trustworthiness = 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty;
  return { trustworthiness, knnRecall: kept / (n * k), k, n };
}

/** Index of the first element ≥ value in an ascending array. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function trustworthiness(high: Float32Array, highDim: number, low: Float32Array, lowDim: number, n: number, k = 15): number {
  return embeddingQuality(high, highDim, low, lowDim, n, k).trustworthiness;
}

export function knnRecall(high: Float32Array, highDim: number, low: Float32Array, lowDim: number, n: number, k = 15): number {
  return embeddingQuality(high, highDim, low, lowDim, n, k).knnRecall;
}
