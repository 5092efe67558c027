// One pass over a decoded model: graph index, shapes, layer statistics and the classifier head
// (or the reason there is none). The card (plain data) and the head's W, b come from here.
import { PruneLensError, toErrorPayload } from '../base/errors';
import type { ModelSummary } from '../api/types';
import { findClassifierHead } from './classifier-head';
import type { ClassifierHead, HeadOverrides } from './classifier-head';
import { decodeOnnxModel } from './decode-model';
import type { OnnxModel } from './decode-model';
import { indexGraph } from './graph-index';
import type { GraphIndex } from './graph-index';
import { computeModelStats } from './layer-stats';
import type { ModelStats } from './layer-stats';
import { inferShapes } from './shape-inference';
import type { ShapeInference } from './shape-inference';
import { valueInfoToTensorInfo } from './tensor-info';

export interface ModelAnalysis {
  model: OnnxModel;
  index: GraphIndex;
  shapes: ShapeInference;
  stats: ModelStats;
  head: ClassifierHead | null;
  headError: PruneLensError | null;
}

/** Analyses a decoded model. Malformed tensors throw `bad-onnx`; a missing head is recorded, not thrown. */
export function analyzeModel(model: OnnxModel, overrides: HeadOverrides = {}, fileLabel = 'model'): ModelAnalysis {
  try {
    const index = indexGraph(model);
    const shapes = inferShapes(index);
    const stats = computeModelStats(index, shapes);
    let head: ClassifierHead | null = null;
    let headError: PruneLensError | null = null;
    try {
      head = findClassifierHead(index, shapes, overrides, fileLabel);
    } catch (error) {
      if (!(error instanceof PruneLensError)) throw error;
      headError = error;
    }
    return { model, index, shapes, stats, head, headError };
  } catch (error) {
    if (error instanceof PruneLensError) throw error.details?.file ? error : new PruneLensError(error.code, `${fileLabel}: ${error.message}`, { ...error.details, file: fileLabel });
    throw new PruneLensError('bad-onnx', `${fileLabel}: malformed graph (${(error as Error).message}).`, { file: fileLabel });
  }
}

export function analyzeModelBytes(bytes: Uint8Array, overrides: HeadOverrides = {}, fileLabel = 'model'): ModelAnalysis {
  return analyzeModel(decodeOnnxModel(bytes, fileLabel), overrides, fileLabel);
}

export type ModelCard = NonNullable<ModelSummary['card']>;

export function analysisToCard(a: ModelAnalysis, fileBytes: number): ModelCard {
  const { model, index, stats, head, headError } = a;
  const opCounts: Record<string, number> = {};
  for (const node of index.nodes) opCounts[node.opType ?? '?'] = (opCounts[node.opType ?? '?'] ?? 0) + 1;
  return {
    inputs: index.inputs.map(valueInfoToTensorInfo),
    outputs: index.outputs.map(valueInfoToTensorInfo),
    parameterCount: stats.parameterCount,
    opCounts,
    opset: index.opset,
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
    fileBytes,
    nonZeroParameters: stats.nonZeroParameters,
    weightSparsity: stats.weightSparsity,
    macs: { total: stats.macs, partial: stats.macsPartial, unsupportedOps: stats.unsupportedOps, sparse: stats.sparseMacs, ...(stats.nmMacs !== null ? { nm: stats.nmMacs } : {}) },
    structure: { factorised: stats.factorised, transformer: stats.transformer },
    layers: stats.layers.map(({ biasParameters: _b, ...layer }) => layer),
    ...(head
      ? { head: { form: head.form, node: head.node, featureTensor: head.featureTensor, featureDim: head.featureDim, logitsTensor: head.logitsTensor, classes: head.classes, warnings: head.warnings, ...(head.factor ? { factor: head.factor } : {}) } }
      : {}),
    ...(headError ? { headError: toErrorPayload(headError) } : {}),
  };
}
