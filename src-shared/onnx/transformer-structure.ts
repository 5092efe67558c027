// Transformer structure read from the graph: each attention block is an activation × activation
// MatMul whose result reaches a Softmax (the scores, Q·Kᵀ: [batch, heads, tokens, head dim] ×
// [.., head dim, tokens]); each MLP is a linear map d → h, a nonlinearity, and a map h → d.
// Head pruning shows as fewer heads, MLP pruning as a smaller h.
import { isConstant } from './graph-index';
import type { GraphIndex, OnnxNode } from './graph-index';
import type { ShapeInference } from './shape-inference';
import type { WeightLayer } from './factorised-pairs';

export interface AttentionBlock {
  /** The scores MatMul (node name or output). */
  node: string;
  /** Heads; null when the shapes do not separate heads from the batch. */
  heads: number | null;
  headDim: number | null;
}

export interface TransformerStructure {
  attention: AttentionBlock[];
  /** Hidden width h of each MLP (d → h → d), in graph order. */
  mlpWidths: number[];
}

const PASS_TO_SOFTMAX = new Set(['Div', 'Mul', 'Add', 'Sub', 'Where', 'Cast', 'Identity', 'Reshape']);
const NONLINEAR = new Set(['Gelu', 'FastGelu', 'BiasGelu', 'Relu', 'Erf', 'Tanh', 'Sigmoid', 'HardSwish', 'HardSigmoid', 'Softplus', 'Mish', 'Elu', 'Selu', 'LeakyRelu', 'QuickGelu']);
const MATMULS = new Set(['MatMul', 'QLinearMatMul', 'MatMulInteger']);
const LINEAR = new Set(['Gemm', 'MatMul', 'QLinearMatMul', 'MatMulInteger']);

const label = (node: OnnxNode) => node.name || node.output?.[0] || '?';
const num = (d: unknown): number | null => (typeof d === 'number' ? d : null);

function feedsSoftmax(index: GraphIndex, tensor: string): boolean {
  for (let step = 0; step < 8; step++) {
    const consumers = index.consumers.get(tensor) ?? [];
    if (consumers.some((c) => c.opType === 'Softmax')) return true;
    const next = consumers.find((c) => PASS_TO_SOFTMAX.has(c.opType ?? ''));
    if (!next) return false;
    tensor = next.output?.[0] ?? '';
  }
  return false;
}

/**
 * The one layer that `tensor` flows into (breadth-first through ≤ 16 non-layer nodes), and whether
 * any node on the way is a nonlinearity (GELU as Erf arithmetic has a linear side branch too).
 */
function nextLayer(index: GraphIndex, tensor: string, layerOf: Map<OnnxNode, WeightLayer>): { layer: WeightLayer; nonlinear: boolean } | null {
  const queue = [tensor];
  const seen = new Set<OnnxNode>();
  const reached = new Set<WeightLayer>();
  let nonlinear = false;
  while (queue.length > 0 && seen.size < 16) {
    for (const c of index.consumers.get(queue.shift()!) ?? []) {
      if (seen.has(c)) continue;
      seen.add(c);
      const layer = layerOf.get(c);
      if (layer) reached.add(layer);
      else {
        nonlinear ||= NONLINEAR.has(c.opType ?? '');
        queue.push(...(c.output ?? []));
      }
    }
  }
  return reached.size === 1 ? { layer: [...reached][0], nonlinear } : null;
}

export function findTransformerStructure(index: GraphIndex, shapes: ShapeInference, layerOf: Map<OnnxNode, WeightLayer>): TransformerStructure | null {
  const attention: AttentionBlock[] = [];
  for (const node of index.nodes) {
    if (!MATMULS.has(node.opType ?? '') || layerOf.has(node)) continue;
    const a = node.input?.[0] ?? '';
    const b = node.opType === 'QLinearMatMul' ? node.input?.[3] ?? '' : node.input?.[1] ?? '';
    if (isConstant(index, a) || isConstant(index, b) || !feedsSoftmax(index, node.output?.[0] ?? '')) continue;
    const shape = shapes.shapes.get(a);
    const rank = shape?.length ?? 0;
    attention.push({ node: label(node), heads: rank >= 4 ? num(shape![rank - 3]) : null, headDim: rank >= 2 ? num(shape![rank - 1]) : null });
  }
  if (attention.length === 0) return null;
  const mlpWidths: number[] = [];
  for (const [node, first] of layerOf) {
    if (!LINEAR.has(node.opType ?? '')) continue;
    const next = nextLayer(index, node.output?.[0] ?? '', layerOf);
    if (next?.nonlinear && LINEAR.has(next.layer.op) && next.layer.inChannels === first.outChannels && next.layer.outChannels === first.inChannels) mlpWidths.push(first.outChannels);
  }
  return { attention, mlpWidths };
}
