// Fuzz: mutated and truncated ONNX files fail only with PruneLensError, quickly.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectOnlyPruneLensErrors, mutatedBytes } from '../../tools/fixtures/formats/fuzz-helpers';
import { PruneLensError } from '../base/errors';
import { decodeOnnxModel, onnxSchema } from './decode-model';
import { analysisToCard, analyzeModel } from './model-analysis';
import { addHeadOutputs } from './surgery';
import { MAX_SPARSE_DENSE_ELEMENTS } from './tensor-data';

const dir = new URL('../../tools/fixtures/onnx/', import.meta.url);
const file = (name: string) => new Uint8Array(readFileSync(new URL(`${name}.onnx`, dir)));

function inspectAll(bytes: Uint8Array) {
  const model = decodeOnnxModel(bytes, 'fuzz.onnx');
  const analysis = analyzeModel(model, {}, 'fuzz.onnx');
  analysisToCard(analysis, bytes.length);
  if (analysis.head) addHeadOutputs(model, analysis.index, analysis.head);
}

type Edit = (model: ReturnType<typeof decodeOnnxModel>) => void;
const weird = fc.oneof(fc.integer({ min: -3, max: 70 }), fc.constantFrom(0, -1, 2 ** 31 - 1, 1e9, 2 ** 40));
const ops = ['Gemm', 'MatMul', 'Add', 'Identity', 'Softmax', 'Flatten', 'Reshape', 'Conv', 'MaxPool', 'Transpose', 'Concat', 'Gather', 'Shape', 'Cast', 'Squeeze', 'Unsqueeze', 'Relu', 'Nope',
  'DequantizeLinear', 'QuantizeLinear', 'GlobalAveragePool', 'ReduceMean'];
const pick = <T>(list: T[] | null | undefined, k: number): T | undefined => (list && list.length ? list[k % list.length] : undefined);
const structuralEdit: fc.Arbitrary<Edit> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat(), weird).map(([t, d, v]): Edit => (m) => { const init = pick(m.graph!.initializer, t); if (init?.dims?.length) init.dims[d % init.dims.length] = v; }),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 23 })).map(([t, type]): Edit => (m) => { const init = pick(m.graph!.initializer, t); if (init) init.dataType = type; }),
  fc.tuple(fc.nat(), fc.nat()).map(([t, cut]): Edit => (m) => { const init = pick(m.graph!.initializer, t); if (init?.rawData) init.rawData = init.rawData.subarray(0, cut % (init.rawData.length + 1)); }),
  fc.tuple(fc.nat(), fc.nat(), fc.nat()).map(([n, i, other]): Edit => (m) => {
    const node = pick(m.graph!.node, n);
    const names = m.graph!.node!.flatMap((x) => x.output ?? []);
    if (node?.input?.length) node.input[i % node.input.length] = pick(names, other) ?? 'missing';
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...ops)).map(([n, op]): Edit => (m) => { const node = pick(m.graph!.node, n); if (node) node.opType = op; }),
  fc.nat().map((n): Edit => (m) => { m.graph!.node!.splice(n % m.graph!.node!.length, 1); }),
  fc.tuple(fc.nat(), fc.nat(), fc.array(weird, { maxLength: 5 }), weird).map(([n, a, ints, i]): Edit => (m) => {
    const attr = pick(pick(m.graph!.node, n)?.attribute, a);
    if (attr) { if (attr.ints?.length) attr.ints = ints; else attr.i = i; }
  }),
  fc.constant<Edit>((m) => { m.graph!.output = []; }),
  fc.tuple(fc.nat(), weird).map(([d, v]): Edit => (m) => { const dim = pick(m.graph!.input?.[0]?.type?.tensorType?.shape?.dim, d); if (dim) { dim.dimParam = ''; dim.dimValue = v; } }),
);

describe('ONNX reading under truncation and mutation', () => {
  it.each(['cnn_dense', 'torch_cnn', 'sparse_init', 'matmul_add_flat', 'gemm_fp16_cast', 'softmax_tail'])('%s', (name) => {
    expectOnlyPruneLensErrors(mutatedBytes(file(name)), inspectAll, 2000, 200);
  });

  it.each([
    'cnn_dense', 'torch_cnn', 'sparse_init', 'matmul_add_flat', 'gemm_transa', 'gemm_transb0_alpha_beta',
    'families/int8_qdq/model', 'families/int4_blocked/model', 'families/conv_head_pooled/model', 'families/low_rank_head/model', 'families/head_tail_qdq/model',
  ])('%s with structural edits (dims, types, attributes, wiring)', (name) => {
    const bytes = file(name);
    expectOnlyPruneLensErrors(fc.array(structuralEdit, { minLength: 1, maxLength: 4 }), (edits) => {
      const model = decodeOnnxModel(bytes);
      for (const edit of edits) edit(model);
      inspectAll(onnxSchema.ModelProto.encode(model).finish());
    }, 2000, 300);
  });

  it('arbitrary bytes', () => {
    expectOnlyPruneLensErrors(fc.uint8Array({ maxLength: 512 }), inspectAll, 2000, 300);
  });

  it('refuses a sparse tensor whose declared size is not backed by data', () => {
    const model = decodeOnnxModel(file('sparse_init'));
    model.graph!.sparseInitializer![1].dims = [MAX_SPARSE_DENSE_ELEMENTS, 4];
    const forged = onnxSchema.ModelProto.encode(model).finish();
    const analysis = analyzeModel(decodeOnnxModel(forged), {}, 'forged.onnx');
    expect(analysis.head).toBeNull();
    expect(analysis.headError).toBeInstanceOf(PruneLensError);
    expect(analysis.headError!.message).toMatch(/too large to densify/);
  });

  it('refuses raw_data shorter than the declared shape', () => {
    const model = decodeOnnxModel(file('cnn_dense'));
    model.graph!.initializer![0].dims = [4, 1, 3, 300];
    const forged = onnxSchema.ModelProto.encode(model).finish();
    expect(() => analyzeModel(decodeOnnxModel(forged), {}, 'forged.onnx')).toThrow(/conv1\.weight: raw_data has 144 bytes, shape \[4, 1, 3, 300\] needs 14400/);
  });
});
