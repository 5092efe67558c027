// The k-nearest-neighbour graph shared by the UMAP stages, and exact (brute-force) builders.
// Rows list each point itself first (distance 0), as umap-learn's graphs do: "15 neighbours"
// means the point plus its 14 nearest others.
import { checkAborted } from '../base/abort';
import { sqDist } from './distance';
import { createHeaps, heapPush, sortHeaps } from './knn-heap';
import type { KnnHeaps } from './knn-heap';

export interface KnnGraph {
  n: number;
  k: number;
  /** Row i at [i*k, (i+1)*k): neighbour ids, nearest first. */
  indices: Int32Array;
  /** Euclidean distances matching `indices`. */
  distances: Float32Array;
}

/** Sorted, square-rooted graph from heaps holding squared distances. */
export function heapsToGraph(heaps: KnnHeaps, selfFirst: boolean): KnnGraph {
  sortHeaps(heaps, selfFirst);
  const distances = new Float32Array(heaps.distances.length);
  for (let t = 0; t < distances.length; t++) distances[t] = Math.sqrt(heaps.distances[t]);
  return { n: heaps.n, k: heaps.k, indices: heaps.indices, distances };
}

/** Exact kNN of every point among the same points (self included), O(n²·dim / 2). */
export function exactKnn(data: Float32Array, n: number, dim: number, k: number, signal?: AbortSignal): KnnGraph {
  const heaps = createHeaps(n, Math.min(k, n));
  for (let i = 0; i < n; i++) {
    if ((i & 255) === 0) checkAborted(signal);
    heapPush(heaps, i, 0, i, 0);
    for (let j = i + 1; j < n; j++) {
      const d = sqDist(data, i, data, j, dim);
      if (d < heaps.distances[i * heaps.k]) heapPush(heaps, i, d, j, 0);
      if (d < heaps.distances[j * heaps.k]) heapPush(heaps, j, d, i, 0);
    }
  }
  return heapsToGraph(heaps, true);
}

/** Exact kNN of each query row among `ref` rows (no self notion), O(m·nRef·dim). */
export function exactKnnQuery(ref: Float32Array, nRef: number, queries: Float32Array, m: number, dim: number, k: number, signal?: AbortSignal): KnnGraph {
  const heaps = createHeaps(m, Math.min(k, nRef));
  for (let q = 0; q < m; q++) {
    if ((q & 63) === 0) checkAborted(signal);
    const root = q * heaps.k;
    for (let j = 0; j < nRef; j++) {
      const d = sqDist(queries, q, ref, j, dim);
      if (d < heaps.distances[root]) heapPush(heaps, q, d, j, 0);
    }
  }
  return heapsToGraph(heaps, false);
}
