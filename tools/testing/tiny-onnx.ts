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

/** input[N,d] → Relu → "features" → Gemm(W: C×d, transB=1) + b → "logits"[N,C]. */
export function tinyClassifierModel(W: number[][], b: number[]): Uint8Array {
  const classes = W.length;
  const dim = W[0].length;
  const model: onnx.IModelProto = {
    irVersion: 7,
    producerName: 'prunelens-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny',
      node: [
        { opType: 'Relu', input: ['input'], output: ['features'], name: 'relu' },
        { opType: 'Gemm', input: ['features', 'W', 'b'], output: ['logits'], name: 'head', attribute: [{ name: 'transB', type: 2, i: 1 }] },
      ],
      initializer: [floatTensor('W', [classes, dim], W.flat()), floatTensor('b', [classes], b)],
      input: [valueInfo('input', ['batch', dim])],
      output: [valueInfo('logits', ['batch', classes])],
    },
  };
  return onnxSchema.ModelProto.encode(onnxSchema.ModelProto.create(model)).finish();
}
