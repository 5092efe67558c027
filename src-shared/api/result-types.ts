// Shapes of extraction and analysis results the engine serves to the UI. Numeric columns are
// typed arrays (binary frames / structured clone), never JSON number arrays.
import type { Merge } from '../analysis/clustering';
import type { SampleGeometry } from '../analysis/types';

/** A data set: the clean test set or one corruption at one severity. */
export interface SetRef {
  /** `clean` or `<corruption>-s<severity>`, e.g. `fog-s3`. */
  id: string;
  corruption: string; // 'clean' for the clean set
  severity: number; // 0 for the clean set
  /** benchmark (the 15), extra (the 4), or clean. */
  group: 'clean' | 'benchmark' | 'extra';
}

export interface RunStatus {
  bundleDir: string;
  jobId: string | null;
  /** Model × set cells finished / total. */
  done: number;
  total: number;
  executionProvider: string;
  warnings: string[];
  /** Cells of the current grid in the cache (session/cache-watch.ts); byOthers: found there, not computed by this session's runs. */
  cache?: { cells: number; total: number; byOthers: number };
}

/** The evaluation grid: models × sets. Accuracy is NaN where a cell is not computed yet. */
export interface EvaluationTable {
  bundleDir: string;
  models: { id: string; role: 'dense' | 'pruned'; method: string; sparsity: number | null }[];
  sets: SetRef[];
  /** Row-major models × sets. */
  accuracy: Float32Array;
  /** Row-major models × sets: samples with NaN/±Inf logits (never counted correct) and with NaN/±Inf features; 0 until computed. */
  nonFiniteLogits: Int32Array;
  nonFiniteFeatures: Int32Array;
  /** Per model: mean accuracy over benchmark corruptions × severities (NaN until complete). */
  robustAccuracy: Float32Array;
  /** Per model, vs the dense baseline, over the 15 benchmark corruptions. */
  mCE: Float32Array;
  relativeMCE: Float32Array;
  /** Per model × benchmark corruption (order: `ceCorruptions`). */
  ce: Float32Array;
  ceCorruptions: string[];
  /** Mean accuracy over the extra corruptions (reported separately). */
  extraAccuracy: Float32Array;
  executionProvider: string;
}

/** Per-sample geometry of one model on one set (DESIGN.md §3): SampleGeometry's columns as computed (documented there), plus what the API adds. */
export interface SampleMetrics extends SampleGeometry {
  modelId: string;
  setId: string;
  labels: Int32Array;
  /** N × C angles to every class direction, degrees. */
  classAngles: Float32Array; // empty when the request said classAngles: false
  /** Category vs the dense model on the same set: 0 robust, 1 pruning-fragile, 2 pruning-improved, 3 both-wrong (`Category` codes), NO_CATEGORY (255) for the dense model (analysis/categories.ts). */
  category: Uint8Array;
}

export interface SimilarityResult {
  models: string[];
  /** M × M geometric distance. */
  distance: Float32Array;
  /** M × 2 classical-MDS layout. */
  layout: Float32Array;
  /** MST edges as [i, j] pairs with their distance. */
  mst: { a: number; b: number; distance: number }[];
  /** M × M prediction agreement on the clean set. */
  agreement: Float32Array;
  /** M × M linear CKA of clean features. */
  cka: Float32Array;
  /** Clean samples the CKA used: all of `samples`, or a seeded subsample above a size (analysis/cka-sample.ts). */
  ckaSamples: number;
  /** Clean samples of the run (what distance and agreement use). */
  samples: number;
}

export interface RedundancyResult {
  corruptions: string[];
  /** K × K correlation of accuracy drops across models. */
  correlation: Float32Array;
  /** K × K correlation of per-sample correctness. */
  sampleCorrelation: Float32Array;
  /** Leaf order from average-linkage clustering. */
  order: number[];
  /** Merges: clusters a, b (leaf indices < K, else K + merge index) at height. */
  merges: Pick<Merge, 'a' | 'b' | 'height'>[];
  nearDuplicates: { a: string; b: string; r: number }[];
}

export interface ProjectionResult {
  modelId: string;
  setId: string;
  dims: 2 | 3;
  /** count × dims, aligned to the dense model's map. */
  coords: Float32Array;
  /** Procrustes residual vs the dense map (0 for the dense model). */
  residual: number;
}

export interface SampleImages {
  index: number;
  label: number;
  width: number;
  height: number;
  channels: number;
  clean: Uint8Array;
  /** The same sample under one corruption at each requested severity. */
  corrupted: { setId: string; severity: number; data: Uint8Array }[];
}

/** Occlusion sensitivity of one sample for one model: per-pixel change when a patch is hidden. */
export interface OcclusionResult {
  modelId: string;
  setId: string;
  index: number;
  width: number;
  height: number;
  patch: number;
  stride: number;
  /** Metric values on the unoccluded image. */
  base: { angleGt: number; length: number; logitMargin: number };
  /** H × W: mean change (occluded − base) over the patches covering each pixel. */
  angleGt: Float32Array;
  length: Float32Array;
  logitMargin: Float32Array;
}

/** A file the engine made for the UI to save (Export menu); the bytes cross the WebSocket as a raw binary frame. */
export interface ExportedFile {
  /** Suggested name, e.g. `fashion-mnist-pruning-zoo-report.pdf`. */
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** The clean samples whose features (under one model) point most nearly the same way as one sample's. */
export interface NeighboursResult {
  modelId: string;
  setId: string;
  index: number;
  /** The sample's own true class and prediction on `setId`. */
  label: number;
  pred: number;
  /** Best first; the sample itself is left out when `setId` is clean. */
  neighbours: { index: number; label: number; pred: number; similarity: number; angle: number }[];
}
