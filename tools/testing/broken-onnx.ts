// Test models that misbehave, built from tinyImageClassifier: NaN outputs on chosen inputs, and
// models that load but fail inside onnxruntime at run time.
import { decodeOnnxModel, onnxSchema } from '../../src-shared/onnx/decode-model';
import { tinyImageClassifier } from './tiny-onnx';

const FLOAT = 1;

/**
 * Features get 0 · sqrt(x₀ + shift) added, x₀ being the first (preprocessed) pixel: exactly 0 where
 * x₀ > −shift, NaN where x₀ < −shift. A large negative shift makes every sample NaN.
 */
export function nanGatedClassifier(options: Parameters<typeof tinyImageClassifier>[0] & { shift: number }): Uint8Array {
  const model = decodeOnnxModel(tinyImageClassifier(options));
  const graph = model.graph!;
  const inputs = options.height * options.width;
  const gate = new Float32Array(inputs);
  gate[0] = 1;
  const tensor = (name: string, dims: number[], values: Float32Array) => ({ name, dataType: FLOAT, dims, rawData: new Uint8Array(values.buffer) });
  const nodes = (graph.node ?? []).map((n) => (n.opType === 'Relu' ? { ...n, output: ['relu'] } : n));
  nodes.splice(nodes.findIndex((n) => n.name === 'head'), 0,
    onnxSchema.NodeProto.create({ opType: 'Gemm', input: ['flat', 'Wg', 'bg'], output: ['gate'], name: 'gate', attribute: [{ name: 'transB', type: 2, i: 1 }] }),
    onnxSchema.NodeProto.create({ opType: 'Sqrt', input: ['gate'], output: ['gate_sqrt'], name: 'gate_sqrt' }),
    onnxSchema.NodeProto.create({ opType: 'Mul', input: ['gate_sqrt', 'zero'], output: ['gate_zero'], name: 'gate_zero' }),
    onnxSchema.NodeProto.create({ opType: 'Add', input: ['relu', 'gate_zero'], output: ['features'], name: 'features' }),
  );
  graph.node = nodes;
  graph.initializer = [
    ...(graph.initializer ?? []),
    onnxSchema.TensorProto.create(tensor('Wg', [1, inputs], gate)),
    onnxSchema.TensorProto.create(tensor('bg', [1], new Float32Array([options.shift]))),
    onnxSchema.TensorProto.create(tensor('zero', [], new Float32Array([0]))),
  ];
  return onnxSchema.ModelProto.encode(model).finish();
}

/**
 * Loads and has a detectable head, but every run fails in onnxruntime: the flattened input is
 * reshaped to [rows, −1] before the first Gemm, which no batch of 64-pixel images divides into
 * (rows = 7 by default; a different `rows` makes a different model, so a cache never shares them).
 */
export function failingAtRunClassifier(options: Parameters<typeof tinyImageClassifier>[0] & { rows?: number }): Uint8Array {
  const model = decodeOnnxModel(tinyImageClassifier(options));
  const graph = model.graph!;
  const nodes = (graph.node ?? []).map((n) => (n.name === 'fc1' ? { ...n, input: ['flat_bad', ...(n.input ?? []).slice(1)] } : n));
  nodes.splice(1, 0, onnxSchema.NodeProto.create({ opType: 'Reshape', input: ['flat', 'bad_shape'], output: ['flat_bad'], name: 'bad_reshape' }));
  graph.node = nodes;
  const shape = new BigInt64Array([BigInt(options.rows ?? 7), -1n]);
  graph.initializer = [...(graph.initializer ?? []), onnxSchema.TensorProto.create({ name: 'bad_shape', dataType: 7, dims: [2], rawData: new Uint8Array(shape.buffer) })];
  return onnxSchema.ModelProto.encode(model).finish();
}
