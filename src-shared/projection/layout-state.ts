// The UMAP layout optimiser's mutable state, shared by sgd-layout.ts (set-up, stepping) and
// sgd-epoch.ts (one epoch's inner loop) without either importing the other.
import type { CurveTable } from './curve-table';

export interface LayoutState {
  /** Positions being optimised (nHead × dim), updated in place. */
  head: Float32Array;
  /** Positions edges point at; the same array as `head` when laying out a graph on itself. */
  tail: Float32Array;
  nTail: number;
  dim: number;
  edgeHead: Int32Array;
  edgeTail: Int32Array;
  epochsPerSample: Float64Array;
  nextSample: Float64Array;
  epochsPerNegative: Float64Array;
  nextNegative: Float64Array;
  a: number;
  b: number;
  gamma: number;
  initialAlpha: number;
  alpha: number;
  nEpochs: number;
  epoch: number;
  table: CurveTable;
  /** xorshift32 state for negative sampling (fast, seeded from the caller's Rng). */
  random: number;
}
