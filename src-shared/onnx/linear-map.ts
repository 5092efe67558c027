// One linear layer read as z = W x + b with W out×in (row-major): Gemm (any transA/transB/alpha/
// beta), MatMul (x·B), or a 1×1 Conv (group 1, no padding) read per position. Constants may sit
// behind Identity/Cast/DequantizeLinear. Used for the classifier head and for a factor before it.
import type { PruneLensError } from '../base/errors';
import { attrFloat, attrInt, attrInts, constantFloat32, isConstant, nodeLabel } from './graph-index';
import type { GraphIndex, OnnxNode } from './graph-index';

export interface LinearMap {
  op: 'Gemm' | 'MatMul' | 'Conv';
  label: string;
  /** The data input (x, or its transpose for Gemm transA=1). */
  input: string;
  outputs: number;
  inputs: number;
  /** outputs × inputs, row-major. */
  weights: Float32Array;
  bias: Float32Array;
  transA: boolean;
}

export type Fail = (reason: string, tensor?: string) => PruneLensError;

export const LINEAR_OPS = new Set(['Gemm', 'MatMul', 'Conv']);

/** Reads a Gemm / MatMul / Conv node; `fail` builds the error for a node that is not a usable linear layer. */
export function readLinearMap(index: GraphIndex, node: OnnxNode, fail: Fail): LinearMap {
  const op = node.opType as LinearMap['op'];
  const [a, b, c] = node.input ?? [];
  const label = nodeLabel(node);
  const weightValues = b ? constantFloat32(index, b) : null;
  if (!weightValues) throw fail(`the weight input '${b}' of ${label} is computed by other nodes, not a constant`, b);
  if (op === 'MatMul' && isConstant(index, a ?? '')) throw fail(`${label} multiplies a constant on the left (W·x); export the classifier as x·Wᵀ (nn.Linear)`, a);
  const dims = weightValues.dims;
  const B = weightValues.data;
  let outputs: number;
  let inputs: number;
  let at: (k: number, j: number) => number;
  let scale = 1;
  if (op === 'Conv') {
    const kernel = dims.slice(2);
    if (dims.length < 3 || kernel.some((k) => k !== 1)) throw fail(`${label} has a [${kernel.join('×')}] kernel; only a 1×1 Conv can be a classifier head`, b);
    if (attrInt(node, 'group', 1) !== 1) throw fail(`${label} is a grouped Conv, not a classifier head`, b);
    if ((attrInts(node, 'pads') ?? []).some((p) => p !== 0)) throw fail(`${label} pads its input; a classifier 1×1 Conv must not`, b);
    [outputs, inputs] = dims;
    at = (k, j) => B[k * inputs + j];
  } else {
    if (dims.length !== 2) throw fail(`the weight '${b}' of ${label} has shape [${dims.join(', ')}], expected a matrix`, b);
    const transB = op === 'Gemm' && attrInt(node, 'transB', 0) === 1;
    [inputs, outputs] = transB ? [dims[1], dims[0]] : dims;
    at = transB ? (k, j) => B[k * inputs + j] : (k, j) => B[j * outputs + k];
    if (op === 'Gemm') scale = attrFloat(node, 'alpha', 1);
  }
  if (inputs === 0 || outputs === 0) throw fail(`${label} has an empty weight [${dims.join(', ')}]`, b);
  const weights = new Float32Array(outputs * inputs);
  for (let k = 0; k < outputs; k++) for (let j = 0; j < inputs; j++) weights[k * inputs + j] = scale * at(k, j);
  const map: LinearMap = { op, label, input: a ?? '', outputs, inputs, weights, bias: new Float32Array(outputs), transA: op === 'Gemm' && attrInt(node, 'transA', 0) === 1 };
  if ((op === 'Gemm' || op === 'Conv') && c) {
    const cv = constantFloat32(index, c);
    if (!cv) throw fail(`the bias input '${c}' of ${label} is computed, not a constant`, c);
    addBias(map, cv.data, cv.dims, op === 'Gemm' ? attrFloat(node, 'beta', 1) : 1, c, fail);
  }
  return map;
}

/** Adds a per-class (or scalar) bias to the map; anything else is refused. */
export function addBias(map: LinearMap, values: Float32Array, dims: number[] | null, scale: number, name: string, fail: Fail): void {
  const n = map.outputs;
  // [C], [1, C], or [1, C, 1, 1] after a Conv: one value per output, every other axis 1.
  const classAxis = map.op === 'Conv' && dims && dims.length > 2 ? 1 : dims ? dims.length - 1 : 0;
  const perClass = values.length === n && (!dims || dims.length <= 1 || dims.every((d, i) => d === (i === classAxis ? n : 1)));
  if (!perClass && values.length !== 1) throw fail(`bias '${name}' of ${map.label} has ${values.length} values for ${n} classes (a per-sample bias is not a classifier bias)`, name);
  for (let k = 0; k < n; k++) map.bias[k] += scale * values[perClass ? k : 0];
}

/** first then second as one map: W = W₂·W₁, b = W₂·b₁ + b₂ (second.inputs must equal first.outputs). */
export function composeMaps(first: LinearMap, second: LinearMap): LinearMap {
  const r = first.outputs;
  const d = first.inputs;
  const C = second.outputs;
  const weights = new Float64Array(C * d);
  const bias = Float64Array.from(second.bias);
  for (let k = 0; k < C; k++) {
    for (let m = 0; m < r; m++) {
      const u = second.weights[k * r + m];
      if (u === 0) continue;
      bias[k] += u * first.bias[m];
      for (let j = 0; j < d; j++) weights[k * d + j] += u * first.weights[m * d + j];
    }
  }
  return { ...second, input: first.input, inputs: d, weights: Float32Array.from(weights), bias: Float32Array.from(bias), transA: first.transA };
}
