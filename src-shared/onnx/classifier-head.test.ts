import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeModelBytes } from './model-analysis';

// Fixtures and their NumPy reference numbers: tools/fixtures/onnx/make_models.py.
const dir = new URL('../../tools/fixtures/onnx/', import.meta.url);
const load = (name: string) => ({
  bytes: new Uint8Array(readFileSync(new URL(`${name}.onnx`, dir))),
  ref: JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')),
});

const withHead = ['cnn_dense', 'cnn_unstructured', 'cnn_structured', 'gemm_transb0_alpha_beta', 'matmul_add', 'matmul_add_flat', 'softmax_tail', 'sparse_init', 'gemm_transa', 'gemm_fp16_cast', 'torch_cnn'];

describe('classifier head detection', () => {
  it.each(withHead)('%s: finds the head and extracts W, b exactly', (name) => {
    const { bytes, ref } = load(name);
    const { head, headError } = analyzeModelBytes(bytes, {}, name);
    expect(headError).toBeNull();
    expect(head).not.toBeNull();
    expect(head!.form).toBe(ref.head.form);
    expect(head!.featureTensor).toBe(ref.head.featureTensor);
    expect(head!.logitsTensor).toBe(ref.head.logitsTensor);
    expect(head!.classes).toBe(ref.head.classes);
    expect(head!.featureDim).toBe(ref.head.featureDim);
    expect(head!.featuresTransposed).toBe(ref.head.featuresTransposed);
    expect(head!.softmaxTensor).toBe(ref.head.softmaxTensor);
    expect(Array.from(head!.weights)).toEqual(ref.head.W);
    expect(Array.from(head!.bias)).toEqual(ref.head.b);
  });

  it('warns when the model ends in Softmax and uses its input as logits', () => {
    const { head } = analyzeModelBytes(load('softmax_tail').bytes);
    expect(head!.warnings.join(' ')).toMatch(/ends in Softmax; using its input 'z'/);
  });

  it('explains a headless model: which node, and what to put in bundle.json', () => {
    const { head, headError } = analyzeModelBytes(load('headless').bytes, {}, 'headless.onnx');
    expect(head).toBeNull();
    expect(headError!.code).toBe('no-head');
    expect(headError!.message).toContain("the last node producing 'y' is Conv 'conv' with a [3×3] kernel, not Gemm, MatMul(+Add) or a 1×1 Conv");
    expect(headError!.message).toContain('"logitsTensor"');
    expect(headError!.message).toContain('bundle.json');
  });

  it('honours featureTensor / logitsTensor overrides and rejects ones that are not the head', () => {
    const { bytes } = load('softmax_tail');
    expect(analyzeModelBytes(bytes, { logitsTensor: 'z' }).head!.warnings).toEqual([]);
    const flat = load('matmul_add_flat');
    expect(analyzeModelBytes(flat.bytes, { featureTensor: 'flat' }).head!.featureTensor).toBe('flat');
    const wrong = analyzeModelBytes(flat.bytes, { featureTensor: 'c' }).headError!;
    expect(wrong.code).toBe('no-head');
    expect(wrong.message).toContain("featureTensor 'c' is not the input of the head");
    const missing = analyzeModelBytes(bytes, { logitsTensor: 'nope' }).headError!;
    expect(missing.message).toContain("logitsTensor 'nope' is not a tensor computed by the graph");
    const notLinear = analyzeModelBytes(bytes, { logitsTensor: 'h' }).headError!;
    expect(notLinear.message).toContain("is Relu");
  });
});

describe('model statistics vs NumPy', () => {
  it.each([...withHead, 'headless'])('%s: parameters, non-zeros, sparsity, layers, MACs', (name) => {
    const { bytes, ref } = load(name);
    const { stats } = analyzeModelBytes(bytes);
    expect(stats.parameterCount).toBe(ref.parameterCount);
    expect(stats.nonZeroParameters).toBe(ref.nonZeroParameters);
    expect(stats.weightParameters).toBe(ref.weightParameters);
    expect(stats.weightNonZeros).toBe(ref.weightNonZeros);
    expect(stats.weightSparsity).toBeCloseTo(ref.weightSparsity, 12);
    expect(stats.layers.map(({ name: n, op, weight, parameters, nonZeros, outChannels, inChannels }) => ({ name: n, op, weight, parameters, nonZeros, outChannels, inChannels }))).toEqual(ref.layers);
    expect(stats.macs).toBe(ref.macs);
    expect(stats.macsPartial).toBe(false);
  });

  it('counts zeros stored in sparse_initializer', () => {
    const { stats } = analyzeModelBytes(load('sparse_init').bytes);
    expect(stats.weightSparsity).toBeGreaterThan(0.3);
  });
});
