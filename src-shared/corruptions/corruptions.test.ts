// Every corruption × severity on real-ish images (Fashion-MNIST test images, synthetic RGB
// scenes): it changes the image, is byte-identical for the same seed, differs for another seed
// when stochastic, leaves its input alone, and handles odd sizes and grey images.
import { describe, expect, it } from 'vitest';
import { fashionImages, syntheticRgb } from '../../tools/fixtures/corruptions/images';
import { PruneLensError } from '../base/errors';
import { createRng } from '../base/rng';
import { allCorruptions, applyCorruption, benchmarkCorruptions, corruptionInfo, corruptionRng, extraCorruptions, type CorruptionImage } from './index';

const gray = fashionImages(3);
const rgb = [syntheticRgb(0), syntheticRgb(1)];
const severities = [1, 2, 3, 4, 5];

const fractionChanged = (a: Uint8Array, b: Uint8Array) => {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n / a.length;
};

describe('registry and metadata', () => {
  it('covers the 15 benchmark and 4 extra CIFAR-10-C corruptions', () => {
    expect(benchmarkCorruptions).toHaveLength(15);
    expect(extraCorruptions).toHaveLength(4);
    expect(Object.keys(corruptionInfo).sort()).toEqual([...allCorruptions].sort());
    expect(allCorruptions.filter((n) => corruptionInfo[n].benchmark)).toEqual([...benchmarkCorruptions]);
  });

  it("groups corruptions into Hendrycks' four families", () => {
    const family = (f: string) => allCorruptions.filter((n) => corruptionInfo[n].family === f).sort();
    expect(family('noise')).toEqual(['gaussian_noise', 'impulse_noise', 'shot_noise', 'speckle_noise']);
    expect(family('blur')).toEqual(['defocus_blur', 'gaussian_blur', 'glass_blur', 'motion_blur', 'zoom_blur']);
    expect(family('weather')).toEqual(['brightness', 'fog', 'frost', 'snow', 'spatter']);
    expect(family('digital')).toEqual(['contrast', 'elastic_transform', 'jpeg_compression', 'pixelate', 'saturate']);
  });

  it('saturate leaves grey images alone at severities 1–3 and tints-then-darkens them at 4–5', () => {
    // A grey pixel has saturation 0 and hue 0: only the offsets of severities 4 (0.1) and 5 (0.2)
    // move it, to (v, v(1−b), v(1−b)) in RGB, i.e. luma v·(1 − 0.701·b) (see digital.ts).
    for (const image of gray) {
      for (const s of [1, 2, 3]) expect(applyCorruption(image, 'saturate', s, createRng(1))).toEqual(image.data);
      for (const [s, b] of [[4, 0.1], [5, 0.2]]) {
        const out = applyCorruption(image, 'saturate', s, createRng(1));
        for (let i = 0; i < out.length; i++) {
          const v = image.data[i];
          const expected = (v * 19595 + Math.floor(v * (1 - b) + 1e-9) * (38470 + 7471) + 0x8000) >>> 16;
          expect(Math.abs(out[i] - expected), `severity ${s} value ${v}`).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('rejects unknown names, bad severities and inconsistent images with bad-request', () => {
    const image = rgb[0];
    const expectBadRequest = (fn: () => unknown) => {
      expect(fn).toThrow(PruneLensError);
      try { fn(); } catch (error) { expect((error as PruneLensError).code).toBe('bad-request'); }
    };
    expectBadRequest(() => applyCorruption(image, 'rain' as never, 1, createRng(0)));
    expectBadRequest(() => applyCorruption(image, 'fog', 0, createRng(0)));
    expectBadRequest(() => applyCorruption(image, 'fog', 2.5, createRng(0)));
    expectBadRequest(() => applyCorruption({ ...image, channels: 4 as never }, 'fog', 1, createRng(0)));
    expectBadRequest(() => applyCorruption({ ...image, data: image.data.subarray(1) }, 'fog', 1, createRng(0)));
  });
});

describe.each(allCorruptions)('%s', (name) => {
  const info = corruptionInfo[name];

  it('changes every image at every severity, leaves the input untouched, keeps the shape', () => {
    for (const image of [...gray, ...rgb]) {
      const before = image.data.slice();
      for (const s of severities) {
        if (name === 'saturate' && image.channels === 1 && s <= 3) continue; // grey has no saturation to scale
        const out = applyCorruption(image, name, s, corruptionRng(7, name, s, 0));
        expect(out).toBeInstanceOf(Uint8Array);
        expect(out.length).toBe(image.data.length);
        expect(fractionChanged(out, image.data), `severity ${s}`).toBeGreaterThan(0);
      }
      expect(image.data).toEqual(before);
    }
  });

  it('is byte-identical for the same seed', () => {
    for (const image of [gray[0], rgb[0]]) {
      for (const s of severities) {
        expect(applyCorruption(image, name, s, createRng(42))).toEqual(applyCorruption(image, name, s, createRng(42)));
      }
    }
  });

  // Motion blur draws only an angle, and nearby angles can round to the same kernel taps, so two
  // seeds may agree: the test asks for more than one distinct output among four seeds.
  it(info.stochastic ? 'differs between seeds' : 'ignores the seed (deterministic)', () => {
    for (const image of [gray[0], rgb[0]]) {
      for (const s of severities) {
        const outputs = [1, 2, 3, 4].map((seed) => applyCorruption(image, name, s, createRng(seed)));
        const distinct = new Set(outputs.map((o) => o.join(','))).size;
        if (info.stochastic) expect(distinct, `severity ${s}`).toBeGreaterThanOrEqual(2);
        else expect(distinct, `severity ${s}`).toBe(1);
      }
    }
  });

  it('handles non-square, tiny and large images', () => {
    const sizes: [number, number, 1 | 3][] = [[20, 36, 3], [9, 7, 1], [2, 3, 3], [64, 48, 1]];
    for (const [width, height, channels] of sizes) {
      const data = new Uint8Array(width * height * channels);
      for (let i = 0; i < data.length; i++) data[i] = (i * 97 + ((i / 7) | 0) * 13) % 256;
      const image: CorruptionImage = { data, width, height, channels };
      for (const s of [1, 5]) {
        const out = applyCorruption(image, name, s, createRng(3));
        expect(out.length, `${width}×${height}×${channels}`).toBe(data.length);
      }
    }
  });
});
