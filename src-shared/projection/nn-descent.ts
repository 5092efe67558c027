// Approximate kNN by NN-descent (Dong et al. 2011, as in pynndescent): seed every point's
// neighbour heap from random-projection-tree leaves, then repeatedly join each point's new
// and old candidates ("a neighbour of my neighbour is likely my neighbour") until few
// heaps change. Steppable: one step is one join iteration. The candidate pairs' distances
// come in batches from knn-join.ts (float32, WebAssembly SIMD where it runs).
import { checkAborted } from '../base/abort';
import type { Rng } from '../base/rng';
import { createJoin, sqDistF32 } from './knn-join';
import type { KnnJoin } from './knn-join';
import { createHeaps, heapPush } from './knn-heap';
import type { KnnHeaps } from './knn-heap';
import { heapsToGraph } from './knn-graph';
import type { KnnGraph } from './knn-graph';
import { buildRpTree, leafCount, leafPoints } from './rp-tree';
import type { RpTree } from './rp-tree';

export interface NnDescentOptions {
  /** Trees in the seeding forest (default grows slowly with n). */
  nTrees?: number;
  /** Candidates sampled per point per iteration (forward + reverse). */
  maxCandidates?: number;
  /** Iteration cap (default max(5, round(log2 n)) as pynndescent). */
  maxIterations?: number;
  /** Stop when fewer than delta·k·n heap updates happen in an iteration. */
  delta?: number;
  signal?: AbortSignal;
}

export interface NnDescentState {
  data: Float32Array;
  n: number;
  dim: number;
  heaps: KnnHeaps;
  join: KnnJoin;
  rng: Rng;
  forest: RpTree[];
  maxCandidates: number;
  maxIterations: number;
  delta: number;
  iteration: number;
  done: boolean;
  signal?: AbortSignal;
}

export function initNnDescent(data: Float32Array, n: number, dim: number, k: number, rng: Rng, options: NnDescentOptions = {}): NnDescentState {
  const kk = Math.min(k, n);
  const heaps = createHeaps(n, kk);
  for (let i = 0; i < n; i++) heapPush(heaps, i, 0, i, 0);
  const nTrees = options.nTrees ?? Math.min(8, 3 + Math.round(Math.sqrt(n) / 50));
  const leafSize = Math.max(10, kk);
  const forest: RpTree[] = [];
  const join = createJoin(data, n, dim);
  for (let i = 0; i < n; i++) join.worst[i] = heaps.distances[i * kk];
  for (let t = 0; t < nTrees; t++) {
    checkAborted(options.signal);
    const tree = buildRpTree(data, n, dim, leafSize, rng);
    forest.push(tree);
    for (let l = 0; l < leafCount(tree); l++) {
      // Every pair of the leaf's points that can enter either heap (see joinPairs).
      const pts = leafPoints(tree, l);
      join.ensure(pts.length);
      join.fresh.set(pts);
      joinPairs(heaps, join, join.runFiltered(pts.length, 0));
    }
  }
  // Rows still short of k (tiny leaves, duplicates) get random candidates.
  for (let i = 0; i < n; i++) {
    for (let tries = 0; heaps.indices[i * kk] < 0 && tries < 4 * kk; tries++) {
      const j = rng.int(n);
      heapPush(heaps, i, sqDistF32(data, i, j, dim), j, 1);
    }
  }
  return {
    data, n, dim, heaps, join, rng, forest,
    maxCandidates: options.maxCandidates ?? Math.min(kk, 60),
    maxIterations: options.maxIterations ?? Math.max(5, Math.round(Math.log2(Math.max(2, n)))),
    delta: options.delta ?? 0.001,
    iteration: 0,
    done: n <= kk,
    signal: options.signal,
  };
}

/** One NN-descent iteration; returns true once converged or out of iterations. */
export function stepNnDescent(state: NnDescentState): boolean {
  if (state.done) return true;
  const { n, heaps, join, rng, maxCandidates: mc } = state;
  const { k, indices, distances, flags } = heaps;
  const fresh = createHeaps(n, mc);
  const old = createHeaps(n, mc);
  for (let i = 0; i < n; i++) {
    for (let t = i * k; t < i * k + k; t++) {
      const j = indices[t];
      if (j < 0 || j === i) continue;
      const priority = rng.next();
      const target = flags[t] ? fresh : old;
      heapPush(target, i, priority, j, 0);
      heapPush(target, j, priority, i, 0);
    }
  }
  // Neighbours sampled as "new" this round become "old" for the next.
  for (let i = 0; i < n; i++) {
    for (let t = i * k; t < i * k + k; t++) {
      if (!flags[t]) continue;
      const j = indices[t];
      for (let c = i * mc; c < i * mc + mc; c++) {
        if (fresh.indices[c] === j) {
          flags[t] = 0;
          break;
        }
      }
    }
  }
  join.ensure(mc);
  const { fresh: newIds, old: oldIds, worst } = join;
  for (let i = 0; i < n; i++) worst[i] = distances[i * k];
  let updates = 0;
  for (let i = 0; i < n; i++) {
    if ((i & 4095) === 0) checkAborted(state.signal);
    // The row's new and old candidates, empty slots dropped; then every new × new and new × old pair.
    let nf = 0, no = 0;
    for (let c = i * mc; c < i * mc + mc; c++) {
      if (fresh.indices[c] >= 0) newIds[nf++] = fresh.indices[c];
      if (old.indices[c] >= 0) oldIds[no++] = old.indices[c];
    }
    updates += joinPairs(heaps, join, join.runFiltered(nf, no));
  }
  state.iteration++;
  state.done = updates <= state.delta * k * n || state.iteration >= state.maxIterations;
  return state.done;
}

/**
 * Pushes the join's `count` kept pairs into both ends' heaps, in order, keeping join.worst at each
 * row's worst distance; returns how many pushes changed a heap. The join dropped only pairs no
 * heap would take: worst[] never rises, so a pair beyond both ends' worst when the join ran is
 * still beyond them here.
 */
function joinPairs(heaps: KnnHeaps, join: KnnJoin, count: number): number {
  const { k, distances } = heaps;
  const { pairP, pairQ, pairD, worst } = join;
  let updates = 0;
  for (let t = 0; t < count; t++) {
    const p = pairP[t], q = pairQ[t], d = pairD[t];
    if (d < distances[p * k] && heapPush(heaps, p, d, q, 1)) {
      updates++;
      worst[p] = distances[p * k];
    }
    if (d < distances[q * k] && heapPush(heaps, q, d, p, 1)) {
      updates++;
      worst[q] = distances[q * k];
    }
  }
  return updates;
}

export function nnDescentResult(state: NnDescentState): KnnGraph {
  const copy = { ...state.heaps, indices: state.heaps.indices.slice(), distances: state.heaps.distances.slice() };
  return heapsToGraph(copy, true);
}
