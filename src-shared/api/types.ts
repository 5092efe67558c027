// Data shapes returned by the API. Plain data only: they cross process boundaries.
import type { LayerStat } from '../onnx/layer-stats';
import type { ErrorPayload } from '../base/errors';

export interface TensorInfo {
  name: string;
  /** Element type as ONNX names it (`float`, `uint8`, …). */
  type: string;
  /** Dimensions; symbolic ones (e.g. the batch axis) as their name, unknown as null. */
  shape: (number | string | null)[];
}

/** One weight layer of a model card: the analysis's layer statistics, bias counts left out. */
export type LayerInfo = Omit<LayerStat, 'biasParameters'>;

export interface HeadInfo {
  form: 'gemm' | 'matmul-add' | 'matmul' | 'conv1x1';
  node: string;
  /** A low-rank factorised head folded into one W: its first factor and inner width. */
  factor?: { node: string; rank: number };
  featureTensor: string;
  featureDim: number;
  logitsTensor: string;
  classes: number;
  warnings: string[];
}

/** Structure vs the model's parent (bundle.json `parent`, default the dense model); layers matched by name, then shape. */
export interface ShrinkInfo {
  parent: string;
  /** Σ weights / Σ parent weights over matched layers and factorised pairs. */
  keptParameters: number;
  /** Every layer of both models matched and none grew. */
  sameArchitecture: boolean;
  structurallyPruned: boolean;
  layers: { name: string; op: string; parentName: string; matchedBy: 'name' | 'shape'; parentOutChannels: number; outChannels: number }[];
  /** Factorised pairs standing in for one parent layer. */
  factorised: { first: string; second: string; parentName: string; rank: number; fullRank: number }[];
  /** Layers without a partner, in this model and in the parent. */
  unmatched: string[];
  unmatchedParent: string[];
}

/** Structure read from the weights and the graph (no parent needed). */
export interface StructureInfo {
  /** Low-rank factorised pairs: two linear maps with no nonlinearity between. */
  factorised: { first: string; second: string; rank: number; fullRank: number }[];
  /** Attention blocks (heads, head dim) and MLP hidden widths, for transformers. */
  transformer: { attention: { node: string; heads: number | null; headDim: number | null }[]; mlpWidths: number[] } | null;
}

export interface ModelSummary {
  id: string;
  path: string;
  role: 'dense' | 'pruned';
  method: string;
  /** Sparsity declared in bundle.json, if any (0..1). */
  sparsity?: number;
  /** Clean accuracy declared in bundle.json (`expectedAccuracy`), if any (0..1). */
  expectedAccuracy?: number;
  /** Sparsity sweep declared in bundle.json (`sweep`), if any. */
  sweep?: string;
  /** Present when the file was read. */
  card?: {
    inputs: TensorInfo[];
    outputs: TensorInfo[];
    parameterCount: number;
    opCounts: Record<string, number>;
    opset: number | null;
    producer: string;
    fileBytes: number;
    /** Non-zero initializer elements (dense zeros and sparse_initializer both counted). */
    nonZeroParameters?: number;
    /** Zero fraction of the Conv/Gemm/MatMul weights (the usual pruning sparsity). */
    weightSparsity?: number;
    /** Multiply-accumulates for one input; `partial` when some op's shape was unknown. */
    macs?: {
      total: number;
      partial: boolean;
      unsupportedOps: string[];
      /** Zero weights skipped (unstructured sparse kernels). */
      sparse?: number;
      /** N:M layers run as N:M, the rest dense; absent when no layer has a pattern. */
      nm?: number;
    };
    structure?: StructureInfo;
    layers?: LayerInfo[];
    /** The detected classifier head, or why none was found. */
    head?: HeadInfo;
    headError?: ErrorPayload;
    /** Channels kept per layer vs the bundle's dense model (pruned models in a bundle). */
    shrink?: ShrinkInfo;
  };
  /** Present when this model could not be read; the rest of the bundle still opens. */
  error?: ErrorPayload;
}

export interface BundleSummary {
  name: string;
  /** Absolute path of the bundle folder. */
  dir: string;
  classes: string[];
  models: ModelSummary[];
  limit: number | null;
  data: { clean: { images: string; labels: string }; corrupted: string };
  /** bundle.json `input.guessed`: the normalisation was guessed by init and not yet confirmed. */
  normalisationGuessed?: string;
}

export interface AppInfo {
  name: string;
  version: string;
  transport: 'electron' | 'serve' | 'in-process';
  executionProviders: string[];
}
