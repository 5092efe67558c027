// Image stacks for `prunelens corrupt`: uint8 .npy (N×H×W or N×H×W×C, C = 1 or 3) or IDX
// (gzip or raw, the MNIST family), read whole into memory; results written as .npy.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { PruneLensError } from '../../src-shared/base/errors';
import { idxRows, openIdx } from '../../src-shared/formats/idx';
import { readNpy, writeNpy } from '../../src-shared/formats/npy';

export interface ImageStack {
  /** All images, each H×W×C, back to back. */
  data: Uint8Array;
  count: number;
  height: number;
  width: number;
  channels: 1 | 3;
  /** The shape as stored (kept for the output: N×H×W stays N×H×W). */
  shape: number[];
}

function readBytes(file: string): Uint8Array {
  try {
    const buffer = readFileSync(file);
    // A plain Uint8Array view: readers call .slice(), which on a Node Buffer would not copy.
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PruneLensError('not-found', `${file}: no such file.`, { file });
    if (code === 'EISDIR') throw new PruneLensError('bad-request', `${file} is a folder; expected a .npy or IDX file.`, { file });
    throw error;
  }
}

function stackOf(data: Uint8Array, shape: number[], file: string): ImageStack {
  const [count, height, width, channels = 1] = shape;
  if ((shape.length !== 3 && shape.length !== 4) || (channels !== 1 && channels !== 3)) {
    throw new PruneLensError('bad-data', `${file}: expected images shaped N×H×W or N×H×W×C with C = 1 or 3, got ${shape.join('×')}.`, { file });
  }
  if (height < 1 || width < 1) throw new PruneLensError('bad-data', `${file}: empty images (${shape.join('×')}).`, { file });
  return { data, count, height, width, channels: channels as 1 | 3, shape };
}

const isIdx = (bytes: Uint8Array) => (bytes[0] === 0x1f && bytes[1] === 0x8b) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0x08);

export function readImageStack(file: string): ImageStack {
  const bytes = readBytes(file);
  if (bytes[0] === 0x93 && bytes[1] === 0x4e) {
    const { header, data } = readNpy(bytes, file);
    if (header.dtype !== 'u1') throw new PruneLensError('bad-data', `${file}: expected uint8 pixels, found dtype '${header.dtype}'.`, { file });
    return stackOf(data as Uint8Array, header.shape, file);
  }
  if (isIdx(bytes)) {
    const idx = openIdx(bytes, file);
    if (idx.header.type !== 'u1') throw new PruneLensError('bad-data', `${file}: expected an IDX file of uint8 pixels (type 0x08).`, { file });
    return stackOf(idxRows(idx, 0, idx.header.shape[0]) as Uint8Array, idx.header.shape, file);
  }
  throw new PruneLensError('bad-data', `${file}: not a .npy or IDX file (unrecognised first bytes).`, { file, offset: 0 });
}

/** The first `count` images of a stack (the same arrays when nothing is cut). */
export function firstImages(stack: ImageStack, count: number): ImageStack {
  if (count >= stack.count) return stack;
  const size = stack.height * stack.width * stack.channels;
  return { ...stack, count, data: stack.data.subarray(0, count * size), shape: [count, ...stack.shape.slice(1)] };
}

/** Writes `bytes` next to `file` and renames it into place, so a cancelled run leaves no half file. */
export function writeFileAtomic(file: string, bytes: Uint8Array): void {
  const partial = `${file}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, file);
}

export function writeImageStack(file: string, data: Uint8Array, shape: number[]): void {
  writeFileAtomic(file, writeNpy(data, shape));
}
