// Approximate kNN by NN-descent (Dong et al. 2011, as in pynndescent): seed every point's
// neighbour heap from random-projection-tree leaves, then repeatedly join each point's new
// and old candidates ("a neighbour of my neighbour is likely my neighbour") until few
// heaps change. Steppable: one step is one join iteration.
import { checkAborted } from '../base/abort';
import type { Rng } from '../base/rng';
import { sqDist } from './distance';
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
  for (let t = 0; t < nTrees; t++) {
    checkAborted(options.signal);
    const tree = buildRpTree(data, n, dim, leafSize, rng);
    forest.push(tree);
    for (let l = 0; l < leafCount(tree); l++) {
      const pts = leafPoints(tree, l);
      for (let a = 0; a < pts.length; a++) {
        const p = pts[a];
        for (let b = a + 1; b < pts.length; b++) {
          const q = pts[b];
          const d = sqDist(data, p, data, q, dim);
          if (d < heaps.distances[p * kk]) heapPush(heaps, p, d, q, 1);
          if (d < heaps.distances[q * kk]) heapPush(heaps, q, d, p, 1);
        }
      }
    }
  }
  // Rows still short of k (tiny leaves, duplicates) get random candidates.
  for (let i = 0; i < n; i++) {
    for (let tries = 0; heaps.indices[i * kk] < 0 && tries < 4 * kk; tries++) {
      const j = rng.int(n);
      heapPush(heaps, i, sqDist(data, i, data, j, dim), j, 1);
    }
  }
  return {
    data, n, dim, heaps, rng, forest,
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
  const { data, n, dim, heaps, rng, maxCandidates: mc } = state;
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
  let updates = 0;
  const tryPair = (p: number, q: number) => {
    const d = sqDist(data, p, data, q, dim);
    if (d < distances[p * k]) updates += heapPush(heaps, p, d, q, 1);
    if (d < distances[q * k]) updates += heapPush(heaps, q, d, p, 1);
  };
  for (let i = 0; i < n; i++) {
    if ((i & 4095) === 0) checkAborted(state.signal);
    const base = i * mc;
    for (let a = base; a < base + mc; a++) {
      const p = fresh.indices[a];
      if (p < 0) continue;
      for (let b = a + 1; b < base + mc; b++) {
        const q = fresh.indices[b];
        if (q >= 0 && q !== p) tryPair(p, q);
      }
      for (let b = base; b < base + mc; b++) {
        const q = old.indices[b];
        if (q >= 0 && q !== p) tryPair(p, q);
      }
    }
  }
  state.iteration++;
  state.done = updates <= state.delta * k * n || state.iteration >= state.maxIterations;
  return state.done;
}

export function nnDescentResult(state: NnDescentState): KnnGraph {
  const copy = { ...state.heaps, indices: state.heaps.indices.slice(), distances: state.heaps.distances.slice() };
  return heapsToGraph(copy, true);
}
