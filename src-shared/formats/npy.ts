// NumPy .npy (format versions 1.0, 2.0, 3.0): header parsing and writing, on bytes.
import { PruneLensError } from '../base/errors';

export type NpyDtype = 'u1' | 'i1' | 'u2' | 'i2' | 'i4' | 'u4' | 'i8' | 'f2' | 'f4' | 'f8' | 'b1';

export interface NpyHeader {
  dtype: NpyDtype;
  shape: number[];
  fortranOrder: boolean;
  /** Byte offset of the first element. */
  dataOffset: number;
  littleEndian: boolean;
}

const itemSizes: Record<NpyDtype, number> = { u1: 1, i1: 1, b1: 1, u2: 2, i2: 2, f2: 2, i4: 4, u4: 4, f4: 4, i8: 8, f8: 8 };
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export function npyItemSize(dtype: NpyDtype): number {
  return itemSizes[dtype];
}

/** Parses the header from the first bytes of a file (at least the header must be present). */
export function parseNpyHeader(bytes: Uint8Array, fileLabel = '.npy file'): NpyHeader {
  const fail = (message: string, offset: number) => new PruneLensError('bad-data', `${fileLabel}: ${message}`, { file: fileLabel, offset });
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m)) throw fail('not a .npy file (missing \\x93NUMPY magic).', 0);
  const major = bytes[6];
  if (major < 1 || major > 3) throw fail(`unsupported .npy format version ${major}.${bytes[7]}.`, 6);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) throw fail('truncated header.', 8);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lengthBytes;
  if (headerLength > 1 << 20) throw fail(`header length ${headerLength} is implausible.`, 8);
  if (bytes.length < start + headerLength) throw fail('truncated header.', start);
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr'\s*:\s*'([<>|=])([a-z]\d+)'/.exec(text);
  const order = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shapeMatch = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !order || !shapeMatch) throw fail(`malformed header dictionary: ${text.trim().slice(0, 120)}`, start);
  const dtype = descr[2] as NpyDtype;
  if (!(dtype in itemSizes)) throw fail(`unsupported dtype '${descr[1]}${descr[2]}' (expected uint8, int8, int16, uint16, int32, int64, float16, float32 or float64).`, start);
  const shape = shapeMatch[1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) throw fail(`bad shape (${shapeMatch[1]}).`, start);
  return { dtype, shape, fortranOrder: order[1] === 'True', dataOffset: start + headerLength, littleEndian: descr[1] !== '>' };
}

export function npyElementCount(shape: number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

export type NpyArray = Float32Array | Float64Array | Uint8Array | Int8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

/** Reads a whole (small) C-order .npy file. Large files: read the header, then slice rows. */
export function readNpy(bytes: Uint8Array, fileLabel = '.npy file'): { header: NpyHeader; data: NpyArray | BigInt64Array } {
  const header = parseNpyHeader(bytes, fileLabel);
  if (header.fortranOrder) throw new PruneLensError('bad-data', `${fileLabel}: Fortran-order arrays are not supported; save with np.ascontiguousarray.`, { file: fileLabel });
  if (!header.littleEndian && itemSizes[header.dtype] > 1) throw new PruneLensError('bad-data', `${fileLabel}: big-endian arrays are not supported.`, { file: fileLabel });
  const count = npyElementCount(header.shape);
  const byteLength = count * itemSizes[header.dtype];
  if (bytes.length < header.dataOffset + byteLength) {
    throw new PruneLensError('bad-data', `${fileLabel}: truncated: header says ${byteLength} data bytes, file has ${bytes.length - header.dataOffset}.`, { file: fileLabel, offset: bytes.length });
  }
  // Uint8Array's slice copies (Node's Buffer#slice would return a view into a shared pool).
  const copy = Uint8Array.prototype.slice.call(bytes, header.dataOffset, header.dataOffset + byteLength).buffer;
  return { header, data: typedView(header.dtype, copy, count) };
}

function typedView(dtype: NpyDtype, buffer: ArrayBuffer, count: number): NpyArray | BigInt64Array {
  switch (dtype) {
    case 'u1': case 'b1': return new Uint8Array(buffer, 0, count);
    case 'i1': return new Int8Array(buffer, 0, count);
    case 'i2': return new Int16Array(buffer, 0, count);
    case 'u2': return new Uint16Array(buffer, 0, count);
    case 'f2': return new Uint16Array(buffer, 0, count); // raw half floats; convert with halfToFloat
    case 'i4': return new Int32Array(buffer, 0, count);
    case 'u4': return new Uint32Array(buffer, 0, count);
    case 'f4': return new Float32Array(buffer, 0, count);
    case 'f8': return new Float64Array(buffer, 0, count);
    case 'i8': return new BigInt64Array(buffer, 0, count);
  }
}

const dtypeOf = (data: NpyArray): NpyDtype => {
  if (data instanceof Float32Array) return 'f4';
  if (data instanceof Float64Array) return 'f8';
  if (data instanceof Uint8Array) return 'u1';
  if (data instanceof Int8Array) return 'i1';
  if (data instanceof Int16Array) return 'i2';
  if (data instanceof Uint16Array) return 'u2';
  if (data instanceof Int32Array) return 'i4';
  return 'u4';
};

/** A .npy v1.0 header for `shape` (data follows, little-endian C order). */
export function npyHeaderBytes(dtype: NpyDtype, shape: number[]): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const endian = itemSizes[dtype] === 1 ? '|' : '<';
  let dict = `{'descr': '${endian}${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + dict.length + 1;
  dict += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + dict.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, dict.length, true);
  for (let i = 0; i < dict.length; i++) out[10 + i] = dict.charCodeAt(i);
  return out;
}

export function writeNpy(data: NpyArray, shape: number[]): Uint8Array {
  if (npyElementCount(shape) !== data.length) throw new PruneLensError('bad-request', `writeNpy: shape ${shape.join('×')} does not match ${data.length} elements.`);
  const header = npyHeaderBytes(dtypeOf(data), shape);
  const out = new Uint8Array(header.length + data.byteLength);
  out.set(header, 0);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), header.length);
  return out;
}
