import { describe, expect, it } from 'vitest';
import { modelChannels, preprocessBatch } from './preprocess';
import type { PreprocessSpec } from './preprocess';

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

  it('gives bit for bit the per-pixel formula for 8-bit and float data, both layouts, 1→1, 1→3 and 3→3 channels', () => {
    // The formula as written before the table path: value · (1/scale/std[c]) + (−mean[c]/std[c]) in float32 constants.
    const reference = (pixels: Uint8Array | Float32Array, count: number, plane: number, channels: number, outChannels: number, spec: PreprocessSpec) => {
      const out = new Float32Array(count * plane * outChannels);
      const mul = new Float32Array(outChannels).map((_, c) => 1 / spec.scale / spec.std[spec.std.length === 1 ? 0 : c]);
      const add = new Float32Array(outChannels).map((_, c) => -spec.mean[spec.mean.length === 1 ? 0 : c] / spec.std[spec.std.length === 1 ? 0 : c]);
      for (let n = 0; n < count; n++)
        for (let p = 0; p < plane; p++)
          for (let c = 0; c < outChannels; c++) {
            const value = pixels[n * plane * channels + p * channels + (channels === 1 ? 0 : c)];
            out[spec.layout === 'NCHW' ? n * plane * outChannels + c * plane + p : n * plane * outChannels + p * outChannels + c] = value * mul[c] + add[c];
          }
      return out;
    };
    const geometry = { height: 5, width: 7 };
    const plane = 35;
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (const [channels, outChannels] of [[1, 1], [1, 3], [3, 3]]) {
      for (const layout of ['NCHW', 'NHWC'] as const) {
        const spec = { layout, scale: 255, mean: [0.4914, 0.4822, 0.4465].slice(0, outChannels), std: [0.247, 0.2435, 0.2616].slice(0, outChannels) };
        const bytes = Uint8Array.from({ length: 3 * plane * channels }, (_, i) => (i < 256 ? i : Math.floor(next() * 256)));
        const floats = Float32Array.from(bytes, (b) => b + next());
        for (const pixels of [bytes, floats]) {
          const got = preprocessBatch(pixels, 3, { ...geometry, channels }, outChannels, spec);
          const want = reference(pixels, 3, plane, channels, outChannels, spec);
          expect(Array.from(new Uint32Array(got.buffer))).toEqual(Array.from(new Uint32Array(want.buffer)));
        }
      }
    }
  });

  it('checks the model input against the data and says what differs', () => {
    expect(modelChannels(['batch', 1, 28, 28], 'NCHW', { height: 28, width: 28, channels: 1 })).toBe(1);
    expect(modelChannels(['N', 3, 28, 28], 'NCHW', { height: 28, width: 28, channels: 1 })).toBe(3);
    expect(() => modelChannels(['N', 1, 32, 32], 'NCHW', { height: 28, width: 28, channels: 1 })).toThrow(/expects height 32, width 32; the images are 28×28×1/);
    expect(() => modelChannels(['N', 28, 28, 1], 'NCHW', { height: 28, width: 28, channels: 1 })).toThrow(/expects channels 28, width 1; .*Check bundle.json input.layout/);
    expect(() => modelChannels(['N', 784], 'NCHW', { height: 28, width: 28, channels: 1 })).toThrow(/2 dimensions/);
  });
});
