// The same model with a different graph input: a fixed batch dimension, or a float16 input cast
// to float32 inside the graph (what half-precision exports declare). Results must not change.
import { decodeOnnxModel, onnxSchema } from '../../src-shared/onnx/decode-model';

/** `bytes` with its input's first dimension fixed to `batch`. */
export function fixedBatchVariant(bytes: Uint8Array, batch: number): Uint8Array {
  const model = decodeOnnxModel(bytes);
  model.graph!.input![0].type!.tensorType!.shape!.dim![0] = onnxSchema.TensorShapeProto.Dimension.create({ dimValue: batch });
  return onnxSchema.ModelProto.encode(model).finish();
}

/** `bytes` with a float16 input, cast to float32 before the first node that read it. */
export function float16InputVariant(bytes: Uint8Array): Uint8Array {
  const model = decodeOnnxModel(bytes);
  const graph = model.graph!;
  const input = graph.input![0];
  const name = input.name!;
  input.type!.tensorType!.elemType = 10;
  const nodes = (graph.node ?? []).map((n) => ({ ...n, input: (n.input ?? []).map((i) => (i === name ? `${name}_f32` : i)) }));
  graph.node = [onnxSchema.NodeProto.create({ opType: 'Cast', name: 'input_cast', input: [name], output: [`${name}_f32`], attribute: [{ name: 'to', type: 2, i: 1 }] }), ...nodes.map((n) => onnxSchema.NodeProto.create(n))];
  return onnxSchema.ModelProto.encode(model).finish();
}
