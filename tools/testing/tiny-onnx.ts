// Builds tiny ONNX models in tests (encoded with the same onnx-proto schema the app reads).
import type { onnx } from 'onnx-proto';
import { onnxSchema } from '../../src-shared/onnx/decode-model';

const FLOAT = 1;

function floatTensor(name: string, dims: number[], values: number[]): onnx.ITensorProto {
  return { name, dataType: FLOAT, dims, rawData: new Uint8Array(new Float32Array(values).buffer) };
}

function valueInfo(name: string, dims: (number | string)[]): onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } },
  };
}

/** An opset-13 model around `graph`, encoded. */
function encodeModel(graph: onnx.IGraphProto): Uint8Array {
  const model: onnx.IModelProto = { irVersion: 7, producerName: 'prunelens-tests', opsetImport: [{ domain: '', version: 13 }], graph };
  return onnxSchema.ModelProto.encode(onnxSchema.ModelProto.create(model)).finish();
}

/** input[N,d] → Relu → "features" → Gemm(W: C×d, transB=1) + b → "logits"[N,C]. */
export function tinyClassifierModel(W: number[][], b: number[]): Uint8Array {
  const classes = W.length;
  const dim = W[0].length;
  return encodeModel({
    name: 'tiny',
    node: [
      { opType: 'Relu', input: ['input'], output: ['features'], name: 'relu' },
      { opType: 'Gemm', input: ['features', 'W', 'b'], output: ['logits'], name: 'head', attribute: [{ name: 'transB', type: 2, i: 1 }] },
    ],
    initializer: [floatTensor('W', [classes, dim], W.flat()), floatTensor('b', [classes], b)],
    input: [valueInfo('input', ['batch', dim])],
    output: [valueInfo('logits', ['batch', classes])],
  });
}

/**
 * An image classifier small enough for unit tests: input[N,1,H,W] → Flatten → Gemm(hidden) →
 * Relu → "features" → Gemm(classes) → "logits". Weights are a deterministic function of `seed`.
 */
export function tinyImageClassifier(options: { height: number; width: number; hidden: number; classes: number; seed: number; zeroFraction?: number }): Uint8Array {
  const { height, width, hidden, classes, seed } = options;
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296 - 0.5;
  };
  const inputs = height * width;
  const w1 = Array.from({ length: hidden * inputs }, () => (random() < (options.zeroFraction ?? 0) - 0.5 ? 0 : random() * 0.5));
  const w2 = Array.from({ length: classes * hidden }, () => random());
  return encodeModel({
    name: 'tiny-image',
    node: [
      { opType: 'Flatten', input: ['input'], output: ['flat'], name: 'flatten', attribute: [{ name: 'axis', type: 2, i: 1 }] },
      { opType: 'Gemm', input: ['flat', 'W1', 'b1'], output: ['hidden'], name: 'fc1', attribute: [{ name: 'transB', type: 2, i: 1 }] },
      { opType: 'Relu', input: ['hidden'], output: ['features'], name: 'relu' },
      { opType: 'Gemm', input: ['features', 'W2', 'b2'], output: ['logits'], name: 'head', attribute: [{ name: 'transB', type: 2, i: 1 }] },
    ],
    initializer: [
      floatTensor('W1', [hidden, inputs], w1),
      floatTensor('b1', [hidden], Array.from({ length: hidden }, () => random() * 0.1)),
      floatTensor('W2', [classes, hidden], w2),
      floatTensor('b2', [classes], Array.from({ length: classes }, () => random() * 0.1)),
    ],
    input: [valueInfo('input', ['batch', 1, height, width])],
    output: [valueInfo('logits', ['batch', classes])],
  });
}
