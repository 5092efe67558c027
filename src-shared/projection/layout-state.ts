// The UMAP layout optimiser's mutable state, shared by sgd-layout.ts (set-up, stepping) and
// sgd-epoch.ts (one epoch's inner loop) without either importing the other.
import type { CurveTable } from './curve-table';
import type { SampleSchedule } from './sample-schedule';

/** The SGD kernel works on 3 components per point; 1-D and 2-D maps are padded with zeros. */
export const KERNEL_DIM = 3;

export interface LayoutState {
  /** Positions being optimised (nHead × 3, a working copy, zero-padded), updated in place. */
  head: Float32Array;
  /** Positions edges point at (laid out like `head`); the same array when laying out a graph on itself. */
  tail: Float32Array;
  nTail: number;
  /** The map's own dimension (1–3). */
  dim: number;
  /** The caller's nHead × dim array, refreshed from `head` after every step. */
  headOut: Float32Array;
  edgeHead: Int32Array;
  edgeTail: Int32Array;
  epochsPerSample: Float64Array;
  /** Which edges are due in an epoch. */
  schedule: SampleSchedule;
  epochsPerNegative: Float64Array;
  nextNegative: Float64Array;
  initialAlpha: number;
  alpha: number;
  nEpochs: number;
  epoch: number;
  table: CurveTable;
  /** xorshift32 state (an int32, never 0) for negative sampling, seeded from the caller's Rng. */
  random: number;
}
