// Low-rank factorisations: two consecutive linear maps (Gemm/MatMul, or a Conv followed by a
// 1×1 Conv) with nothing but affine ops between them (bias Add, Mul by a constant, BatchNorm,
// Identity, Cast, Q/DQ) compose to one map of rank ≤ r, r the inner width. Reported as
// "low-rank r (of full)" rather than as channels removed.
import { attrInt, attrInts, isConstant } from './graph-index';
import type { GraphIndex, OnnxNode } from './graph-index';

/** What this module needs of a layer (a LayerStat fits). */
export interface WeightLayer {
  name: string;
  op: string;
  shape: number[];
  inChannels: number;
  outChannels: number;
}

export interface FactorisedPair {
  first: string;
  second: string;
  /** Inner width r: output channels of the first map = input channels of the second. */
  rank: number;
  /** Largest rank the composed map could have: min(first's inputs × kernel area, second's outputs). */
  fullRank: number;
}

const LINEAR = new Set(['Gemm', 'MatMul', 'QLinearMatMul', 'MatMulInteger']);
const CONV = new Set(['Conv', 'QLinearConv', 'ConvInteger']);
const AFFINE = new Set(['Identity', 'Cast', 'BatchNormalization', 'QuantizeLinear', 'DequantizeLinear']);

/** The single consumer of `tensor` after affine pass-through ops, or null when it branches. */
function nextLinearNode(index: GraphIndex, tensor: string): OnnxNode | null {
  for (let step = 0; step < 16; step++) {
    const consumers = index.consumers.get(tensor) ?? [];
    if (consumers.length !== 1 || index.outputs.some((o) => o.name === tensor)) return null;
    const node = consumers[0];
    const op = node.opType ?? '';
    if (LINEAR.has(op) || CONV.has(op)) return node.input?.[0] === tensor ? node : null;
    const affine = AFFINE.has(op)
      ? node.input?.[0] === tensor
      : (op === 'Add' || op === 'Mul' || op === 'Sub') && (node.input ?? []).every((n) => n === tensor || isConstant(index, n));
    if (!affine) return null;
    tensor = node.output?.[0] ?? '';
  }
  return null;
}

const isPointwiseConv = (node: OnnxNode, layer: WeightLayer) => {
  const spatialOnes = layer.shape.slice(2).every((d) => d === 1);
  const unitStride = (attrInts(node, 'strides') ?? []).every((s) => s === 1);
  const noPads = (attrInts(node, 'pads') ?? []).every((p) => p === 0);
  return spatialOnes && unitStride && noPads && attrInt(node, 'group', 1) === 1;
};

export function findFactorisedPairs(index: GraphIndex, layerOf: Map<OnnxNode, WeightLayer>): FactorisedPair[] {
  const pairs: FactorisedPair[] = [];
  for (const [node, first] of layerOf) {
    const op = node.opType ?? '';
    if (CONV.has(op) && attrInt(node, 'group', 1) !== 1) continue;
    const next = nextLinearNode(index, node.output?.[0] ?? '');
    const second = next && layerOf.get(next);
    if (!next || !second) continue;
    const nextOp = next.opType ?? '';
    const ok = LINEAR.has(op) ? LINEAR.has(nextOp) : CONV.has(op) && CONV.has(nextOp) && isPointwiseConv(next, second);
    if (!ok || second.inChannels !== first.outChannels) continue;
    const kernelArea = CONV.has(op) ? first.shape.slice(2).reduce((a, b) => a * b, 1) : 1;
    const fullRank = Math.min(first.inChannels * kernelArea, second.outChannels);
    if (first.outChannels < fullRank) pairs.push({ first: first.name, second: second.name, rank: first.outChannels, fullRank });
  }
  return pairs;
}
