// Per-layer weight statistics (parameters, non-zeros, sparsity, channels, N:M pattern,
// quantisation) and MACs for one input: dense, and effective for unstructured and N:M sparsity.
// Zeros count whether stored densely, in sparse_initializer or as quantised integers.
import { findFactorisedPairs } from './factorised-pairs';
import type { FactorisedPair } from './factorised-pairs';
import { attrInt, constantSource, constantValues, isConstant } from './graph-index';
import type { GraphIndex, OnnxNode } from './graph-index';
import { layerWeight, QOPERATOR_OPS } from './layer-weights';
import type { LayerQuantisation } from './layer-weights';
import { detectNMPattern } from './nm-sparsity';
import type { NMPattern } from './nm-sparsity';
import type { Dim, ShapeInference } from './shape-inference';
import { countNonZeros, tensorDims, tensorToFloat32 } from './tensor-data';
import { findTransformerStructure } from './transformer-structure';
import type { TransformerStructure } from './transformer-structure';

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
  /** Semi-structured pattern of the zeros (e.g. 2:4 along input channels), or null. */
  nm: NMPattern | null;
  /** How the weight is stored when it is quantised, or null (float). */
  quantisation: LayerQuantisation | null;
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
  /** Dense MACs per input, activation × activation products (attention) included. */
  macs: number;
  /** MACs when zero weights are skipped (unstructured sparse kernels): each layer × its density. */
  sparseMacs: number;
  /** MACs with N:M layers run as N:M (× N/M), the others dense; null when no layer has a pattern. */
  nmMacs: number | null;
  /** True when some op could not be shape-inferred, so `macs` may be an underestimate. */
  macsPartial: boolean;
  unsupportedOps: string[];
  /** Low-rank factorised pairs (two linear maps with no nonlinearity between). */
  factorised: FactorisedPair[];
  /** Attention heads and MLP widths when the graph is a transformer, else null. */
  transformer: TransformerStructure | null;
}

const LAYER_OPS = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul', ...QOPERATOR_OPS]);
const CONV_OPS = new Set(['Conv', 'QLinearConv', 'ConvInteger']);
const MATMUL_OPS = new Set(['MatMul', 'QLinearMatMul', 'MatMulInteger']);

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
  const op = node.opType ?? '';
  let macs: number | null = null;
  if (CONV_OPS.has(op)) macs = y && prod(y) * prod(weightShape.slice(1));
  else if (op === 'ConvTranspose') macs = x && prod(x) * prod(weightShape.slice(1));
  else if (op === 'Gemm') macs = y && prod(y) * (attrInt(node, 'transB', 0) ? weightShape[1] : weightShape[0]);
  else if (MATMUL_OPS.has(op)) macs = x && y && prod(y) * (x.length === 1 ? x[0] : x[x.length - 1]);
  return macs !== null && Number.isFinite(macs) ? macs : null;
}

function biasName(index: GraphIndex, node: OnnxNode): string | undefined {
  const op = node.opType ?? '';
  if (op === 'QLinearConv') return node.input?.[8] || undefined;
  if (QOPERATOR_OPS.has(op)) return undefined;
  if (op !== 'MatMul') return node.input?.[2] || undefined;
  const add = (index.consumers.get(node.output?.[0] ?? '') ?? []).find((c) => c.opType === 'Add');
  return add?.input?.find((n) => n !== node.output?.[0] && isConstant(index, n));
}

/** [output, input] channels of a weight, and the axes they run along. */
function channelAxes(node: OnnxNode, shape: number[]): { out: number; in: number; outAxis: number; inAxis: number } {
  const op = node.opType ?? '';
  const r = shape.length;
  const group = attrInt(node, 'group', 1);
  const axes = (outAxis: number, inAxis: number, outScale = 1, inScale = 1) => ({ out: (shape[outAxis] ?? 1) * outScale, in: (shape[inAxis] ?? 1) * inScale, outAxis, inAxis });
  if (CONV_OPS.has(op)) return axes(0, 1, 1, group);
  if (op === 'ConvTranspose') return axes(1, 0, group);
  if (op === 'Gemm') return attrInt(node, 'transB', 0) === 1 ? axes(0, 1) : axes(1, 0);
  return axes(r - 1, r - 2);
}

export function computeModelStats(index: GraphIndex, shapes: ShapeInference): ModelStats {
  const counts = constantCounts(index);
  const layers: LayerStat[] = [];
  const layerOf = new Map<OnnxNode, LayerStat>();
  let macsPartial = shapes.unsupportedOps.length > 0 || shapes.unresolvedNodes.length > 0;
  let macs = 0;
  let sparseMacs = 0;
  let nmMacs = 0;
  for (const node of index.nodes) {
    const op = node.opType ?? '';
    if (!LAYER_OPS.has(op)) continue;
    const weight = layerWeight(index, node);
    if (!weight) {
      // activation × activation product (attention): still costs MACs, has no weights
      const m = MATMUL_OPS.has(op) ? layerMacs(node, shapes, [0]) : null;
      if (m === null) macsPartial = true;
      else { macs += m; sparseMacs += m; nmMacs += m; }
      continue;
    }
    const { dims: shape, values } = weight;
    const c = values ? { elements: values.length, nonZeros: countNonZeros(values) } : countsOf(index, counts, weight.name);
    if (!c) continue;
    const { elements: parameters, nonZeros } = c;
    const channels = channelAxes(node, shape);
    const nm = values && nonZeros < parameters ? detectNMPattern(values, shape, channels.inAxis, channels.outAxis) : null;
    const biasInput = biasName(index, node);
    const bias = biasInput && constantSource(index, biasInput);
    const m = layerMacs(node, shapes, shape);
    if (m === null) macsPartial = true;
    else {
      macs += m;
      sparseMacs += parameters ? (m * nonZeros) / parameters : 0;
      nmMacs += nm ? (m * nm.n) / nm.m : m;
    }
    const layer: LayerStat = {
      name: node.name || weight.name,
      op,
      weight: weight.name,
      shape,
      parameters,
      nonZeros,
      sparsity: parameters ? 1 - nonZeros / parameters : 0,
      biasParameters: bias ? countsOf(index, counts, bias)?.elements ?? 0 : 0,
      outChannels: channels.out,
      inChannels: channels.in,
      macs: m,
      nm,
      quantisation: weight.quantisation,
    };
    layers.push(layer);
    layerOf.set(node, layer);
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
    sparseMacs,
    nmMacs: layers.some((l) => l.nm) ? nmMacs : null,
    macsPartial,
    unsupportedOps: shapes.unsupportedOps,
    factorised: findFactorisedPairs(index, layerOf),
    transformer: findTransformerStructure(index, shapes, layerOf),
  };
}
