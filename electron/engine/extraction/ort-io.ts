// The one place that turns onnxruntime tensors into the engine's float32 arrays and back.
// Model outputs may be float32, float16 or float64 (decoded to float32); inputs are fed in the
// type the model declares (the float32 preprocessed batch converted). bfloat16 graph I/O is cast
// to float32 inside the graph (src-shared/onnx/io-cast.ts) because onnxruntime-node cannot carry
// it. Anything else (integer logits, strings) is refused with the tensor's name and type.
import type { onnx } from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { PruneLensError } from '../../../src-shared/base/errors';
import { float32ToHalfArray, halfToFloat } from '../../../src-shared/formats/half';
import type { ModelAnalysis } from '../../../src-shared/onnx/model-analysis';
import { elementTypeName } from '../../../src-shared/onnx/tensor-info';

/** Float element types onnxruntime-node can feed and return (bfloat16 I/O is cast to float32 in the graph). */
export type RuntimeFloatType = 'float32' | 'float16' | 'float64';

const runtimeTypes: Record<number, RuntimeFloatType> = { 1: 'float32', 10: 'float16', 11: 'float64' };

/** The runtime type of an ONNX element type, or a clear error naming the tensor. */
export function runtimeFloatType(elemType: number | null | undefined, tensor: string, role: 'input' | 'output', fileLabel?: string): RuntimeFloatType {
  const type = runtimeTypes[elemType ?? 1];
  if (type) return type;
  throw new PruneLensError(
    'bad-onnx',
    `${fileLabel ? `${fileLabel}: ` : ''}${role} '${tensor}' is ${elementTypeName(elemType)}; PruneLens runs models whose ${role === 'input' ? 'image input' : 'logits and features'} are float32, float16, bfloat16 or float64.`,
    fileLabel ? { file: fileLabel } : undefined,
  );
}

const BFLOAT16 = 16;

/**
 * The type a model's graph input is fed in: its own float type, or float32 for bfloat16 (cast in
 * the graph by src-shared/onnx/io-cast.ts). Anything else is refused, naming the input.
 */
export function checkInputType(input: onnx.IValueInfoProto, fileLabel?: string): RuntimeFloatType {
  const elemType = input.type?.tensorType?.elemType;
  return elemType === BFLOAT16 ? 'float32' : runtimeFloatType(elemType, input.name ?? '', 'input', fileLabel);
}

/** The head's features and logits must be float tensors (bfloat16 is cast in the graph); throws naming the tensor. */
export function checkHeadOutputTypes(analysis: Pick<ModelAnalysis, 'head' | 'shapes'>, fileLabel?: string): void {
  const head = analysis.head;
  if (!head) return;
  for (const [name, elem] of [[head.featureTensor, head.featureElemType], [head.logitsTensor, analysis.shapes.types.get(head.logitsTensor)]] as const) {
    if (elem !== BFLOAT16) runtimeFloatType(elem, name, 'output', fileLabel);
  }
}

/** A model input tensor of `type` holding the float32 values `data`. */
export function inputTensor(data: Float32Array, type: RuntimeFloatType, dims: readonly number[]): ort.Tensor {
  if (type === 'float16') return new ort.Tensor('float16', float32ToHalfArray(data), dims);
  if (type === 'float64') return new ort.Tensor('float64', Float64Array.from(data), dims);
  return new ort.Tensor('float32', data, dims);
}

/**
 * An output tensor's values as a fresh Float32Array (never a view of onnxruntime's buffer, so it
 * can be transferred). Throws for non-float outputs, naming the tensor.
 */
export function decodeOutput(tensor: ort.Tensor, name: string, fileLabel = 'model'): Float32Array {
  const data = tensor.data;
  if (tensor.type === 'float32' && data instanceof Float32Array) return new Float32Array(data);
  if (tensor.type === 'float16' && data instanceof Uint16Array) return Float32Array.from(data, (h) => halfToFloat(h));
  if (tensor.type === 'float64' && data instanceof Float64Array) return Float32Array.from(data);
  throw new PruneLensError('inference-failed', `${fileLabel}: output '${name}' is ${tensor.type}, not a float tensor; PruneLens reads float32, float16, bfloat16 or float64 logits and features.`, { file: fileLabel });
}
