import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeOnnxModel } from '../../../src-shared/onnx/decode-model';
import { analyzeModelBytes } from '../../../src-shared/onnx/model-analysis';
import { addHeadOutputs } from '../../../src-shared/onnx/surgery';
import { valueInfoToTensorInfo } from '../../../src-shared/onnx/tensor-info';
import { verifyHead } from './head-verify';

const dir = new URL('../../../tools/fixtures/onnx/', import.meta.url);
const fixtures = ['cnn_dense', 'cnn_unstructured', 'cnn_structured', 'gemm_transb0_alpha_beta', 'matmul_add', 'matmul_add_flat', 'softmax_tail', 'sparse_init', 'gemm_transa', 'gemm_fp16_cast', 'torch_cnn'];

describe('head surgery, run with onnxruntime-node', () => {
  it.each(fixtures)('%s: one run returns features and logits, and W·f + b reproduces the logits', async (name) => {
    const bytes = new Uint8Array(readFileSync(new URL(`${name}.onnx`, dir)));
    const { index, head } = analyzeModelBytes(bytes, {}, name);
    const surgery = addHeadOutputs(decodeOnnxModel(bytes), index, head!);
    const outputs = decodeOnnxModel(surgery.bytes).graph!.output!.map(valueInfoToTensorInfo);
    const feature = outputs.find((o) => o.name === head!.featureTensor)!;
    expect(feature.type).toBe('float');
    const batchAxis = head!.featuresTransposed ? 1 : 0;
    expect(feature.shape[1 - batchAxis]).toBe(head!.featureDim);
    expect(typeof feature.shape[batchAxis]).toBe('string');
    expect(outputs.map((o) => o.name)).toContain(head!.logitsTensor);
    const check = await verifyHead(surgery.bytes, index, head!, { batch: 3, seed: 7, fileLabel: name });
    expect(check.batch).toBe(3);
    expect(check.ok).toBe(true);
    expect(check.relativeError).toBeLessThan(1e-5);
  });

  it('reports a wrong head as a warning, not a pass', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('cnn_dense.onnx', dir)));
    const { index, head } = analyzeModelBytes(bytes);
    const surgery = addHeadOutputs(decodeOnnxModel(bytes), index, head!);
    const tampered = { ...head!, bias: head!.bias.map((b) => b + 1) };
    const check = await verifyHead(surgery.bytes, index, tampered, { batch: 2 });
    expect(check.ok).toBe(false);
    expect(check.maxAbsError).toBeCloseTo(1, 4);
    expect(check.warning).toMatch(/head may be wrong/);
  });
});
