import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PruneLensError } from '../base/errors';
import { parseNpyHeader, writeNpy } from './npy';
import { npyBytesToLabels, npyBytesToPixels, npyRowLayout, npyRowRange } from './npy-rows';

// Fixtures written by NumPy: tools/fixtures/formats/make_formats.py
const dir = new URL('../../tools/fixtures/formats/', import.meta.url);
const file = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')).npy;

function rows(name: string, start: number, count: number) {
  const bytes = file(name);
  const header = parseNpyHeader(bytes, name);
  const layout = npyRowLayout(header, bytes.length, name);
  const range = npyRowRange(header, layout, start, count);
  return { header, layout, pixels: npyBytesToPixels(header.dtype, bytes.subarray(range.offset, range.offset + range.length), name) };
}

describe('.npy headers and row slicing', () => {
  it('reads v1, v2 and v3 headers', () => {
    expect(parseNpyHeader(file('u8_nhwc_v1.npy')).shape).toEqual([6, 4, 5, 3]);
    expect(parseNpyHeader(file('u8_nchw_v2.npy')).shape).toEqual([6, 3, 4, 5]);
    const v3 = parseNpyHeader(file('f32_nhwc_v3.npy'));
    expect(v3.dtype).toBe('f4');
    expect(v3.dataOffset % 64).toBe(0);
  });

  it('slices uint8 rows exactly', () => {
    const { layout, pixels } = rows('u8_nhwc_v1.npy', 2, 3);
    expect(layout.rowBytes).toBe(60);
    expect(pixels).toBeInstanceOf(Uint8Array);
    expect(Array.from(pixels)).toEqual(expected.u8.slice(120, 300));
  });

  it('reads float32 rows and converts float16 rows to float', () => {
    expect(Array.from(rows('f32_nhwc_v3.npy', 1, 5).pixels)).toEqual(expected.f32.slice(60, 360));
    const half = rows('f16_nchw_v1.npy', 0, 6).pixels; // still CHW here; compare as a set of values
    expect(half).toBeInstanceOf(Float32Array);
    expect(Array.from(half).sort()).toEqual([...expected.f16].sort());
  });

  it('reads integer labels of any width', () => {
    const i64 = file('labels_i64.npy');
    const h = parseNpyHeader(i64);
    expect(Array.from(npyBytesToLabels(h.dtype, i64.subarray(h.dataOffset), 'labels'))).toEqual(expected.labels);
    const col = file('labels_u8_col.npy');
    const hc = parseNpyHeader(col);
    expect(Array.from(npyBytesToLabels(hc.dtype, col.subarray(hc.dataOffset), 'labels'))).toEqual(expected.labels);
  });

  it('checks the declared size against the file length before reading', () => {
    const bytes = file('u8_nhwc_v1.npy');
    const header = parseNpyHeader(bytes);
    expect(() => npyRowLayout(header, bytes.length - 1, 'x.npy')).toThrow(/truncated: header declares shape \(6, 4, 5, 3\) = 360 data bytes, file has 359/);
    const huge = writeNpy(new Uint8Array(0), [0]);
    const text = new TextDecoder('latin1').decode(huge).replace('(0,)', '(999999999999,)');
    const forged = Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect(() => npyRowLayout(parseNpyHeader(forged), forged.length, 'forged.npy')).toThrow(PruneLensError);
  });

  it('rejects out-of-range row requests', () => {
    const bytes = file('u8_nhwc_v1.npy');
    const header = parseNpyHeader(bytes);
    expect(() => npyRowRange(header, npyRowLayout(header, bytes.length), 5, 2)).toThrow(/outside 0…5/);
  });
});
