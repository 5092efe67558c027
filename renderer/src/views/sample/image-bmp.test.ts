import { describe, expect, it } from 'vitest';
import { encodeBmp } from './image-bmp';

const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer).getUint32(at, true);
const i32 = (b: Uint8Array, at: number) => new DataView(b.buffer).getInt32(at, true);

describe('encodeBmp', () => {
  it('writes the headers a BMP reader needs', () => {
    const bmp = encodeBmp(new Uint8Array(3 * 2), 3, 2, 1);
    // 3 px × 3 bytes = 9, padded to 12 bytes per row; 2 rows; 54-byte headers.
    expect(String.fromCharCode(bmp[0], bmp[1])).toBe('BM');
    expect(bmp.length).toBe(54 + 24);
    expect(u32(bmp, 2)).toBe(78);
    expect(u32(bmp, 10)).toBe(54);
    expect(u32(bmp, 14)).toBe(40);
    expect([i32(bmp, 18), i32(bmp, 22)]).toEqual([3, 2]);
    expect(new DataView(bmp.buffer).getUint16(28, true)).toBe(24);
  });

  it('stores rows bottom-up in BGR order, grey replicated', () => {
    // 2 × 2 grey: top row 10, 20; bottom row 30, 40.
    const bmp = encodeBmp(new Uint8Array([10, 20, 30, 40]), 2, 2, 1);
    const rows = [...bmp.subarray(54)];
    expect(rows).toEqual([30, 30, 30, 40, 40, 40, 0, 0, 10, 10, 10, 20, 20, 20, 0, 0]);
  });

  it('swaps RGB to BGR and drops alpha', () => {
    expect([...encodeBmp(new Uint8Array([1, 2, 3]), 1, 1, 3).subarray(54)]).toEqual([3, 2, 1, 0]);
    expect([...encodeBmp(new Uint8Array([1, 2, 3, 99]), 1, 1, 4).subarray(54)]).toEqual([3, 2, 1, 0]);
  });

  it('refuses data shorter than the image', () => {
    expect(() => encodeBmp(new Uint8Array(5), 2, 2, 3)).toThrow(/5 bytes, expected 12/);
  });
});
