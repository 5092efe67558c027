// kNN queries against an indexed point set without brute force: start from the points in
// the query's random-projection-tree leaf, then best-first walk the data's kNN graph (forward
// and reverse edges), expanding candidates while they are within (1 + ε) of the current k-th
// distance (pynndescent's search).
import { checkAborted } from '../base/abort';
import type { Rng } from '../base/rng';
import { sqDist } from './distance';
import { createHeaps, heapPush } from './knn-heap';
import { heapsToGraph } from './knn-graph';
import type { KnnGraph } from './knn-graph';
import { buildRpTree, leafPoints, searchLeaf } from './rp-tree';
import type { RpTree } from './rp-tree';

export interface SearchIndex {
  data: Float32Array;
  n: number;
  dim: number;
  tree: RpTree;
  /** Adjacency in CSR form: neighbours of i at neighbors[starts[i] .. starts[i+1]). */
  starts: Int32Array;
  neighbors: Int32Array;
}

export function buildSearchIndex(data: Float32Array, n: number, dim: number, knn: KnnGraph, rng: Rng): SearchIndex {
  const { k, indices } = knn;
  const degree = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let t = i * k; t < i * k + k; t++) {
      const j = indices[t];
      if (j < 0 || j === i) continue;
      degree[i + 1]++;
      degree[j + 1]++;
    }
  }
  for (let i = 0; i < n; i++) degree[i + 1] += degree[i];
  const starts = degree.slice();
  const fill = degree.slice(0, n);
  const neighbors = new Int32Array(starts[n]);
  for (let i = 0; i < n; i++) {
    for (let t = i * k; t < i * k + k; t++) {
      const j = indices[t];
      if (j < 0 || j === i) continue;
      neighbors[fill[i]++] = j;
      neighbors[fill[j]++] = i;
    }
  }
  return { data, n, dim, tree: buildRpTree(data, n, dim, Math.max(10, k), rng), starts, neighbors };
}

/** Approximate kNN of each query row among the indexed points (nearest first, no self notion). */
export function searchKnn(index: SearchIndex, queries: Float32Array, m: number, k: number, epsilon = 0.1, signal?: AbortSignal): KnnGraph {
  const { data, n, dim, tree, starts, neighbors } = index;
  const kk = Math.min(k, n);
  const heaps = createHeaps(m, kk);
  const stamp = new Int32Array(n);
  const candDist = new Float64Array(n);
  const candIdx = new Int32Array(n);
  const slack = (1 + epsilon) * (1 + epsilon); // distances are squared
  for (let q = 0; q < m; q++) {
    if ((q & 255) === 0) checkAborted(signal);
    const mark = q + 1;
    const root = q * kk;
    let size = 0;
    const push = (d: number, i: number) => {
      let c = size++;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (candDist[parent] <= d) break;
        candDist[c] = candDist[parent];
        candIdx[c] = candIdx[parent];
        c = parent;
      }
      candDist[c] = d;
      candIdx[c] = i;
    };
    const visit = (i: number) => {
      stamp[i] = mark;
      const d = sqDist(queries, q, data, i, dim);
      if (d < heaps.distances[root]) heapPush(heaps, q, d, i, 0);
      if (d < heaps.distances[root] * slack || heaps.indices[root] < 0) push(d, i);
    };
    for (const i of leafPoints(tree, searchLeaf(tree, queries, q))) visit(i);
    while (size > 0) {
      const d = candDist[0];
      const c = candIdx[0];
      // Pop the closest candidate.
      size--;
      const lastD = candDist[size], lastI = candIdx[size];
      let p = 0;
      for (;;) {
        let child = 2 * p + 1;
        if (child >= size) break;
        if (child + 1 < size && candDist[child + 1] < candDist[child]) child++;
        if (candDist[child] >= lastD) break;
        candDist[p] = candDist[child];
        candIdx[p] = candIdx[child];
        p = child;
      }
      candDist[p] = lastD;
      candIdx[p] = lastI;
      if (d > heaps.distances[root] * slack) break;
      for (let t = starts[c]; t < starts[c + 1]; t++) {
        const v = neighbors[t];
        if (stamp[v] !== mark) visit(v);
      }
    }
    // A graph component smaller than k: top up with unvisited points.
    for (let i = 0; heaps.indices[root] < 0 && i < n; i++) if (stamp[i] !== mark) visit(i);
  }
  return heapsToGraph(heaps, false);
}
