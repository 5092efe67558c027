import { describe, expect, it } from 'vitest';
import { sparseToFloat32, tensorToFloat32, tensorToFloat64 } from './tensor-data';

const bytes = (...words: number[]) => new Uint8Array(new Uint16Array(words).buffer);

describe('tensor values', () => {
  it('decodes float16 from raw_data and from int32_data (IEEE 754 half)', () => {
    const expected = [1, -2, 65504, 2 ** -24, 0.333251953125];
    const words = [0x3c00, 0xc000, 0x7bff, 0x0001, 0x3555];
    expect(Array.from(tensorToFloat32({ dims: [5], dataType: 10, rawData: bytes(...words) }).data)).toEqual(expected);
    expect(Array.from(tensorToFloat32({ dims: [5], dataType: 10, int32Data: words }).data)).toEqual(expected);
  });

  it('decodes bfloat16, double, int64 and unaligned float32 raw data', () => {
    expect(Array.from(tensorToFloat32({ dims: [2], dataType: 16, rawData: bytes(0x3f80, 0x4049) }).data)).toEqual([1, 3.140625]);
    expect(Array.from(tensorToFloat32({ dims: [2], dataType: 11, rawData: new Uint8Array(new Float64Array([0.5, -4]).buffer) }).data)).toEqual([0.5, -4]);
    expect(Array.from(tensorToFloat64({ dims: [2], dataType: 7, rawData: new Uint8Array(new BigInt64Array([2n ** 40n, -3n]).buffer) }).data)).toEqual([2 ** 40, -3]);
    const unaligned = new Uint8Array(9).subarray(1);
    new DataView(unaligned.buffer, 1).setFloat32(0, 1.5, true);
    new DataView(unaligned.buffer, 1).setFloat32(4, -7.25, true);
    expect(Array.from(tensorToFloat32({ dims: [2], dataType: 1, rawData: unaligned }).data)).toEqual([1.5, -7.25]);
  });

  it('names the tensor and the mismatch for short data and external data', () => {
    expect(() => tensorToFloat32({ name: 'fc.weight', dims: [3, 4], dataType: 1, floatData: [1, 2] })).toThrow(/fc\.weight: has 2 values, shape \[3, 4\] needs 12/);
    expect(() => tensorToFloat32({ name: 'w', dims: [2], dataType: 1, dataLocation: 1 })).toThrow(/w: weights are stored in an external file/);
    expect(() => tensorToFloat32({ name: 'w', dims: [2 ** 20, 2 ** 20], dataType: 1, rawData: new Uint8Array(4) })).toThrow(/too large/);
  });

  it('densifies sparse tensors from linear and coordinate indices', () => {
    const values = { dims: [3], dataType: 1, floatData: [5, 6, 7] };
    const linear = sparseToFloat32({ dims: [2, 3], values, indices: { dims: [3], dataType: 7, int64Data: [0, 4, 5] } });
    expect(Array.from(linear.data)).toEqual([5, 0, 0, 0, 6, 7]);
    const coords = sparseToFloat32({ dims: [2, 3], values, indices: { dims: [3, 2], dataType: 7, int64Data: [0, 0, 1, 1, 1, 2] } });
    expect(Array.from(coords.data)).toEqual([5, 0, 0, 0, 6, 7]);
    expect(() => sparseToFloat32({ dims: [2, 3], values, indices: { dims: [3], dataType: 7, int64Data: [0, 4, 6] } }, 'sp')).toThrow(/sp: index 6 of value 2 is outside \[0, 6\)/);
  });
});
