// IDX files (MNIST family: `*-images-idx3-ubyte`, `*-labels-idx1-ubyte`, raw or gzip).
// Header: 0x00 0x00 <type> <ndim>, then ndim big-endian uint32 dimensions, then big-endian data.
import { PruneLensError } from '../base/errors';
import { inflateCapped, isGzip } from './inflate-capped';

export type IdxType = 'u1' | 'i1' | 'i2' | 'i4' | 'f4' | 'f8';

export interface IdxHeader {
  type: IdxType;
  shape: number[];
  dataOffset: number;
  itemSize: number;
}

const types: Record<number, [IdxType, number]> = { 0x08: ['u1', 1], 0x09: ['i1', 1], 0x0b: ['i2', 2], 0x0c: ['i4', 4], 0x0d: ['f4', 4], 0x0e: ['f8', 8] };

/** Largest decompressed IDX we accept (the whole file is held in memory). */
export const MAX_IDX_BYTES = 1024 ** 3;

const bad = (fileLabel: string, message: string, offset: number) => new PruneLensError('bad-data', `${fileLabel}: ${message}`, { file: fileLabel, offset });

export function parseIdxHeader(bytes: Uint8Array, fileLabel = 'IDX file'): IdxHeader {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw bad(fileLabel, 'not an IDX file (expected magic 00 00 <type> <ndim>).', 0);
  const entry = types[bytes[2]];
  if (!entry) throw bad(fileLabel, `unknown IDX element type 0x${bytes[2].toString(16)} (expected 08, 09, 0b, 0c, 0d or 0e).`, 2);
  const ndim = bytes[3];
  if (ndim < 1) throw bad(fileLabel, 'IDX file declares 0 dimensions.', 3);
  const dataOffset = 4 + 4 * ndim;
  if (bytes.length < dataOffset) throw bad(fileLabel, `truncated header (${ndim} dimensions need ${dataOffset} bytes).`, bytes.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i, false));
  const [type, itemSize] = entry;
  const dataBytes = shape.reduce((n, d) => n * d, 1) * itemSize;
  if (bytes.length - dataOffset !== dataBytes) {
    throw bad(fileLabel, `header declares shape (${shape.join(', ')}) = ${dataBytes} data bytes, file has ${bytes.length - dataOffset}.`, dataOffset);
  }
  return { type, shape, dataOffset, itemSize };
}

export interface IdxFile {
  header: IdxHeader;
  /** The decompressed file (header included). */
  bytes: Uint8Array;
}

/** Opens a raw or gzip IDX file held in memory. */
export function openIdx(fileBytes: Uint8Array, fileLabel = 'IDX file', maxBytes = MAX_IDX_BYTES): IdxFile {
  const bytes = isGzip(fileBytes) ? inflateCapped(fileBytes, 'gzip', { maxBytes, fileLabel }) : fileBytes;
  return { header: parseIdxHeader(bytes, fileLabel), bytes };
}

function rowGeometry(file: IdxFile, start: number, count: number) {
  const { header } = file;
  const rowElements = header.shape.slice(1).reduce((n, d) => n * d, 1);
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > header.shape[0]) {
    throw new PruneLensError('bad-request', `rows ${start}…${start + count - 1} are outside 0…${header.shape[0] - 1}.`);
  }
  return { rowElements, offset: header.dataOffset + start * rowElements * header.itemSize, n: count * rowElements };
}

/** Rows [start, start+count) as pixels: uint8 as Uint8Array, everything else as Float32Array. */
export function idxRows(file: IdxFile, start: number, count: number): Uint8Array | Float32Array {
  const { offset, n } = rowGeometry(file, start, count);
  const { type, itemSize } = file.header;
  if (type === 'u1') return file.bytes.slice(offset, offset + n);
  const view = new DataView(file.bytes.buffer, file.bytes.byteOffset + offset, n * itemSize);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = readBigEndian(view, type, i * itemSize);
  return out;
}

/** Rows as integer labels (any integer type). */
export function idxLabels(file: IdxFile, fileLabel = 'IDX file'): Int32Array {
  const { type, itemSize } = file.header;
  if (type === 'f4' || type === 'f8') throw bad(fileLabel, 'labels must be integers (found a float IDX file).', 2);
  const { offset, n } = rowGeometry(file, 0, file.header.shape[0]);
  const view = new DataView(file.bytes.buffer, file.bytes.byteOffset + offset, n * itemSize);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = readBigEndian(view, type, i * itemSize);
  return out;
}

function readBigEndian(view: DataView, type: IdxType, at: number): number {
  switch (type) {
    case 'u1': return view.getUint8(at);
    case 'i1': return view.getInt8(at);
    case 'i2': return view.getInt16(at, false);
    case 'i4': return view.getInt32(at, false);
    case 'f4': return view.getFloat32(at, false);
    case 'f8': return view.getFloat64(at, false);
  }
}

/** An IDX file's bytes (for tests and fixtures). */
export function writeIdxU8(data: Uint8Array, shape: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * shape.length + data.length);
  out[2] = 0x08;
  out[3] = shape.length;
  const view = new DataView(out.buffer);
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * shape.length);
  return out;
}
