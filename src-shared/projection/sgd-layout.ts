// UMAP's layout optimisation (umap-learn's optimize_layout_euclidean, single-threaded):
// each edge is sampled every max(w)/w epochs and pulls its ends together; each sample also
// pushes the head away from `negativeSampleRate` random points; the learning rate decays
// linearly to zero. Steppable by epochs. `tail` may be a fixed reference embedding (transform).
import type { Rng } from '../base/rng';
import type { CurveParams } from './ab-params';
import { buildCurveTable } from './curve-table';
import type { LayoutState } from './layout-state';
import { runEpoch } from './sgd-epoch';

export interface LayoutEdges {
  head: Int32Array;
  tail: Int32Array;
  weights: Float32Array;
}

export interface LayoutOptions {
  nEpochs: number;
  curve: CurveParams;
  learningRate?: number;
  negativeSampleRate?: number;
  repulsionStrength?: number;
}

/**
 * Edges lighter than max/nEpochs would never be sampled and are dropped, as in umap-learn.
 * Fitting: pass the same array as head and tail (both ends of an edge move).
 */
export function initLayout(edges: LayoutEdges, head: Float32Array, tail: Float32Array, nTail: number, dim: number, rng: Rng, options: LayoutOptions): LayoutState {
  const nEpochs = Math.max(1, Math.round(options.nEpochs));
  let max = 0;
  for (let e = 0; e < edges.weights.length; e++) max = Math.max(max, edges.weights[e]);
  const kept = (w: number) => w > 0 && w >= max / nEpochs;
  let m = 0;
  for (let e = 0; e < edges.weights.length; e++) if (kept(edges.weights[e])) m++;
  const edgeHead = new Int32Array(m), edgeTail = new Int32Array(m);
  const epochsPerSample = new Float64Array(m), epochsPerNegative = new Float64Array(m);
  const rate = options.negativeSampleRate ?? 5;
  for (let e = 0, t = 0; e < edges.weights.length; e++) {
    if (!kept(edges.weights[e])) continue;
    edgeHead[t] = edges.head[e];
    edgeTail[t] = edges.tail[e];
    epochsPerSample[t] = max / edges.weights[e];
    epochsPerNegative[t] = epochsPerSample[t] / rate;
    t++;
  }
  const alpha = options.learningRate ?? 1;
  return {
    head, tail, nTail, dim, edgeHead, edgeTail,
    epochsPerSample, nextSample: epochsPerSample.slice(),
    epochsPerNegative, nextNegative: epochsPerNegative.slice(),
    a: options.curve.a, b: options.curve.b, gamma: options.repulsionStrength ?? 1,
    initialAlpha: alpha, alpha, nEpochs, epoch: 0,
    table: buildCurveTable(options.curve.a, options.curve.b),
    random: (rng.int(0xffffffff) | 1) >>> 0,
  };
}

export function layoutDone(state: LayoutState): boolean {
  return state.epoch >= state.nEpochs;
}

/** Runs up to `epochs` more epochs; returns how many ran. */
export function stepLayout(state: LayoutState, epochs: number): number {
  let ran = 0;
  while (ran < epochs && state.epoch < state.nEpochs) {
    runEpoch(state, state.epoch);
    state.epoch++;
    state.alpha = state.initialAlpha * (1 - state.epoch / state.nEpochs);
    ran++;
  }
  return ran;
}
