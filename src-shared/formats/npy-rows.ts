// Row access to large .npy files: the caller reads the header, asks for the byte range of rows
// [start, start+count) and converts just those bytes — a 50,000-image file is never held as floats.
import { PruneLensError } from '../base/errors';
import { halfBytesToFloat32 } from './half';
import { npyElementCount, npyItemSize } from './npy';
import type { NpyDtype, NpyHeader } from './npy';

export interface NpyRowLayout {
  rows: number;
  /** Shape of one row (shape without the first axis). */
  rowShape: number[];
  rowElements: number;
  rowBytes: number;
  /** Bytes of data the header promises (rows × rowBytes). */
  dataBytes: number;
}

const bad = (fileLabel: string, message: string, offset?: number) =>
  new PruneLensError('bad-data', `${fileLabel}: ${message}`, offset === undefined ? { file: fileLabel } : { file: fileLabel, offset });

/** Row geometry of a C-order little-endian array; checks it against the real file length. */
export function npyRowLayout(header: NpyHeader, fileLength: number, fileLabel = '.npy file'): NpyRowLayout {
  if (header.fortranOrder) throw bad(fileLabel, 'Fortran-order arrays are not supported; save with np.ascontiguousarray.');
  if (!header.littleEndian && npyItemSize(header.dtype) > 1) throw bad(fileLabel, 'big-endian arrays are not supported.');
  if (header.shape.length === 0) throw bad(fileLabel, 'expected an array with at least one axis, found a scalar.');
  const rowShape = header.shape.slice(1);
  const rowElements = npyElementCount(rowShape);
  const rowBytes = rowElements * npyItemSize(header.dtype);
  const rows = header.shape[0];
  const dataBytes = rows * rowBytes;
  if (!Number.isSafeInteger(dataBytes)) throw bad(fileLabel, `shape (${header.shape.join(', ')}) is too large.`, 0);
  if (fileLength < header.dataOffset + dataBytes) {
    throw bad(fileLabel, `truncated: header declares shape (${header.shape.join(', ')}) = ${dataBytes} data bytes, file has ${Math.max(0, fileLength - header.dataOffset)}.`, fileLength);
  }
  return { rows, rowShape, rowElements, rowBytes, dataBytes };
}

/** File byte range of rows [start, start+count). */
export function npyRowRange(header: NpyHeader, layout: NpyRowLayout, start: number, count: number): { offset: number; length: number } {
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > layout.rows) {
    throw new PruneLensError('bad-request', `rows ${start}…${start + count - 1} are outside 0…${layout.rows - 1}.`);
  }
  return { offset: header.dataOffset + start * layout.rowBytes, length: count * layout.rowBytes };
}

/** Image pixels: uint8 stays uint8 (copied), float16/32/64 become Float32Array. */
export function npyBytesToPixels(dtype: NpyDtype, bytes: Uint8Array, fileLabel = '.npy file'): Uint8Array | Float32Array {
  switch (dtype) {
    case 'u1':
      return bytes.slice();
    case 'f2':
      return halfBytesToFloat32(bytes);
    case 'f4':
      return new Float32Array(bytes.slice().buffer, 0, bytes.length >> 2);
    case 'f8': {
      const doubles = new Float64Array(bytes.slice().buffer, 0, bytes.length >> 3);
      return Float32Array.from(doubles);
    }
    default:
      throw bad(fileLabel, `image data must be uint8, float16, float32 or float64 (found '${dtype}').`);
  }
}

/** Integer labels of any integer dtype as Int32Array (int64 values must fit in int32). */
export function npyBytesToLabels(dtype: NpyDtype, bytes: Uint8Array, fileLabel = '.npy file'): Int32Array {
  const buffer = bytes.slice().buffer;
  const n = bytes.length / npyItemSize(dtype);
  switch (dtype) {
    case 'u1': case 'b1': return Int32Array.from(new Uint8Array(buffer));
    case 'i1': return Int32Array.from(new Int8Array(buffer));
    case 'i2': return Int32Array.from(new Int16Array(buffer, 0, n));
    case 'u2': return Int32Array.from(new Uint16Array(buffer, 0, n));
    case 'i4': return new Int32Array(buffer, 0, n);
    case 'u4': case 'i8': {
      const source = dtype === 'u4' ? new Uint32Array(buffer, 0, n) : new BigInt64Array(buffer, 0, n);
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = Number(source[i]);
        if (v > 2 ** 31 - 1 || v < -(2 ** 31)) throw bad(fileLabel, `label ${v} at index ${i} is out of range.`);
        out[i] = v;
      }
      return out;
    }
    default:
      throw bad(fileLabel, `labels must be integers (found dtype '${dtype}').`);
  }
}
