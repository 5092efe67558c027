// A small builder for ONNX graphs in tests: initializers of any element type, nodes with
// attributes, inputs/outputs with symbolic dims; encoded with the schema the app reads.
import type { onnx } from 'onnx-proto';
import { onnxSchema } from '../../src-shared/onnx/decode-model';

export const ELEM = { float: 1, uint8: 2, int8: 3, int32: 6, int64: 7 } as const;

type AttrValue = number | number[] | string | { tensor: onnx.ITensorProto };

function attr(name: string, v: AttrValue): onnx.IAttributeProto {
  if (typeof v === 'string') return { name, type: 3, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: 7, ints: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { name, type: 2, i: v } : { name, type: 1, f: v };
  return { name, type: 4, t: v.tensor };
}

export function tensor(name: string, dims: number[], values: ArrayLike<number>, dataType: number = ELEM.float): onnx.ITensorProto {
  const n = dims.reduce((a, b) => a * b, 1);
  if (values.length !== n) throw new Error(`${name}: ${values.length} values for [${dims}]`);
  const raw =
    dataType === ELEM.float ? new Uint8Array(Float32Array.from(values).buffer)
      : dataType === ELEM.int64 ? new Uint8Array(BigInt64Array.from(Array.from(values, (v) => BigInt(v))).buffer)
        : dataType === ELEM.int32 ? new Uint8Array(Int32Array.from(values).buffer)
          : dataType === ELEM.int8 ? new Uint8Array(Int8Array.from(values).buffer)
            : Uint8Array.from(values);
  return { name, dataType, dims, rawData: raw };
}

export class OnnxGraph {
  private nodes: onnx.INodeProto[] = [];
  private inits: onnx.ITensorProto[] = [];
  private inputs: onnx.IValueInfoProto[] = [];
  private outputs: onnx.IValueInfoProto[] = [];
  private count = 0;

  constructor(private readonly opset = 17) {}

  input(name: string, dims: (number | string)[], elemType: number = ELEM.float): string {
    this.inputs.push(valueInfo(name, dims, elemType));
    return name;
  }

  output(name: string, dims: (number | string)[], elemType: number = ELEM.float): void {
    this.outputs.push(valueInfo(name, dims, elemType));
  }

  init(name: string, dims: number[], values: ArrayLike<number>, dataType: number = ELEM.float): string {
    this.inits.push(tensor(name, dims, values, dataType));
    return name;
  }

  /** Adds a node; returns its first output (named `out` or generated). */
  node(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, options: { name?: string; outputs?: string[] } = {}): string {
    const outputs = options.outputs ?? [`t${this.count++}`];
    this.nodes.push({ opType, input: inputs, output: outputs, name: options.name ?? '', attribute: Object.entries(attrs).map(([k, v]) => attr(k, v)) });
    return outputs[0];
  }

  encode(): Uint8Array {
    const model: onnx.IModelProto = {
      irVersion: 8,
      producerName: 'prunelens-tests',
      opsetImport: [{ domain: '', version: this.opset }],
      graph: { name: 'g', node: this.nodes, initializer: this.inits, input: this.inputs, output: this.outputs },
    };
    return onnxSchema.ModelProto.encode(onnxSchema.ModelProto.create(model)).finish();
  }
}

function valueInfo(name: string, dims: (number | string)[], elemType: number): onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } } };
}

/** Deterministic values in [-0.5, 0.5) (LCG), never exactly 0. */
export function seededValues(n: number, seed: number): number[] {
  let state = seed >>> 0 || 1;
  return Array.from({ length: n }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 4294967296 - 0.5) || 0.25;
  });
}
