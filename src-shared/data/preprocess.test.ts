import { describe, expect, it } from 'vitest';
import { modelChannels, preprocessBatch } from './preprocess';

describe('preprocessing', () => {
  const pixels = new Uint8Array([0, 51, 102, 255, /* image 2 */ 10, 20, 30, 40]); // 2 × 2×2×1

  it('scales, normalises and lays out NCHW exactly as (x/scale − mean)/std', () => {
    const out = preprocessBatch(pixels, 2, { height: 2, width: 2, channels: 1 }, 1, { layout: 'NCHW', scale: 255, mean: [0.5], std: [0.25] });
    const expected = Array.from(pixels, (x) => (x / 255 - 0.5) / 0.25);
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it('replicates gray to RGB and orders channels for NCHW and NHWC', () => {
    const spec = { scale: 1, mean: [0, 1, 2], std: [1, 1, 1] };
    const nchw = preprocessBatch(pixels.subarray(0, 4), 1, { height: 2, width: 2, channels: 1 }, 3, { ...spec, layout: 'NCHW' });
    expect(Array.from(nchw)).toEqual([0, 51, 102, 255, -1, 50, 101, 254, -2, 49, 100, 253]);
    const nhwc = preprocessBatch(pixels.subarray(0, 4), 1, { height: 2, width: 2, channels: 1 }, 3, { ...spec, layout: 'NHWC' });
    expect(Array.from(nhwc.subarray(0, 6))).toEqual([0, -1, -2, 51, 50, 49]);
  });

  it('keeps RGB channel order (HWC in → CHW out)', () => {
    const rgb = new Uint8Array([1, 2, 3, 4, 5, 6]); // 1×2 image, 3 channels
    const out = preprocessBatch(rgb, 1, { height: 1, width: 2, channels: 3 }, 3, { layout: 'NCHW', scale: 1, mean: [0], std: [1] });
    expect(Array.from(out)).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('checks the model input against the data and says what differs', () => {
    expect(modelChannels(['batch', 1, 28, 28], 'NCHW', { height: 28, width: 28, channels: 1 })).toBe(1);
    expect(modelChannels(['N', 3, 28, 28], 'NCHW', { height: 28, width: 28, channels: 1 })).toBe(3);
    expect(() => modelChannels(['N', 1, 32, 32], 'NCHW', { height: 28, width: 28, channels: 1 })).toThrow(/expects height 32, width 32; the images are 28×28×1/);
    expect(() => modelChannels(['N', 28, 28, 1], 'NCHW', { height: 28, width: 28, channels: 1 })).toThrow(/expects channels 28, width 1; .*Check bundle.json input.layout/);
    expect(() => modelChannels(['N', 784], 'NCHW', { height: 28, width: 28, channels: 1 })).toThrow(/2 dimensions/);
  });
});
