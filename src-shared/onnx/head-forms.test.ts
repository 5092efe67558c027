// Head forms beyond Gemm/MatMul on hand-built graphs: 1×1 Conv heads (refused without pooling or
// with strides, pooled features added by surgery), factorised heads folded (W = U·V, b = U·b₁ + b₂
// worked out here) or left alone when the first factor reads the graph input.
import { describe, expect, it } from 'vitest';
import type { onnx } from 'onnx-proto';
import { decodeOnnxModel, onnxSchema } from './decode-model';
import { analyzeModel } from './model-analysis';
import { addHeadOutputs } from './surgery';

const f32 = (name: string, dims: number[], values: number[]): onnx.ITensorProto => ({ name, dataType: 1, dims, rawData: new Uint8Array(new Float32Array(values).buffer) });
const info = (name: string, dims: (number | string)[]): onnx.IValueInfoProto => ({
  name, type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } },
});
const ints = (name: string, values: number[]) => ({ name, type: 7, ints: values });

function analyse(nodes: onnx.INodeProto[], initializer: onnx.ITensorProto[], inputDims: (number | string)[], output = 'y') {
  const model = { irVersion: 7, opsetImport: [{ domain: '', version: 13 }], graph: { node: nodes, initializer, input: [info('x', inputDims)], output: [{ name: output }] } };
  return analyzeModel(decodeOnnxModel(onnxSchema.ModelProto.encode(model).finish()));
}

const relu = { opType: 'Relu', input: ['x'], output: ['h'] };
const conv1x1 = (attrs: onnx.IAttributeProto[] = []) => ({ opType: 'Conv', name: 'head', input: ['h', 'w', 'b'], output: ['c'], attribute: attrs });
const convWeights = [f32('w', [2, 3, 1, 1], [1, 2, 3, 4, 5, 6]), f32('b', [2], [0.5, -0.5])];

describe('1×1 Conv heads', () => {
  it('refuses a 1×1 Conv on a spatial map that nothing pools', () => {
    const { headError } = analyse([relu, conv1x1(), { opType: 'Flatten', input: ['c'], output: ['y'] }], convWeights, ['N', 3, 4, 4]);
    expect(headError!.message).toContain("Conv 'head' reads 'h' of spatial size [4×4]; a 1×1 Conv head needs a 1×1 input or a GlobalAveragePool / ReduceMean after it");
  });

  it('refuses a strided 1×1 Conv before the pooling', () => {
    const { headError } = analyse([relu, conv1x1([ints('strides', [2, 2])]), { opType: 'GlobalAveragePool', input: ['c'], output: ['p'] }, { opType: 'Flatten', input: ['p'], output: ['y'] }], convWeights, ['N', 3, 4, 4]);
    expect(headError!.message).toMatch(/has strides/);
  });

  it('ReduceMean over H, W after the Conv: W from the kernel, features = pooled input added by surgery', () => {
    const a = analyse([relu, conv1x1(), { opType: 'ReduceMean', input: ['c'], output: ['y'], attribute: [ints('axes', [-1, -2]), { name: 'keepdims', type: 2, i: 0 }] }], convWeights, ['N', 3, 4, 4]);
    expect(a.headError).toBeNull();
    expect(a.head).toMatchObject({ form: 'conv1x1', featureDim: 3, classes: 2, logitsTensor: 'y', featureTensor: 'h__prunelens_pooled_features' });
    expect(Array.from(a.head!.weights)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(a.head!.bias)).toEqual([0.5, -0.5]);
    const surgery = decodeOnnxModel(addHeadOutputs(a.model, a.index, a.head!).bytes);
    const added = surgery.graph!.node!.find((n) => n.output?.[0] === 'h__prunelens_pooled_features');
    expect(added?.opType).toBe('GlobalAveragePool');
    expect(added?.input).toEqual(['h']);
    expect(surgery.graph!.output!.map((o) => o.name)).toEqual(['y', 'h__prunelens_pooled_features']);
  });

  it('a bias-free 1×1 Conv, pooled, flattened, then a bias Add: the Add is the bias', () => {
    const a = analyse([relu, { opType: 'Conv', name: 'head', input: ['h', 'w'], output: ['c'] }, { opType: 'GlobalAveragePool', input: ['c'], output: ['p'] },
      { opType: 'Flatten', input: ['p'], output: ['f'] }, { opType: 'Add', input: ['f', 'b'], output: ['y'] }], convWeights, ['N', 3, 4, 4]);
    expect(a.headError).toBeNull();
    expect(Array.from(a.head!.bias)).toEqual([0.5, -0.5]);
  });

  it('ReduceMean over the channels is not pooling', () => {
    const { headError } = analyse([relu, conv1x1(), { opType: 'ReduceMean', input: ['c'], output: ['y'], attribute: [ints('axes', [1])] }], convWeights, ['N', 3, 4, 4]);
    expect(headError!.message).toMatch(/is ReduceMean/);
  });
});

describe('casts after the head', () => {
  const gemm = { opType: 'Gemm', name: 'fc', input: ['h', 'W', 'b'], output: ['z'], attribute: [{ name: 'transB', type: 2, i: 1 }] };
  const weights = [f32('W', [2, 3], [1, 2, 3, 4, 5, 6]), f32('b', [2], [0, 1])];
  it('keeps a float32 Cast output as the logits, takes the input of a narrowing Cast', () => {
    const toFloat = analyse([relu, gemm, { opType: 'Cast', input: ['z'], output: ['y'], attribute: [{ name: 'to', type: 2, i: 1 }] }], weights, ['N', 3]);
    expect(toFloat.head).toMatchObject({ logitsTensor: 'y', featureTensor: 'h' });
    const toHalf = analyse([relu, gemm, { opType: 'Cast', input: ['z'], output: ['y'], attribute: [{ name: 'to', type: 2, i: 10 }] }], weights, ['N', 3]);
    expect(toHalf.head).toMatchObject({ logitsTensor: 'z', featureTensor: 'h' });
  });
});

describe('factorised heads', () => {
  // h (3-d) → MatMul V (3×2) + b1 → Gemm U (2 classes × 2, transB) + b2
  const nodes = [
    relu,
    { opType: 'MatMul', name: 'v', input: ['h', 'V'], output: ['r0'] },
    { opType: 'Add', input: ['r0', 'b1'], output: ['r'] },
    { opType: 'Gemm', name: 'u', input: ['r', 'U', 'b2'], output: ['y'], attribute: [{ name: 'transB', type: 2, i: 1 }] },
  ];
  const weights = [f32('V', [3, 2], [1, 0, 0, 1, 1, 1]), f32('b1', [2], [1, 2]), f32('U', [2, 2], [1, 2, 3, 4]), f32('b2', [2], [10, 20])];

  it('folds MatMul+Add then Gemm into W = U·V, b = U·b₁ + b₂, features before the first factor', () => {
    const { head, headError } = analyse(nodes, weights, ['N', 3]);
    expect(headError).toBeNull();
    // V as out×in is [[1,0,1],[0,1,1]]; U·V = [[1,2,3],[3,4,7]]; U·b1 + b2 = [1+4+10, 3+8+20].
    expect(Array.from(head!.weights)).toEqual([1, 2, 3, 3, 4, 7]);
    expect(Array.from(head!.bias)).toEqual([15, 31]);
    expect(head).toMatchObject({ featureTensor: 'h', featureDim: 3, factor: { node: "MatMul 'v'", rank: 2 } });
    expect(head!.warnings.join(' ')).toMatch(/rank-2 factorised head/);
  });

  it('does not fold when the first factor reads the graph input, or featureTensor names the middle tensor', () => {
    const direct = analyse(nodes.slice(1).map((n) => (n.input[0] === 'h' ? { ...n, input: ['x', ...n.input.slice(1)] } : n)), weights, ['N', 3]);
    expect(direct.head).toMatchObject({ featureTensor: 'r', featureDim: 2, factor: null });
    const model = { irVersion: 7, opsetImport: [{ domain: '', version: 13 }], graph: { node: nodes, initializer: weights, input: [info('x', ['N', 3])], output: [{ name: 'y' }] } };
    const pinned = analyzeModel(decodeOnnxModel(onnxSchema.ModelProto.encode(model).finish()), { featureTensor: 'r' });
    expect(pinned.head).toMatchObject({ featureTensor: 'r', featureDim: 2, factor: null });
    const before = analyzeModel(decodeOnnxModel(onnxSchema.ModelProto.encode(model).finish()), { featureTensor: 'h' });
    expect(before.head).toMatchObject({ featureTensor: 'h', featureDim: 3, factor: { rank: 2 } });
  });

  it('does not fold across a nonlinearity', () => {
    const withRelu = [...nodes.slice(0, 3).map((n) => (n.output[0] === 'r' ? { ...n, output: ['r1'] } : n)), { opType: 'Relu', input: ['r1'], output: ['r'] }, nodes[3]];
    expect(analyse(withRelu, weights, ['N', 3]).head).toMatchObject({ featureTensor: 'r', featureDim: 2, factor: null });
  });
});

describe('factorised 1×1 Conv heads', () => {
  // h (3 channels) → Conv 1×1 V (2×3) + b1 → Conv 1×1 U (2 classes × 2) + b2, then pooled (or on a 1×1 map).
  const pair = (vAttrs: onnx.IAttributeProto[] = []) => [
    relu,
    { opType: 'Conv', name: 'v', input: ['h', 'V', 'b1'], output: ['r'], attribute: vAttrs },
    { opType: 'Conv', name: 'u', input: ['r', 'U', 'b2'], output: ['c'] },
  ];
  const weights = [f32('V', [2, 3, 1, 1], [1, 0, 1, 0, 1, 1]), f32('b1', [2], [1, 2]), f32('U', [2, 2, 1, 1], [1, 2, 3, 4]), f32('b2', [2], [10, 20])];
  const pooled = [{ opType: 'GlobalAveragePool', input: ['c'], output: ['p'] }, { opType: 'Flatten', input: ['p'], output: ['y'] }];

  it('folds Conv 1×1 → Conv 1×1 → GlobalAveragePool into W = U·V, b = U·b₁ + b₂; features = pooled input of the first', () => {
    const a = analyse([...pair(), ...pooled], weights, ['N', 3, 4, 4]);
    expect(a.headError).toBeNull();
    // U·V = [[1,2,3],[3,4,7]]; U·b1 + b2 = [1+4+10, 3+8+20] (as for the MatMul pair).
    expect(Array.from(a.head!.weights)).toEqual([1, 2, 3, 3, 4, 7]);
    expect(Array.from(a.head!.bias)).toEqual([15, 31]);
    expect(a.head).toMatchObject({ form: 'conv1x1', featureDim: 3, headInput: 'h', featureTensor: 'h__prunelens_pooled_features', factor: { node: "Conv 'v'", rank: 2 } });
    const added = decodeOnnxModel(addHeadOutputs(a.model, a.index, a.head!).bytes).graph!.node!.find((n) => n.output?.[0] === 'h__prunelens_pooled_features');
    expect(added?.input).toEqual(['h']);
  });

  it('folds the pair on a 1×1 map (features = the first factor\'s input)', () => {
    const a = analyse([...pair(), { opType: 'Flatten', input: ['c'], output: ['y'] }], weights, ['N', 3, 1, 1]);
    expect(a.head).toMatchObject({ featureTensor: 'h', featureDim: 3, factor: { rank: 2 } });
    expect(Array.from(a.head!.weights)).toEqual([1, 2, 3, 3, 4, 7]);
  });

  it('does not fold a strided first Conv (its output mean is not the mean of its input)', () => {
    const a = analyse([...pair([ints('strides', [2, 2])]), ...pooled], weights, ['N', 3, 4, 4]);
    expect(a.head).toMatchObject({ featureTensor: 'r__prunelens_pooled_features', featureDim: 2, factor: null });
  });
});
