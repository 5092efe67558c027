// Integer-only heads on hand-built graphs: QLinearMatMul → DequantizeLinear dequantized to W
// (per column scale) with the features added by surgery and the logit step/range worked out here;
// integer logits with no DequantizeLinear and MatMulInteger (dynamic quantisation) refused clearly.
import { describe, expect, it } from 'vitest';
import type { onnx } from 'onnx-proto';
import { decodeOnnxModel, onnxSchema } from './decode-model';
import { analyzeModel } from './model-analysis';
import { addHeadOutputs } from './surgery';

const tensor = (name: string, dataType: number, dims: number[], bytes: ArrayBufferView): onnx.ITensorProto =>
  ({ name, dataType, dims, rawData: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
const f32 = (name: string, dims: number[], v: number[]) => tensor(name, 1, dims, new Float32Array(v));
const u8 = (name: string, dims: number[], v: number[]) => tensor(name, 2, dims, new Uint8Array(v));
const i8 = (name: string, dims: number[], v: number[]) => tensor(name, 3, dims, new Int8Array(v));

function analyse(nodes: onnx.INodeProto[], initializer: onnx.ITensorProto[]) {
  const input = { name: 'x', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: 3 }] } } } };
  const model = { irVersion: 7, opsetImport: [{ domain: '', version: 13 }], graph: { node: nodes, initializer, input: [input], output: [{ name: 'y' }] } };
  return analyzeModel(decodeOnnxModel(onnxSchema.ModelProto.encode(model).finish()));
}

// h = Relu(x) quantised (scale 0.5, zp 0) → QLinearMatMul with B (3×2, int8, per-column scale [0.1, 0.2], zp 1) → DQ (scale 0.25, zp 128).
const front = [{ opType: 'Relu', input: ['x'], output: ['h'] }, { opType: 'QuantizeLinear', input: ['h', 'as', 'az'], output: ['hq'] }];
const head = { opType: 'QLinearMatMul', name: 'fc', input: ['hq', 'as', 'az', 'B', 'bs', 'bz', 'ys', 'yz'], output: ['yq'] };
const weights = [f32('as', [], [0.5]), u8('az', [], [0]), i8('B', [3, 2], [1, 2, 3, 4, 5, 6]), f32('bs', [2], [0.1, 0.2]), i8('bz', [2], [1, 1]), f32('ys', [], [0.25]), u8('yz', [], [128])];

describe('integer-only heads', () => {
  it('QLinearMatMul → DequantizeLinear: W dequantized per column, features dequantized by an added node, logits step and range', () => {
    const a = analyse([...front, head, { opType: 'DequantizeLinear', input: ['yq', 'ys', 'yz'], output: ['y'] }], weights);
    expect(a.headError).toBeNull();
    // B − zp = [[0,1],[2,3],[4,5]]; column k times its scale, W row k = column k.
    expect(Array.from(a.head!.weights)).toEqual([0, 2 * 0.1, 4 * 0.1, 0.2, 3 * 0.2, 5 * 0.2].map(Math.fround));
    expect(Array.from(a.head!.bias)).toEqual([0, 0]);
    expect(a.head).toMatchObject({ form: 'matmul', logitsTensor: 'y', featureTensor: 'hq__prunelens_dequantized_features', featureDim: 3, classes: 2, quantizedLogits: { step: 0.25, min: -32, max: 31.75 } });
    const added = decodeOnnxModel(addHeadOutputs(a.model, a.index, a.head!).bytes).graph!.node!.find((n) => n.output?.[0] === 'hq__prunelens_dequantized_features');
    expect(added).toMatchObject({ opType: 'DequantizeLinear', input: ['hq', 'as', 'az'] });
  });

  it('refuses integer logits with no DequantizeLinear after the head', () => {
    const { headError } = analyse([...front, { ...head, output: ['y'] }], weights);
    expect(headError!.message).toContain("QLinearMatMul 'fc' returns quantised integer logits and no DequantizeLinear follows it");
  });

  it('refuses MatMulInteger (dynamic quantisation) with a message naming it', () => {
    const nodes = [...front, { opType: 'MatMulInteger', name: 'mmi', input: ['hq', 'B', 'az', 'bz'], output: ['acc'] },
      { opType: 'Cast', input: ['acc'], output: ['accf'], attribute: [{ name: 'to', type: 2, i: 1 }] }, { opType: 'Mul', input: ['accf', 'as'], output: ['y'] }];
    const { headError } = analyse(nodes, weights);
    expect(headError!.message).toContain("MatMulInteger 'mmi' (dynamic integer quantisation)");
  });

  it('QGemm without an output scale returns float logits: its output is the logits, bias dequantized at a_scale · b_scale', () => {
    const gemm = { opType: 'QGemm', domain: 'com.microsoft', name: 'g', input: ['hq', 'as', 'az', 'Bt', 'bs', 'bz', 'C'], output: ['y'], attribute: [{ name: 'transB', type: 2, i: 1 }] };
    const extra = [i8('Bt', [2, 3], [1, 2, 3, 4, 5, 6]), tensor('C', 6, [2], new Int32Array([10, -20]))];
    const a = analyse([...front, gemm], [...weights, ...extra]);
    expect(a.headError).toBeNull();
    // Bt − zp = [[0,1,2],[3,4,5]] (rows are classes), row k times bs[k]; bias C · 0.5 · bs.
    expect(Array.from(a.head!.weights)).toEqual([0, 0.1, 0.2, 0.6, 0.8, 1].map(Math.fround));
    expect(Array.from(a.head!.bias)).toEqual([10 * 0.5 * 0.1, -20 * 0.5 * 0.2].map(Math.fround));
    expect(a.head).toMatchObject({ form: 'gemm', logitsTensor: 'y', quantizedLogits: null });
  });

  it('refuses a dequantized QLinearConv that is pooled after, naming the supported forms', () => {
    const x4 = [{ opType: 'Relu', input: ['x'], output: ['h'] }, { opType: 'QuantizeLinear', input: ['h', 'as', 'az'], output: ['hq'] }];
    const conv = { opType: 'QLinearConv', name: 'qc', input: ['hq', 'as', 'az', 'W', 'as', 'az', 'ys', 'yz'], output: ['cq'] };
    const nodes = [...x4, conv, { opType: 'DequantizeLinear', input: ['cq', 'ys', 'yz'], output: ['c'] }, { opType: 'GlobalAveragePool', input: ['c'], output: ['p'] }, { opType: 'Flatten', input: ['p'], output: ['y'] }];
    const { headError } = analyse(nodes, [...weights, u8('W', [2, 3, 1, 1], [1, 2, 3, 4, 5, 6])]);
    expect(headError!.message).toContain("dequantized integer output of QLinearConv 'qc' pooled or with a bias after it");
  });
});
