// The first factor of a factorised classifier head: a linear map (Gemm, or MatMul + optional
// constant Add; a stride-1 1×1 Conv when the head is a 1×1 Conv) whose only use is the head's
// input, with nothing nonlinear between them, as low-rank exports write W = U·V. Not taken when that map reads the graph input (directly or
// through reshapes): the features would then be raw pixels, not a representation.
import { attrInts, constantFloat32, isConstant } from './graph-index';
import type { GraphIndex, OnnxNode } from './graph-index';
import { addBias, readLinearMap } from './linear-map';
import type { Fail, LinearMap } from './linear-map';
import type { ShapeInference } from './shape-inference';

const PASS = new Set(['Identity']);
const RESHAPES = new Set(['Flatten', 'Reshape', 'Identity', 'Squeeze', 'Unsqueeze']);

/** The tensor's producer, skipping Identity; null when the tensor has other consumers or is a graph output. */
function soleProducer(index: GraphIndex, tensor: string): OnnxNode | null {
  for (let step = 0; step < 16; step++) {
    if ((index.consumers.get(tensor)?.length ?? 0) !== 1 || index.outputs.some((o) => o.name === tensor)) return null;
    const p = index.producers.get(tensor);
    if (!p || !PASS.has(p.opType ?? '')) return p ?? null;
    tensor = p.input?.[0] ?? '';
  }
  return null;
}

function readsGraphInput(index: GraphIndex, tensor: string): boolean {
  for (let step = 0; step < 64; step++) {
    if (index.inputs.some((i) => i.name === tensor)) return true;
    const p = index.producers.get(tensor);
    if (!p || !RESHAPES.has(p.opType ?? '')) return false;
    tensor = p.input?.[0] ?? '';
  }
  return false;
}

/** The linear map feeding `head` that can be folded into it, or null. */
export function precedingFactor(index: GraphIndex, shapes: ShapeInference, head: LinearMap, fail: Fail): LinearMap | null {
  let node = soleProducer(index, head.input);
  let bias: { name: string; values: Float32Array; dims: number[] } | null = null;
  if (node?.opType === 'Add') {
    const [x, y] = node.input ?? [];
    const constant = isConstant(index, y ?? '') ? y : isConstant(index, x ?? '') ? x : null;
    if (!constant) return null;
    const values = constantFloat32(index, constant)!;
    bias = { name: constant, values: values.data, dims: values.dims };
    node = soleProducer(index, constant === y ? x : y);
    if (node?.opType !== 'MatMul') return null;
  }
  // A 1×1 Conv head folds only a 1×1 Conv before it (per position, so a pooling after both still commutes).
  const convPair = head.op === 'Conv';
  if (!node || !(convPair ? node.opType === 'Conv' && bias === null : node.opType === 'Gemm' || node.opType === 'MatMul')) return null;
  if (convPair && (attrInts(node, 'strides') ?? []).some((s) => s !== 1)) return null;
  if (!isConstant(index, node.input?.[1] ?? '') || isConstant(index, node.input?.[0] ?? '')) return null;
  let first: LinearMap;
  try {
    first = readLinearMap(index, node, fail);
    if (bias) addBias(first, bias.values, bias.dims, 1, bias.name, fail);
  } catch {
    return null;
  }
  if (first.transA || first.outputs !== head.inputs || readsGraphInput(index, first.input)) return null;
  const inputShape = shapes.shapes.get(first.input);
  if (inputShape && (convPair ? inputShape.length < 3 : inputShape.length !== 2)) return null;
  return first;
}
