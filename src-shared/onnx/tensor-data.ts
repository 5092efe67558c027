// Tensor values as Float32Array: raw_data (any numeric type, float16 and bfloat16 included),
// the typed repeated fields, and sparse tensors (values + int64 indices) densified. Every size
// the file declares is checked against the bytes actually present before anything is allocated.
import { PruneLensError } from '../base/errors';
import { halfBytesToFloat32, halfToFloat } from '../formats/half';
import { int64ToNumber } from './decode-model';
import type { onnx } from 'onnx-proto';

/** Largest tensor we decode (elements); dense data must also be present in the file. */
export const MAX_TENSOR_ELEMENTS = 2 ** 28;
/** Largest sparse tensor we densify: its declared size is not backed by bytes in the file. */
export const MAX_SPARSE_DENSE_ELEMENTS = 2 ** 26;

const rawItemSize: Record<number, number> = { 1: 4, 2: 1, 3: 1, 4: 2, 5: 2, 6: 4, 7: 8, 9: 1, 10: 2, 11: 8, 12: 4, 13: 8, 16: 2 };

const UINT4 = 21;
const INT4 = 22;

const bad = (label: string, message: string) => new PruneLensError('bad-onnx', `${label}: ${message}`, { tensor: label });

/** Dimensions as safe non-negative integers. */
export function tensorDims(dims: onnx.ITensorProto['dims'], label: string): number[] {
  const out = (dims ?? []).map((d) => int64ToNumber(d));
  if (out.some((d) => !Number.isSafeInteger(d) || d < 0)) throw bad(label, `invalid dimensions [${out.join(', ')}].`);
  return out;
}

function elementCount(dims: number[], label: string): number {
  const n = dims.reduce((a, b) => a * b, 1);
  if (!Number.isSafeInteger(n) || n > MAX_TENSOR_ELEMENTS) throw bad(label, `shape [${dims.join(', ')}] is too large (over ${MAX_TENSOR_ELEMENTS} elements).`);
  return n;
}

export interface DenseValues {
  dims: number[];
  data: Float32Array;
}

/** Values of a dense TensorProto (initializer or Constant attribute). */
export function tensorToFloat32(tensor: onnx.ITensorProto, label = tensor.name || 'tensor'): DenseValues {
  return decodeTensor(tensor, label, Float32Array) as DenseValues;
}

/** Integer tensors (shapes, indices) exactly, as float64. */
export function tensorToFloat64(tensor: onnx.ITensorProto, label = tensor.name || 'tensor'): { dims: number[]; data: Float64Array } {
  return decodeTensor(tensor, label, Float64Array) as { dims: number[]; data: Float64Array };
}

type NumberArrayCtor = Float32ArrayConstructor | Float64ArrayConstructor;

function decodeTensor(tensor: onnx.ITensorProto, label: string, Out: NumberArrayCtor): { dims: number[]; data: Float32Array | Float64Array } {
  if (tensor.dataLocation === 1) throw bad(label, 'weights are stored in an external file that was not read (open the model from its folder or bundle, where the file lies beside it).');
  const dims = tensorDims(tensor.dims, label);
  const n = elementCount(dims, label);
  const type = tensor.dataType ?? 0;
  const raw = tensor.rawData;
  if (raw && raw.length > 0 && type !== INT4 && type !== UINT4) {
    const size = rawItemSize[type];
    if (!size) throw bad(label, `unsupported element type ${type} in raw_data.`);
    if (raw.length !== n * size) throw bad(label, `raw_data has ${raw.length} bytes, shape [${dims.join(', ')}] needs ${n * size}.`);
    return { dims, data: Out === Float32Array && type === 10 ? halfBytesToFloat32(raw) : rawToNumbers(raw, type, new Out(n)) };
  }
  if (type === INT4 || type === UINT4) {
    // int4 / uint4: two per byte, low nibble first; in raw_data, or one packed byte per int32_data entry.
    const packed = raw && raw.length > 0 ? raw : Uint8Array.from(tensor.int32Data ?? []);
    if (packed.length !== Math.ceil(n / 2)) throw bad(label, `int4 data has ${packed.length} bytes, shape [${dims.join(', ')}] needs ${Math.ceil(n / 2)}.`);
    const data = new Out(n);
    for (let i = 0; i < n; i++) {
      const nibble = (packed[i >> 1] >> ((i & 1) * 4)) & 0xf;
      data[i] = type === INT4 && nibble >= 8 ? nibble - 16 : nibble;
    }
    return { dims, data };
  }
  const fields: [ArrayLike<number | { toNumber(): number }> | null | undefined, boolean][] = [
    [tensor.floatData, type === 1],
    [tensor.doubleData, type === 11],
    [tensor.int64Data, type === 7],
    [tensor.uint64Data, type === 13],
    [tensor.int32Data, true],
  ];
  for (const [values, matches] of fields) {
    if (!values || values.length === 0 || !matches) continue;
    if (values.length !== n) throw bad(label, `has ${values.length} values, shape [${dims.join(', ')}] needs ${n}.`);
    const data = new Out(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const x = typeof v === 'number' ? v : int64ToNumber(v);
      data[i] = type === 10 ? halfToFloat(x) : type === 16 ? bfloat16(x) : x; // float16 bits live in int32_data
    }
    return { dims, data };
  }
  if (n === 0) return { dims, data: new Out(0) };
  throw bad(label, `has no values for shape [${dims.join(', ')}] (element type ${type}).`);
}

function bfloat16(bits: number): number {
  const f = new Float32Array(new Uint32Array([(bits & 0xffff) << 16]).buffer);
  return f[0];
}

function rawToNumbers<T extends Float32Array | Float64Array>(raw: Uint8Array, type: number, out: T): T {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  for (let i = 0; i < out.length; i++) {
    switch (type) {
      case 1: out[i] = view.getFloat32(i * 4, true); break;
      case 2: case 9: out[i] = view.getUint8(i); break;
      case 3: out[i] = view.getInt8(i); break;
      case 4: out[i] = view.getUint16(i * 2, true); break;
      case 5: out[i] = view.getInt16(i * 2, true); break;
      case 6: out[i] = view.getInt32(i * 4, true); break;
      case 7: out[i] = Number(view.getBigInt64(i * 8, true)); break;
      case 11: out[i] = view.getFloat64(i * 8, true); break;
      case 12: out[i] = view.getUint32(i * 4, true); break;
      case 13: out[i] = Number(view.getBigUint64(i * 8, true)); break;
      case 10: out[i] = halfToFloat(view.getUint16(i * 2, true)); break;
      case 16: out[i] = bfloat16(view.getUint16(i * 2, true)); break;
    }
  }
  return out;
}

/** A SparseTensorProto densified; indices are [NNZ] linear or [NNZ, rank] coordinates. */
export function sparseToFloat32(sparse: onnx.ISparseTensorProto, label = sparse.values?.name || 'sparse tensor'): DenseValues & { storedValues: number } {
  const dims = tensorDims(sparse.dims, label);
  const n = elementCount(dims, label);
  if (n > MAX_SPARSE_DENSE_ELEMENTS) throw bad(label, `sparse tensor of shape [${dims.join(', ')}] is too large to densify (over ${MAX_SPARSE_DENSE_ELEMENTS} elements).`);
  if (!sparse.values) throw bad(label, 'sparse tensor has no values.');
  const values = tensorToFloat32(sparse.values, label).data;
  const nnz = values.length;
  const data = new Float32Array(n);
  if (nnz === 0) return { dims, data, storedValues: 0 };
  if (!sparse.indices) throw bad(label, 'sparse tensor has no indices.');
  const indexDims = tensorDims(sparse.indices.dims, label);
  const indices = tensorToFloat64({ ...sparse.indices, dataType: sparse.indices.dataType || 7 }, `${label} (indices)`).data;
  const rank = dims.length;
  const coordinates = indexDims.length === 2;
  if (indexDims[0] !== nnz || (coordinates && indexDims[1] !== rank) || indexDims.length > 2) {
    throw bad(label, `indices shape [${indexDims.join(', ')}] does not fit ${nnz} values of a rank-${rank} tensor.`);
  }
  for (let k = 0; k < nnz; k++) {
    let linear = 0;
    if (coordinates) {
      for (let a = 0; a < rank; a++) {
        const c = indices[k * rank + a];
        if (!(c >= 0 && c < dims[a])) throw bad(label, `index ${c} on axis ${a} of value ${k} is outside [0, ${dims[a]}).`);
        linear = linear * dims[a] + c;
      }
    } else {
      linear = indices[k];
    }
    if (!(Number.isInteger(linear) && linear >= 0 && linear < n)) throw bad(label, `index ${linear} of value ${k} is outside [0, ${n}).`);
    data[linear] = values[k];
  }
  return { dims, data, storedValues: nnz };
}

export function countNonZeros(data: Float32Array): number {
  let nnz = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) nnz++;
  return nnz;
}
