// Finds the classifier head — the final linear layer producing the logits — and extracts
// W (C×d, row c = class direction c) and b (C) in the convention z = W f + b.
// Forms: Gemm (any transA/transB/alpha/beta), MatMul + Add, MatMul; through trailing Identity
// and one trailing Softmax/LogSoftmax (then the logits are the Softmax input, with a warning).
import { PruneLensError } from '../api/errors';
import { attrFloat, attrInt, constantFloat32, isConstant, nodeLabel } from './graph-index';
import type { GraphIndex, OnnxNode } from './graph-index';
import type { Dim, ShapeInference } from './shape-inference';

export interface HeadOverrides {
  featureTensor?: string;
  logitsTensor?: string;
}

export interface ClassifierHead {
  form: 'gemm' | 'matmul-add' | 'matmul';
  /** The Gemm / MatMul node, as "Gemm 'fc'". */
  node: string;
  /** Penultimate tensor: the head's input, or the flat tensor a Flatten/Reshape merely renamed. */
  featureTensor: string;
  /** The head node's data input. */
  headInput: string;
  logitsTensor: string;
  featureDim: number;
  classes: number;
  /** C×d, row-major: row c is the direction of class c. */
  weights: Float32Array;
  bias: Float32Array;
  /** Gemm with transA=1 reads its input as d×N: features are columns of the feature tensor. */
  featuresTransposed: boolean;
  /** Inferred shape of the feature tensor (N×d normally), null when unknown. */
  featureShape: Dim[] | null;
  /** ONNX element type of the feature tensor (1 float32, 10 float16). */
  featureElemType: number;
  /** The graph output that is the Softmax of the logits, if any. */
  softmaxTensor: string | null;
  warnings: string[];
}

const HINT = 'Set "logitsTensor" (the output of the final linear layer) and, if needed, "featureTensor" (its input) for this model in bundle.json.';
const SHAPE_ONLY = new Set(['Flatten', 'Reshape', 'Identity', 'Squeeze', 'Unsqueeze']);

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
  let extraBias: { name: string; data: Float32Array } | null = null;
  for (let step = 0; step < 256; step++) {
    const p = index.producers.get(t);
    if (!p) throw noHead(`'${t}' is a graph input, not computed by a linear layer`, t);
    const op = p.opType ?? '';
    if (op === 'Identity') { t = p.input?.[0] ?? ''; continue; }
    if ((op === 'Softmax' || op === 'LogSoftmax') && softmaxTensor === null && !extraBias) {
      softmaxTensor = t;
      t = p.input?.[0] ?? '';
      logitsTensor = t;
      warnings.push(`The model ends in ${op}; using its input '${t}' as the logits.`);
      continue;
    }
    if (op === 'Add' && !extraBias) {
      const [x, y] = p.input ?? [];
      const constant = isConstant(index, y ?? '') ? y : isConstant(index, x ?? '') ? x : null;
      if (!constant) throw noHead(`the last node producing '${start}' is Add of two computed tensors, not a linear layer's bias`, t);
      extraBias = { name: constant, data: constantFloat32(index, constant)!.data };
      t = constant === y ? x : y;
      continue;
    }
    if (op === 'Gemm' || op === 'MatMul') return build(p, extraBias);
    throw noHead(`the last node producing '${start}' is ${nodeLabel(p)}, not Gemm or MatMul(+Add)`, t);
  }
  throw noHead(`'${start}' is behind a cycle of Identity nodes`, start);

  function build(node: OnnxNode, addBias: { name: string; data: Float32Array } | null): ClassifierHead {
    const [a, b, c] = node.input ?? [];
    const label = nodeLabel(node);
    const isGemm = node.opType === 'Gemm';
    const weightValues = b ? constantFloat32(index, b) : null;
    if (!weightValues) throw noHead(`the weight input '${b}' of ${label} is computed by other nodes, not a constant`, b);
    if (!isGemm && isConstant(index, a ?? '')) throw noHead(`${label} multiplies a constant on the left (W·x); export the classifier as x·Wᵀ (nn.Linear)`, a);
    if (weightValues.dims.length !== 2) throw noHead(`the weight '${b}' of ${label} has shape [${weightValues.dims.join(', ')}], expected a matrix`, b);
    const transA = isGemm && attrInt(node, 'transA', 0) === 1;
    const transB = isGemm && attrInt(node, 'transB', 0) === 1;
    const alpha = isGemm ? attrFloat(node, 'alpha', 1) : 1;
    const beta = isGemm ? attrFloat(node, 'beta', 1) : 1;
    const [rows, cols] = weightValues.dims;
    const [d, classes] = transB ? [cols, rows] : [rows, cols];
    if (d === 0 || classes === 0) throw noHead(`${label} has an empty weight [${rows}, ${cols}]`, b);
    const weights = new Float32Array(classes * d);
    const B = weightValues.data;
    for (let k = 0; k < classes; k++) for (let j = 0; j < d; j++) weights[k * d + j] = alpha * (transB ? B[k * d + j] : B[j * classes + k]);
    const bias = new Float32Array(classes);
    const addTerm = (values: Float32Array, dims: number[] | null, scale: number, name: string) => {
      const perClass = values.length === classes && (!dims || dims.length <= 1 || dims.slice(0, -1).every((x) => x === 1));
      if (!perClass && values.length !== 1) throw noHead(`bias '${name}' of ${label} has ${values.length} values for ${classes} classes (a per-sample bias is not a classifier bias)`, name);
      for (let k = 0; k < classes; k++) bias[k] += scale * values[perClass ? k : 0];
    };
    if (isGemm && c) {
      const cv = constantFloat32(index, c);
      if (!cv) throw noHead(`the bias input '${c}' of ${label} is computed, not a constant`, c);
      addTerm(cv.data, cv.dims, beta, c);
    }
    if (addBias) addTerm(addBias.data, constantFloat32(index, addBias.name)?.dims ?? null, 1, addBias.name);
    const inputShape = shapes.shapes.get(a ?? '');
    if (!isGemm && inputShape && inputShape.length !== 2) throw noHead(`${label} reads a rank-${inputShape.length} tensor '${a}' (expected N×${d})`, a);
    const inputDim = inputShape?.length === 2 ? inputShape[transA ? 0 : 1] : undefined;
    if (typeof inputDim === 'number' && inputDim !== d) throw noHead(`${label} reads '${a}' with ${inputDim} features but its weight expects ${d}`, a);
    const featureTensor = chooseFeatureTensor(a ?? '', d, transA);
    return {
      form: isGemm ? 'gemm' : addBias ? 'matmul-add' : 'matmul',
      node: label,
      featureTensor,
      headInput: a ?? '',
      logitsTensor,
      featureDim: d,
      classes,
      weights,
      bias,
      featuresTransposed: transA,
      featureShape: shapes.shapes.get(featureTensor) ?? null,
      featureElemType: shapes.types.get(featureTensor) ?? 1,
      softmaxTensor,
      warnings,
    };
  }

  function chooseFeatureTensor(headInput: string, d: number, transposed: boolean): string {
    const chain = [headInput];
    for (let p = index.producers.get(headInput); p && SHAPE_ONLY.has(p.opType ?? '') && chain.length < 64; p = index.producers.get(chain[chain.length - 1])) {
      chain.push(p.input?.[0] ?? '');
    }
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
