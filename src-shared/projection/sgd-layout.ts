// UMAP's layout optimisation (umap-learn's optimize_layout_euclidean, single-threaded):
// each edge is sampled every max(w)/w epochs and pulls its ends together; each sample also
// pushes the head away from `negativeSampleRate` random points; the learning rate decays
// linearly to zero. Steppable by epochs. `tail` may be a fixed reference embedding (transform).
// The kernel is written once, for 3 components: maps run on a working copy with 3 floats a
// point (1-D and 2-D maps' extra components stay exactly 0), copied back after every step. Epochs
// run in WebAssembly where it runs (sgd-wasm.ts; identical bytes), else in JavaScript.
import { PruneLensError } from '../base/errors';
import type { Rng } from '../base/rng';
import type { CurveParams } from './ab-params';
import { buildCurveTable } from './curve-table';
import { KERNEL_DIM } from './layout-state';
import type { LayoutState } from './layout-state';
import { createSchedule } from './sample-schedule';
import { runEpoch } from './sgd-epoch';
import { runEpochWasm } from './sgd-wasm';

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
  if (!Number.isInteger(dim) || dim < 1 || dim > KERNEL_DIM) throw new PruneLensError('bad-request', `UMAP layout: ${dim} components (supported: 1–${KERNEL_DIM}).`);
  const nEpochs = Math.max(1, Math.round(options.nEpochs));
  let max = 0;
  for (let e = 0; e < edges.weights.length; e++) max = Math.max(max, edges.weights[e]);
  const byWeight = heaviestFirst(edges.weights, max / nEpochs);
  const m = byWeight.length;
  // Kept edges stay in the caller's order (by head point, as umap-learn samples them).
  const position = new Int32Array(edges.weights.length);
  for (let e = 0, t = 0; e < edges.weights.length; e++) position[e] = edges.weights[e] > 0 && edges.weights[e] >= max / nEpochs ? t++ : -1;
  const edgeHead = new Int32Array(m), edgeTail = new Int32Array(m);
  const epochsPerSample = new Float64Array(m), epochsPerNegative = new Float64Array(m);
  const scheduleOrder = new Int32Array(m);
  const rate = options.negativeSampleRate ?? 5;
  for (let r = 0; r < m; r++) {
    const e = byWeight[r];
    const t = position[e];
    scheduleOrder[r] = t;
    edgeHead[t] = edges.head[e];
    edgeTail[t] = edges.tail[e];
    epochsPerSample[t] = max / edges.weights[e];
    // Without negative samples, a period no epoch reaches (and no NaN in the kernel).
    epochsPerNegative[t] = rate > 0 ? epochsPerSample[t] / rate : Number.MAX_VALUE;
  }
  const alpha = options.learningRate ?? 1;
  const workHead = pad(head, dim);
  return {
    head: workHead, tail: tail === head ? workHead : pad(tail, dim), nTail, dim,
    headOut: head,
    edgeHead, edgeTail,
    epochsPerSample, schedule: createSchedule(epochsPerSample, scheduleOrder),
    epochsPerNegative, nextNegative: epochsPerNegative.slice(),
    initialAlpha: alpha, alpha, nEpochs, epoch: 0,
    table: buildCurveTable(options.curve.a, options.curve.b, options.repulsionStrength ?? 1),
    random: rng.int(0xffffffff) | 1,
  };
}

/**
 * Indices of the edges with weight > 0 and ≥ `min`, heaviest first, ties in index order: a
 * stable LSD radix sort on the float bits (for w ≥ 0 their order as uint32 is the value's).
 */
function heaviestFirst(weights: Float32Array, min: number): Int32Array {
  const bits = new Uint32Array(weights.buffer, weights.byteOffset, weights.length);
  let m = 0;
  for (let e = 0; e < weights.length; e++) if (weights[e] > 0 && weights[e] >= min) m++;
  let src = new Int32Array(m), dst = new Int32Array(m);
  for (let e = 0, t = 0; e < weights.length; e++) if (weights[e] > 0 && weights[e] >= min) src[t++] = e;
  const count = new Int32Array(65537);
  for (const shift of [0, 16]) {
    count.fill(0);
    // ~bits: ascending keys put heavier edges first.
    for (let t = 0; t < m; t++) count[((~bits[src[t]] >>> shift) & 0xffff) + 1]++;
    for (let v = 0; v < 65536; v++) count[v + 1] += count[v];
    for (let t = 0; t < m; t++) dst[count[(~bits[src[t]] >>> shift) & 0xffff]++] = src[t];
    [src, dst] = [dst, src];
  }
  return src;
}

/** rows × dim → rows × KERNEL_DIM with zeros. */
function pad(x: Float32Array, dim: number): Float32Array {
  const rows = x.length / dim;
  const out = new Float32Array(rows * KERNEL_DIM);
  for (let i = 0; i < rows; i++) for (let c = 0; c < dim; c++) out[i * KERNEL_DIM + c] = x[i * dim + c];
  return out;
}

function unpad(state: LayoutState): void {
  const { headOut: out, head, dim } = state;
  for (let i = 0, rows = out.length / dim; i < rows; i++) for (let c = 0; c < dim; c++) out[i * dim + c] = head[i * KERNEL_DIM + c];
}

export function layoutDone(state: LayoutState): boolean {
  return state.epoch >= state.nEpochs;
}

/** Runs up to `epochs` more epochs; returns how many ran. */
export function stepLayout(state: LayoutState, epochs: number): number {
  let ran = 0;
  while (ran < epochs && state.epoch < state.nEpochs) {
    if (!runEpochWasm(state, state.epoch)) runEpoch(state, state.epoch);
    state.epoch++;
    state.alpha = state.initialAlpha * (1 - state.epoch / state.nEpochs);
    ran++;
  }
  if (ran > 0) unpad(state);
  return ran;
}
