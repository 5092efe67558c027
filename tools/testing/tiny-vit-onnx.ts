// A one-block ViT (input N×3×8×8, 4×4 patches + class token = 5 tokens, d = 16, 10 classes) built
// the way torch.onnx exports one: Shape/Gather/Concat reshape targets, the ConstantOfShape/Equal/
// Where pattern of cls_token.expand(B, -1, -1), Split into q/k/v, erf GELU, Slice of the class
// token. `heads` and `mlp` set the (pruned) attention heads and MLP width.
import { ELEM, OnnxGraph, seededValues } from './onnx-graph';

export function miniVit(heads: number, mlp: number, headDim = 8, d = 16): Uint8Array {
  const g = new OnnxGraph(17);
  let seed = 1;
  const w = (name: string, dims: number[]) => g.init(name, dims, seededValues(dims.reduce((a, b) => a * b, 1), seed++));
  const ints = (name: string, values: number[]) => g.init(name, [values.length], values, ELEM.int64);
  const inner = heads * headDim;
  g.input('x', ['N', 3, 8, 8]);
  const patches = g.node('Conv', ['x', w('patch_w', [d, 3, 4, 4])], { strides: [4, 4] }, { name: 'patch' });
  const batch = g.node('Unsqueeze', [g.node('Gather', [g.node('Shape', [patches]), g.init('zero', [], [0], ELEM.int64)], { axis: 0 }), ints('ax0', [0])]);
  const tokens = g.node('Transpose', [g.node('Reshape', [patches, g.node('Concat', [batch, ints('d', [d]), ints('m1', [-1])], { axis: 0 })])], { perm: [0, 2, 1] });
  // cls_token.expand(B, -1, -1)
  const target = g.node('Concat', [batch, ints('m1b', [-1]), ints('m1c', [-1])], { axis: 0 });
  const ones = g.node('ConstantOfShape', [g.node('Shape', [target])], { value: { tensor: { dataType: ELEM.int64, dims: [1], rawData: new Uint8Array(BigInt64Array.from([1n]).buffer) } } });
  const expandTo = g.node('Where', [g.node('Equal', [target, g.node('Mul', [ones, ints('neg', [-1])])]), ones, target]);
  const cls = g.node('Expand', [w('cls', [1, 1, d]), expandTo]);
  const x0 = g.node('Add', [g.node('Concat', [cls, tokens], { axis: 1 }), w('pos', [1, 5, d])]);
  // attention
  const ln1 = g.node('LayerNormalization', [x0, w('g1', [d]), w('b1', [d])], { axis: -1 });
  const qkv = g.node('Add', [g.node('MatMul', [ln1, w('qkv_w', [d, 3 * inner])], {}, { name: 'qkv' }), w('qkv_b', [3 * inner])]);
  const split5 = g.node('Transpose', [g.node('Reshape', [qkv, g.node('Concat', [batch, ints('s5', [5, 3, heads, headDim])], { axis: 0 })])], { perm: [2, 0, 3, 1, 4] });
  g.node('Split', [split5, ints('split', [1, 1, 1])], { axis: 0 }, { outputs: ['q5', 'k5', 'v5'] });
  const [q, k, v] = ['q5', 'k5', 'v5'].map((t) => g.node('Squeeze', [t, ints(`${t}_ax`, [0])]));
  const scores = g.node('Mul', [g.node('MatMul', [q, g.node('Transpose', [k], { perm: [0, 1, 3, 2] })], {}, { name: 'scores' }), g.init('scale', [], [1 / Math.sqrt(headDim)])]);
  const ctx = g.node('MatMul', [g.node('Softmax', [scores], { axis: -1 }), v], {}, { name: 'context' });
  const merged = g.node('Reshape', [g.node('Transpose', [ctx], { perm: [0, 2, 1, 3] }), g.node('Concat', [batch, ints('s3', [5, inner])], { axis: 0 })]);
  const x1 = g.node('Add', [x0, g.node('Add', [g.node('MatMul', [merged, w('proj_w', [inner, d])], {}, { name: 'proj' }), w('proj_b', [d])])]);
  // MLP with erf GELU
  const h = g.node('Add', [g.node('MatMul', [g.node('LayerNormalization', [x1, w('g2', [d]), w('b2', [d])], { axis: -1 }), w('fc1_w', [d, mlp])], {}, { name: 'fc1' }), w('fc1_b', [mlp])]);
  const erf = g.node('Add', [g.node('Erf', [g.node('Div', [h, g.init('sqrt2', [], [Math.SQRT2])])]), g.init('one', [], [1])]);
  const gelu = g.node('Mul', [g.node('Mul', [h, erf]), g.init('half', [], [0.5])]);
  const x2 = g.node('Add', [x1, g.node('Add', [g.node('MatMul', [gelu, w('fc2_w', [mlp, d])], {}, { name: 'fc2' }), w('fc2_b', [d])])]);
  const features = g.node('Squeeze', [g.node('Slice', [x2, ints('st', [0]), ints('en', [1]), ints('axs', [1])]), ints('sq', [1])], {}, { outputs: ['features'] });
  g.node('Gemm', [features, w('head_w', [10, d]), w('head_b', [10])], { transB: 1 }, { name: 'head', outputs: ['logits'] });
  g.output('logits', ['N', 10]);
  return g.encode();
}
