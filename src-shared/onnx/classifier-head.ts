// Finds the classifier head — the final linear layer producing the logits — and extracts
// W (C×d, row c = class direction c) and b (C) in the convention z = W f + b.
// Forms: Gemm (any transA/transB/alpha/beta), MatMul (+ Add), 1×1 Conv (on a 1×1 map, or with a
// GlobalAveragePool / spatial ReduceMean after it); walked back through Identity, Cast,
// Flatten/Reshape/Squeeze, Softmax/LogSoftmax and a QuantizeLinear→DequantizeLinear pair after it
// (the logits are then the float tensor before them, with a warning). Two linear maps (Gemm/MatMul,
// or two 1×1 Convs) with nothing between them (a low-rank factorised head) are folded into one W;
// the features are then the first factor's input (its spatial mean when pooled after). Weights behind DequantizeLinear are constants (see graph-index).
import type { LinearHead } from '../analysis/types';
import { PruneLensError } from '../base/errors';
import { attrInt, attrInts, constantDims, constantFloat32, constantValues, isConstant, nodeLabel } from './graph-index';
import type { GraphIndex, OnnxNode } from './graph-index';
import { precedingFactor } from './head-factor';
import { LINEAR_OPS, addBias, composeMaps, readLinearMap } from './linear-map';
import type { LinearMap } from './linear-map';
import { QUANTIZED_HEAD_OPS, integerHeadBehind, quantizedLogitsOf, readQuantizedHead } from './quantized-head';
import type { QuantizedLogits } from './quantized-head';
import type { Dim, ShapeInference } from './shape-inference';

export interface HeadOverrides {
  featureTensor?: string;
  logitsTensor?: string;
}

/** A head found in an ONNX graph: the linear map (analysis/types.ts LinearHead) and where it sits. */
export interface ClassifierHead extends LinearHead {
  form: 'gemm' | 'matmul-add' | 'matmul' | 'conv1x1';
  /** The Gemm / MatMul / Conv node, as "Gemm 'fc'". */
  node: string;
  /** Penultimate tensor: the head's input, or the flat tensor a Flatten/Reshape merely renamed. */
  featureTensor: string;
  /** The head node's data input (the first factor's, for a folded factorised head). */
  headInput: string;
  logitsTensor: string;
  /** Gemm with transA=1 reads its input as d×N: features are columns of the feature tensor. */
  featuresTransposed: boolean;
  /** Inferred shape of the feature tensor (N×d normally), null when unknown. */
  featureShape: Dim[] | null;
  /** ONNX element type of the feature tensor (1 float32, 10 float16). */
  featureElemType: number;
  /** The Softmax / LogSoftmax output after the logits, if any. */
  softmaxTensor: string | null;
  /** A folded low-rank head: the first factor's node and the inner width r; null otherwise. */
  factor: { node: string; rank: number } | null;
  /** Nodes that surgery adds to compute `featureTensor` (a pooled Conv head's pooled input); usually none. */
  featureNodes: OnnxNode[];
  /** An integer-only head (QLinearMatMul / QGemm / QLinearConv): the logits are dequantized integers, W·f + b matches them to step/2 inside [min, max]. */
  quantizedLogits: QuantizedLogits | null;
  warnings: string[];
}

const HINT = 'Set "logitsTensor" (the output of the final linear layer) and, if needed, "featureTensor" (its input) for this model in bundle.json.';
const SHAPE_ONLY = new Set(['Flatten', 'Reshape', 'Identity', 'Squeeze', 'Unsqueeze']);
const AFTER_HEAD = new Set(['Identity', 'Cast', 'Flatten', 'Reshape', 'Squeeze']);

export function findClassifierHead(index: GraphIndex, shapes: ShapeInference, overrides: HeadOverrides = {}, fileLabel = 'model'): ClassifierHead {
  const noHead = (reason: string, tensor?: string): PruneLensError =>
    new PruneLensError('no-head', `${fileLabel}: no classifier head found: ${reason}. ${HINT}`, tensor ? { file: fileLabel, tensor } : { file: fileLabel });
  const start = overrides.logitsTensor ?? index.outputs[0]?.name ?? '';
  if (!start) throw noHead('the graph has no outputs');
  if (!index.producers.has(start) && !index.inputs.some((i) => i.name === start)) {
    throw noHead(`${overrides.logitsTensor ? 'logitsTensor' : 'the output'} '${start}' is not a tensor computed by the graph`, start);
  }
  const warnings: string[] = [];
  let softmaxTensor: string | null = null;
  let logitsTensor = start;
  let t = start;
  let extraBias: { name: string; data: Float32Array; dims: number[] } | null = null;
  let pooled: OnnxNode | null = null;
  let quantizedLogits: QuantizedLogits | null = null;
  for (let step = 0; step < 256; step++) {
    const p = index.producers.get(t);
    if (!p) throw noHead(`'${t}' is a graph input, not computed by a linear layer`, t);
    const op = p.opType ?? '';
    const input = p.input?.[0] ?? '';
    const beforeHead = !extraBias && !pooled;
    if (AFTER_HEAD.has(op)) {
      // A Cast to anything but float32 (float16, integers) would lose precision: the logits are its input.
      if (op === 'Cast' && attrInt(p, 'to', 1) !== 1 && logitsTensor === t) logitsTensor = input;
      t = input;
      continue;
    }
    if ((op === 'Softmax' || op === 'LogSoftmax') && softmaxTensor === null && beforeHead) {
      softmaxTensor = t;
      t = logitsTensor = input;
      warnings.push(`The model ends in ${op}; using its input '${t}' as the logits.`);
      continue;
    }
    const quantizedHead = index.producers.get(input);
    if (op === 'DequantizeLinear' && QUANTIZED_HEAD_OPS.has(quantizedHead?.opType ?? '') && beforeHead) {
      quantizedLogits = quantizedLogitsOf(index, p);
      if (!quantizedLogits) throw noHead(`the DequantizeLinear after ${nodeLabel(quantizedHead!)} has a computed or per-channel scale`, t);
      warnings.push(`${nodeLabel(quantizedHead!)} is an integer-only head: the logits '${logitsTensor}' are its dequantized output (steps of ${quantizedLogits.step.toPrecision(3)}), the features its input dequantized.`);
      return integerHead(quantizedHead!);
    }
    if (QUANTIZED_HEAD_OPS.has(op) && beforeHead) {
      // QGemm without an output scale returns float logits; the others return integers.
      if (op === 'QGemm' && !p.input?.[7]) return integerHead(p);
      throw noHead(`${nodeLabel(p)} returns quantised integer logits and no DequantizeLinear follows it`, t);
    }
    const integer = op === 'Mul' ? integerHeadBehind(index, p) : null;
    if (integer) throw noHead(`the logits come from ${nodeLabel(integer)} (dynamic integer quantisation), which PruneLens cannot decompose; quantise the model statically (QDQ, QLinearMatMul or QGemm) or keep the classifier in float`, t);
    if (op === 'DequantizeLinear' && quantizedHead && quantizedHead.opType !== 'QuantizeLinear') {
      const where = QUANTIZED_HEAD_OPS.has(quantizedHead.opType ?? '') ? ' pooled or with a bias after it' : '';
      throw noHead(`the logits are the dequantized integer output of ${nodeLabel(quantizedHead)}${where}; integer-only heads are supported as QLinearMatMul, QGemm or a 1×1 QLinearConv on a 1×1 map, each directly followed by DequantizeLinear`, t);
    }
    if (op === 'DequantizeLinear' && index.producers.get(input)?.opType === 'QuantizeLinear' && beforeHead) {
      t = index.producers.get(input)!.input?.[0] ?? '';
      logitsTensor = t;
      warnings.push(`The logits are quantised (QuantizeLinear → DequantizeLinear); using the float tensor '${t}' before them as the logits.`);
      continue;
    }
    // The mean of a 1×1 Conv's output (a bias Add after the pooling is still affine).
    if ((op === 'GlobalAveragePool' || (op === 'ReduceMean' && spatialMean(p))) && !pooled) {
      pooled = p;
      t = input;
      continue;
    }
    if (op === 'Add' && !extraBias) {
      const [x, y] = p.input ?? [];
      const constant = isConstant(index, y ?? '') ? y : isConstant(index, x ?? '') ? x : null;
      if (!constant) throw noHead(`the last node producing '${start}' is Add of two computed tensors, not a linear layer's bias`, t);
      const values = constantFloat32(index, constant)!;
      extraBias = { name: constant, data: values.data, dims: values.dims };
      t = constant === y ? x : y;
      continue;
    }
    if (LINEAR_OPS.has(op)) {
      const kernel = op === 'Conv' ? constantDims(index, p.input?.[1] ?? '')?.slice(2) : null;
      if (kernel?.some((k) => k !== 1)) throw noHead(`the last node producing '${start}' is ${nodeLabel(p)} with a [${kernel.join('×')}] kernel, not Gemm, MatMul(+Add) or a 1×1 Conv`, t);
      return build(p);
    }
    throw noHead(`the last node producing '${start}' is ${nodeLabel(p)}, not Gemm, MatMul(+Add) or a 1×1 Conv`, t);
  }
  throw noHead(`'${start}' is behind a cycle of Identity nodes`, start);

  /** ReduceMean over the spatial axes (all axes from 2 on) of a rank-≥3 tensor. */
  function spatialMean(node: OnnxNode): boolean {
    const rank = shapes.shapes.get(node.input?.[0] ?? '')?.length ?? 4;
    const axes = attrInts(node, 'axes') ?? (node.input?.[1] ? Array.from(constantValues(index, node.input[1], true)?.data ?? []) : null);
    if (!axes || rank < 3) return false;
    const normalised = new Set(axes.map((a) => (a < 0 ? a + rank : a)));
    return normalised.size === rank - 2 && [...normalised].every((a) => a >= 2 && a < rank);
  }

  function build(node: OnnxNode): ClassifierHead {
    let map = readLinearMap(index, node, noHead);
    if (extraBias) addBias(map, extraBias.data, extraBias.dims, 1, extraBias.name, noHead);
    if (pooled && map.op !== 'Conv') throw noHead(`${nodeLabel(pooled)} follows ${map.label}; only a 1×1 Conv head may be pooled after`, map.input);
    if (map.op === 'Conv') return convHead(node, map);
    const inputShape = shapes.shapes.get(map.input);
    if (map.op === 'MatMul' && inputShape && inputShape.length !== 2) throw noHead(`${map.label} reads a rank-${inputShape.length} tensor '${map.input}' (expected N×${map.inputs})`, map.input);
    const inputDim = inputShape?.length === 2 ? inputShape[map.transA ? 0 : 1] : undefined;
    if (typeof inputDim === 'number' && inputDim !== map.inputs) throw noHead(`${map.label} reads '${map.input}' with ${inputDim} features but its weight expects ${map.inputs}`, map.input);
    const form = map.op === 'Gemm' ? 'gemm' : extraBias ? 'matmul-add' : 'matmul';
    let factor: ClassifierHead['factor'] = null;
    // Not folded when featureTensor pins the features to the head's own input (or a reshape of it).
    const pinned = overrides.featureTensor !== undefined && reshapeChain(map.input).includes(overrides.featureTensor);
    const first = pinned || map.transA ? null : precedingFactor(index, shapes, map, noHead);
    if (first) {
      factor = foldNote(first, map);
      map = composeMaps(first, map);
    }
    const featureTensor = chooseFeatureTensor(map.input, map.inputs, map.transA);
    return result(map, form, featureTensor, factor, []);
  }

  function integerHead(node: OnnxNode): ClassifierHead {
    const q = readQuantizedHead(index, node, noHead);
    const label = nodeLabel(node);
    if (overrides.featureTensor !== undefined) throw noHead(`featureTensor cannot be set for ${label}: its features are its input dequantized, computed by PruneLens`, overrides.featureTensor);
    const shape = shapes.shapes.get(q.quantizedInput) ?? null;
    const conv = node.opType === 'QLinearConv';
    if (conv && !(shape && shape.length >= 3 && shape.slice(2).every((d) => d === 1))) throw noHead(`${label} reads '${q.quantizedInput}' of shape [${shape?.join(', ') ?? 'unknown'}]; a quantised 1×1 Conv head needs a 1×1 input`, q.quantizedInput);
    if (!conv && shape && shape.length !== 2) throw noHead(`${label} reads a rank-${shape.length} tensor '${q.quantizedInput}' (expected N×${q.map.inputs})`, q.quantizedInput);
    const form = conv ? 'conv1x1' : node.opType === 'QGemm' ? 'gemm' : 'matmul';
    return result(q.map, form, q.featureTensor, null, [q.featureNode], shape, 1);
  }

  function convHead(node: OnnxNode, map: LinearMap): ClassifierHead {
    // Two 1×1 Convs with nothing between them fold like a Gemm/MatMul pair (unless featureTensor pins the features).
    const pinned = overrides.featureTensor !== undefined && reshapeChain(map.input).includes(overrides.featureTensor);
    const first = pinned ? null : precedingFactor(index, shapes, map, noHead);
    let factor: ClassifierHead['factor'] = null;
    if (first) {
      factor = foldNote(first, map);
      map = composeMaps(first, map);
    }
    const inputShape = shapes.shapes.get(map.input);
    const spatial = inputShape?.slice(2) ?? [];
    const unitMap = !!inputShape && inputShape.length >= 3 && spatial.every((d) => d === 1);
    if (typeof inputShape?.[1] === 'number' && inputShape[1] !== map.inputs) throw noHead(`${map.label} reads '${map.input}' with ${inputShape[1]} channels but its weight expects ${map.inputs}`, map.input);
    if (unitMap) return result(map, 'conv1x1', chooseFeatureTensor(map.input, map.inputs, false), factor, []);
    if (!pooled) {
      throw noHead(`${map.label} reads '${map.input}' of spatial size ${inputShape ? `[${spatial.join('×')}]` : 'unknown'}; a 1×1 Conv head needs a 1×1 input or a GlobalAveragePool / ReduceMean after it`, map.input);
    }
    if ((attrInts(node, 'strides') ?? []).some((s) => s !== 1)) throw noHead(`${map.label} has strides; the mean of its output is not a linear map of the mean of its input`, map.input);
    if (overrides.featureTensor !== undefined) throw noHead(`featureTensor cannot be set for ${map.label}: its features are the spatial mean of '${map.input}', computed by PruneLens`, overrides.featureTensor);
    // The mean commutes with the 1×1 Conv: logits = W · mean(x) + b, so the features are mean(x).
    const pooledName = `${map.input}__prunelens_pooled_features`;
    const gap: OnnxNode = { opType: 'GlobalAveragePool', name: 'prunelens_feature_pool', input: [map.input], output: [pooledName] };
    warnings.push(`${map.label} is followed by ${nodeLabel(pooled!)}; the features are the spatial mean of its input '${map.input}'.`);
    const shape: Dim[] | null = inputShape ? [inputShape[0], map.inputs, ...spatial.map(() => 1)] : null;
    return result(map, 'conv1x1', pooledName, factor, [gap], shape, shapes.types.get(map.input));
  }

  function foldNote(first: LinearMap, second: LinearMap): NonNullable<ClassifierHead['factor']> {
    warnings.push(`${first.label} and ${second.label} are two linear maps with nothing between them (a rank-${first.outputs} factorised head); they are folded into one ${second.outputs}×${first.inputs} W and the features are the input of ${first.label}.`);
    return { node: first.label, rank: first.outputs };
  }

  function result(map: LinearMap, form: ClassifierHead['form'], featureTensor: string, factor: ClassifierHead['factor'], featureNodes: OnnxNode[], shape?: Dim[] | null, elemType?: number): ClassifierHead {
    return {
      form,
      node: map.label,
      featureTensor,
      headInput: map.input,
      logitsTensor,
      featureDim: map.inputs,
      classes: map.outputs,
      weights: map.weights,
      bias: map.bias,
      featuresTransposed: map.transA,
      featureShape: shape !== undefined ? shape : shapes.shapes.get(featureTensor) ?? null,
      featureElemType: elemType ?? shapes.types.get(featureTensor) ?? 1,
      softmaxTensor,
      factor,
      featureNodes,
      quantizedLogits,
      warnings,
    };
  }

  /** The tensor and what it merely reshapes (Flatten/Reshape/Identity/Squeeze/Unsqueeze), nearest first. */
  function reshapeChain(tensor: string): string[] {
    const chain = [tensor];
    for (let p = index.producers.get(tensor); p && SHAPE_ONLY.has(p.opType ?? '') && chain.length < 64; p = index.producers.get(chain[chain.length - 1])) {
      chain.push(p.input?.[0] ?? '');
    }
    return chain;
  }

  function chooseFeatureTensor(headInput: string, d: number, transposed: boolean): string {
    const chain = reshapeChain(headInput);
    if (overrides.featureTensor !== undefined) {
      if (!chain.includes(overrides.featureTensor)) {
        throw noHead(`featureTensor '${overrides.featureTensor}' is not the input of the head (it reads '${headInput}'${chain.length > 1 ? `, a reshape of ${chain.slice(1).map((n) => `'${n}'`).join(', ')}` : ''})`, overrides.featureTensor);
      }
      const shape = shapes.shapes.get(overrides.featureTensor);
      if (shape && shape.length !== 2) warnings.push(`featureTensor '${overrides.featureTensor}' has shape [${shape.join(', ')}]; it is flattened to N×${d}.`);
      return overrides.featureTensor;
    }
    if (transposed) return headInput;
    let chosen = headInput;
    for (const name of chain.slice(1)) {
      if (!isFlat(shapes.shapes.get(name), d)) break;
      chosen = name;
    }
    return chosen;
  }
}

function isFlat(shape: Dim[] | undefined, d: number): boolean {
  return !!shape && shape.length === 2 && shape[1] === d;
}
