// Fuzz: truncated and mutated files must fail with PruneLensError (never another exception),
// quickly, and without allocating what a forged header claims.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { expectOnlyPruneLensErrors, mutatedBytes } from '../../tools/fixtures/formats/fuzz-helpers';
import { idxLabels, idxRows, openIdx } from './idx';
import { decodeImage } from './image-decode';
import { parseNpyHeader } from './npy';
import { npyBytesToLabels, npyBytesToPixels, npyRowLayout, npyRowRange } from './npy-rows';

const dir = new URL('../../tools/fixtures/formats/', import.meta.url);
const file = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));

function readWholeNpy(bytes: Uint8Array) {
  const header = parseNpyHeader(bytes, 'fuzz.npy');
  const layout = npyRowLayout(header, bytes.length, 'fuzz.npy');
  const range = npyRowRange(header, layout, 0, layout.rows);
  const slice = bytes.subarray(range.offset, range.offset + range.length);
  return header.dtype.startsWith('f') || header.dtype === 'u1' ? npyBytesToPixels(header.dtype, slice) : npyBytesToLabels(header.dtype, slice);
}

describe('format readers under truncation and mutation', () => {
  it.each(['u8_nhwc_v1.npy', 'u8_nchw_v2.npy', 'f32_nhwc_v3.npy', 'f16_nchw_v1.npy', 'labels_i64.npy'])('%s', (name) => {
    expectOnlyPruneLensErrors(mutatedBytes(file(name)), readWholeNpy);
  });

  it.each(['images-idx3-ubyte', 'images-idx3-ubyte.gz', 'labels-idx1-ubyte.gz', 'floats-idx2-float'])('%s', (name) => {
    expectOnlyPruneLensErrors(mutatedBytes(file(name)), (bytes) => {
      const idx = openIdx(bytes, 'fuzz-idx', 1 << 20);
      return idx.header.type === 'f4' || idx.header.type === 'f8' ? idxRows(idx, 0, idx.header.shape[0]) : idxLabels(idx);
    });
  });

  it.each(['rgb8.png', 'palette4.png', 'rgb16.png', 'graya8.png', 'pil_rgb.png', 'smooth.jpg'])('%s', (name) => {
    expectOnlyPruneLensErrors(mutatedBytes(file(name)), (bytes) => decodeImage(bytes, 'fuzz-image'), 3000); // a forged JPEG may declare up to 16 MP
  });

  it('arbitrary bytes', () => {
    const any = fc.uint8Array({ maxLength: 256 });
    expectOnlyPruneLensErrors(any, readWholeNpy);
    expectOnlyPruneLensErrors(any, (b) => openIdx(b, 'fuzz', 1 << 20));
    expectOnlyPruneLensErrors(any, (b) => decodeImage(b));
    const pngish = any.map((b) => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...b]));
    expectOnlyPruneLensErrors(pngish, (b) => decodeImage(b));
    const jpegish = any.map((b) => Uint8Array.from([0xff, 0xd8, 0xff, ...b]));
    expectOnlyPruneLensErrors(jpegish, (b) => decodeImage(b));
  });
});
