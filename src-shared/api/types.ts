// Data shapes returned by the API. Plain data only: they cross process boundaries.
import type { LayerStat } from '../onnx/layer-stats';
import type { ErrorPayload } from './errors';

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
  form: 'gemm' | 'matmul-add' | 'matmul';
  node: string;
  featureTensor: string;
  featureDim: number;
  logitsTensor: string;
  classes: number;
  warnings: string[];
}

export interface ShrinkInfo {
  matchedBy: 'name' | 'order';
  keptParameters: number;
  structurallyPruned: boolean;
  layers: { name: string; op: string; denseOutChannels: number; outChannels: number }[];
}

export interface ModelSummary {
  id: string;
  path: string;
  role: 'dense' | 'pruned';
  method: string;
  /** Sparsity declared in bundle.json, if any (0..1). */
  sparsity?: number;
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
    macs?: { total: number; partial: boolean; unsupportedOps: string[] };
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
}

export interface AppInfo {
  name: string;
  version: string;
  transport: 'electron' | 'serve' | 'in-process';
  executionProviders: string[];
}
