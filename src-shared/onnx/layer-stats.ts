// Per-layer weight statistics (parameters, non-zeros, sparsity, channels) and a MACs estimate
// for one input. Zeros count whether stored densely or in sparse_initializer.
import { attrInt, constantDims, constantSource, constantValues, isConstant } from './graph-index';
import type { GraphIndex, OnnxNode } from './graph-index';
import type { Dim, ShapeInference } from './shape-inference';
import { countNonZeros, tensorDims, tensorToFloat32 } from './tensor-data';

export interface LayerStat {
  /** Node name, or the weight's name when the node has none. */
  name: string;
  op: string;
  weight: string;
  shape: number[];
  /** Elements of the weight tensor. */
  parameters: number;
  nonZeros: number;
  sparsity: number;
  biasParameters: number;
  outChannels: number;
  inChannels: number;
  /** Multiply-accumulates for one input; null when shapes are unknown. */
  macs: number | null;
}

export interface ModelStats {
  layers: LayerStat[];
  /** Every initializer element (dense and sparse). */
  parameterCount: number;
  nonZeroParameters: number;
  /** Conv / Gemm / MatMul weights only — the usual meaning of "sparsity" in pruning papers. */
  weightParameters: number;
  weightNonZeros: number;
  weightSparsity: number;
  macs: number;
  /** True when some op could not be shape-inferred, so `macs` may be an underestimate. */
  macsPartial: boolean;
  unsupportedOps: string[];
}

const LAYER_OPS = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul']);

/** Elements and non-zeros of every constant tensor, by name. */
function constantCounts(index: GraphIndex): Map<string, { elements: number; nonZeros: number }> {
  const counts = new Map<string, { elements: number; nonZeros: number }>();
  for (const [name, t] of index.initializers) {
    const { data } = tensorToFloat32(t, name);
    counts.set(name, { elements: data.length, nonZeros: countNonZeros(data) });
  }
  for (const [name, s] of index.sparseInitializers) {
    const elements = tensorDims(s.dims, name).reduce((a, b) => a * b, 1);
    const values = s.values ? tensorToFloat32(s.values, name).data : new Float32Array(0);
    counts.set(name, { elements, nonZeros: countNonZeros(values) });
  }
  return counts;
}

function countsOf(index: GraphIndex, counts: Map<string, { elements: number; nonZeros: number }>, name: string) {
  const known = counts.get(name);
  if (known) return known;
  const v = constantValues(index, name);
  if (!v) return null;
  const entry = { elements: v.data.length, nonZeros: countNonZeros(Float32Array.from(v.data)) };
  counts.set(name, entry);
  return entry;
}

const batchOne = (shape: Dim[] | undefined): number[] | null => (shape ? shape.map((d, i) => (typeof d === 'number' ? d : i === 0 ? 1 : NaN)) : null);
const prod = (dims: number[]) => dims.reduce((a, b) => a * b, 1);

function layerMacs(node: OnnxNode, shapes: ShapeInference, weightShape: number[]): number | null {
  const io = (name: string | undefined) => batchOne(name ? shapes.shapes.get(name) : undefined);
  const x = io(node.input?.[0]);
  const y = io(node.output?.[0]);
  let macs: number | null = null;
  switch (node.opType) {
    case 'Conv': macs = y && prod(y) * prod(weightShape.slice(1)); break;
    case 'ConvTranspose': macs = x && prod(x) * prod(weightShape.slice(1)); break;
    case 'Gemm': {
      const k = attrInt(node, 'transB', 0) ? weightShape[1] : weightShape[0];
      macs = y && prod(y) * k;
      break;
    }
    case 'MatMul': macs = x && y && prod(y) * x[x.length - 1]; break;
  }
  return macs !== null && Number.isFinite(macs) ? macs : null;
}

function biasName(index: GraphIndex, node: OnnxNode): string | undefined {
  if (node.opType !== 'MatMul') return node.input?.[2] || undefined;
  const add = (index.consumers.get(node.output?.[0] ?? '') ?? []).find((c) => c.opType === 'Add');
  return add?.input?.find((n) => n !== node.output?.[0] && isConstant(index, n));
}

export function computeModelStats(index: GraphIndex, shapes: ShapeInference): ModelStats {
  const counts = constantCounts(index);
  const layers: LayerStat[] = [];
  let macsPartial = shapes.unsupportedOps.length > 0 || shapes.unresolvedNodes.length > 0;
  let macs = 0;
  for (const node of index.nodes) {
    const op = node.opType ?? '';
    if (!LAYER_OPS.has(op)) continue;
    const inputs = node.input ?? [];
    const weightInput = op === 'MatMul' ? inputs.slice(0, 2).reverse().find((n) => isConstant(index, n)) : inputs[1];
    const weight = weightInput && constantSource(index, weightInput);
    const shape = weight ? constantDims(index, weight) : null;
    const c = weight ? countsOf(index, counts, weight) : null;
    if (!weight || !shape || !c) {
      // activation × activation product: still costs MACs, has no weights
      const m = op === 'MatMul' ? layerMacs(node, shapes, [0]) : null;
      if (m === null) macsPartial = true;
      else macs += m;
      continue;
    }
    const group = attrInt(node, 'group', 1);
    const transB = attrInt(node, 'transB', 0) === 1;
    const [outChannels, inChannels] =
      op === 'Conv' ? [shape[0], shape[1] * group]
        : op === 'ConvTranspose' ? [shape[1] * group, shape[0]]
          : op === 'Gemm' ? (transB ? [shape[0], shape[1]] : [shape[1], shape[0]])
            : [shape[shape.length - 1], shape[shape.length - 2] ?? 1];
    const biasInput = biasName(index, node);
    const bias = biasInput && constantSource(index, biasInput);
    const m = layerMacs(node, shapes, shape);
    if (m === null) macsPartial = true;
    else macs += m;
    layers.push({
      name: node.name || weight,
      op,
      weight,
      shape,
      parameters: c.elements,
      nonZeros: c.nonZeros,
      sparsity: c.elements ? 1 - c.nonZeros / c.elements : 0,
      biasParameters: bias ? countsOf(index, counts, bias)?.elements ?? 0 : 0,
      outChannels,
      inChannels,
      macs: m,
    });
  }
  let parameterCount = 0;
  let nonZeroParameters = 0;
  for (const [name, c] of counts) {
    if (!index.initializers.has(name) && !index.sparseInitializers.has(name)) continue;
    parameterCount += c.elements;
    nonZeroParameters += c.nonZeros;
  }
  const weightParameters = layers.reduce((n, l) => n + l.parameters, 0);
  const weightNonZeros = layers.reduce((n, l) => n + l.nonZeros, 0);
  return {
    layers,
    parameterCount,
    nonZeroParameters,
    weightParameters,
    weightNonZeros,
    weightSparsity: weightParameters ? 1 - weightNonZeros / weightParameters : 0,
    macs,
    macsPartial,
    unsupportedOps: shapes.unsupportedOps,
  };
}
