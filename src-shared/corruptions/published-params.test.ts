// Every corruption's severity table against the published CIFAR-10-C values, transcribed here as
// literal figures from Hendrycks & Dietterich's reference code — the hendrycks/robustness repository,
// ImageNet-C/create_c/make_cifar_c.py (the CIFAR file, not make_imagenet_c.py), one function per
// corruption (`c = [...][severity - 1]`). Nothing here is imported from params.ts as an expected
// value, so a changed constant there fails. Constants the reference hard-codes inside a function
// body (angle ranges, snow's whitening, the mud colour) are checked through behaviour with a
// scripted Rng.
import { describe, expect, it } from 'vitest';
import type { Rng } from '../base/rng';
import { motionBlurAt, zoomFactors } from './blur';
import { applyCorruption, allCorruptions, type CorruptionImage, type CorruptionName } from './index';
import * as P from './params';

const IMSIZE = 32; // elastic_transform's IMSIZE

/** make_cifar_c.py, as written there (tuples as arrays). */
const published = {
  gaussian_noise: [0.04, 0.06, 0.08, 0.09, 0.10],
  shot_noise: [500, 250, 100, 75, 50],
  impulse_noise: [0.01, 0.02, 0.03, 0.05, 0.07],
  speckle_noise: [0.06, 0.1, 0.12, 0.16, 0.2],
  gaussian_blur: [0.4, 0.6, 0.7, 0.8, 1],
  glass_blur: [[0.05, 1, 1], [0.25, 1, 1], [0.4, 1, 1], [0.25, 1, 2], [0.4, 1, 2]],
  defocus_blur: [[0.3, 0.4], [0.4, 0.5], [0.5, 0.6], [1, 0.2], [1.5, 0.1]],
  motion_blur: [[6, 1], [6, 1.5], [6, 2], [8, 2], [9, 2.5]],
  // np.arange(1, zmax, 0.01) for zmax:
  zoom_blur: [1.06, 1.11, 1.16, 1.21, 1.26],
  snow: [
    [0.1, 0.2, 1, 0.6, 8, 3, 0.95],
    [0.1, 0.2, 1, 0.5, 10, 4, 0.9],
    [0.15, 0.3, 1.75, 0.55, 10, 4, 0.9],
    [0.25, 0.3, 2.25, 0.6, 12, 6, 0.85],
    [0.3, 0.3, 1.25, 0.65, 14, 12, 0.8],
  ],
  frost: [[1, 0.2], [1, 0.3], [0.9, 0.4], [0.85, 0.4], [0.75, 0.45]],
  fog: [[0.2, 3], [0.5, 3], [0.75, 2.5], [1, 2], [1.5, 1.75]],
  spatter: [
    [0.62, 0.1, 0.7, 0.7, 0.5, 0],
    [0.65, 0.1, 0.8, 0.7, 0.5, 0],
    [0.65, 0.3, 1, 0.69, 0.5, 0],
    [0.65, 0.1, 0.7, 0.69, 0.6, 1],
    [0.65, 0.1, 0.5, 0.68, 0.6, 1],
  ],
  contrast: [0.75, 0.5, 0.4, 0.3, 0.15],
  brightness: [0.05, 0.1, 0.15, 0.2, 0.3],
  saturate: [[0.3, 0], [0.1, 0], [1.5, 0], [2, 0.1], [2.5, 0.2]],
  jpeg_compression: [80, 65, 58, 50, 40],
  pixelate: [0.95, 0.9, 0.85, 0.75, 0.65],
  elastic_transform: [
    [IMSIZE * 0, IMSIZE * 0, IMSIZE * 0.08],
    [IMSIZE * 0.05, IMSIZE * 0.2, IMSIZE * 0.07],
    [IMSIZE * 0.08, IMSIZE * 0.06, IMSIZE * 0.06],
    [IMSIZE * 0.1, IMSIZE * 0.04, IMSIZE * 0.05],
    [IMSIZE * 0.1, IMSIZE * 0.03, IMSIZE * 0.03],
  ],
} satisfies Record<CorruptionName, number[] | number[][]>;

/** Our table for each corruption, in the reference's units (elastic is stored as fractions of the size). */
const ours: Record<CorruptionName, number[] | number[][]> = {
  gaussian_noise: P.gaussianNoiseScale,
  shot_noise: P.shotNoiseRate,
  impulse_noise: P.impulseAmount,
  speckle_noise: P.speckleScale,
  gaussian_blur: P.gaussianBlurSigma,
  glass_blur: P.glassBlur,
  defocus_blur: P.defocusBlur,
  motion_blur: P.motionBlur,
  zoom_blur: P.zoomBlurMax,
  snow: P.snow,
  frost: P.frost,
  fog: P.fog,
  spatter: P.spatter,
  contrast: P.contrastFactor,
  brightness: P.brightnessShift,
  saturate: P.saturate,
  jpeg_compression: P.jpegQuality,
  pixelate: P.pixelateFactor,
  elastic_transform: P.elastic.map((row) => row.map((v) => v * IMSIZE)),
};

describe('severity tables equal the published CIFAR-10-C values (make_cifar_c.py)', () => {
  it('covers all 19 corruptions', () => {
    expect(Object.keys(published).sort()).toEqual([...allCorruptions].sort());
  });

  it.each([...allCorruptions])('%s: every constant of severities 1–5', (name) => {
    const expected = published[name];
    const actual = ours[name];
    expect(actual).toHaveLength(5);
    for (let s = 0; s < 5; s++) {
      const e = ([] as number[]).concat(expected[s]);
      const a = ([] as number[]).concat(actual[s]);
      expect(a.length, `${name} severity ${s + 1}: tuple length`).toBe(e.length);
      e.forEach((v, j) => {
        const where = `${name} severity ${s + 1}, entry ${j}`;
        // Exact, except elastic: fraction × 32 against IMSIZE × fraction may differ in the last bit.
        if (name === 'elastic_transform') expect(a[j], where).toBeCloseTo(v, 12);
        else expect(a[j], where).toBe(v);
      });
    }
  });

  it('zoom_blur uses np.arange(1, zmax, 0.01): as many zooms as NumPy makes, from 1 in steps of 0.01', () => {
    // len(np.arange(1, zmax, 0.01)) from NumPy itself: the rounding of (zmax − 1) / 0.01 gives
    // 7 and 12 zooms (not 6 and 11) for the first two severities.
    const numpyLengths = [7, 12, 16, 21, 26];
    published.zoom_blur.forEach((zmax, s) => {
      const zooms = zoomFactors(zmax);
      expect(zooms, `severity ${s + 1}`).toHaveLength(numpyLengths[s]);
      zooms.forEach((z, k) => expect(z).toBeCloseTo(1 + 0.01 * k, 12));
    });
  });
});

/** An Rng whose uniforms and normals are fixed values (integers are drawn from the uniform). */
function scripted(uniformValue: number, normalValue: number): Rng {
  return {
    next: () => uniformValue,
    int: (n) => Math.floor(uniformValue * n),
    normal: () => normalValue,
    poisson: () => 0,
  };
}

function ramp(width: number, height: number): CorruptionImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + (i % 3) * 71) % 256;
  return { data, width, height, channels: 3 };
}

const image = ramp(32, 32);
const run = (name: CorruptionName, severity: number, rng: Rng) => applyCorruption(image, name, severity, rng);

describe('constants the reference hard-codes in its function bodies, through behaviour', () => {
  it('gaussian_noise and speckle_noise add c·z and x·c·z with the published c', () => {
    for (let s = 1; s <= 5; s++) {
      const c = published.gaussian_noise[s - 1];
      const cs = published.speckle_noise[s - 1];
      const g = run('gaussian_noise', s, scripted(0.5, 1));
      const sp = run('speckle_noise', s, scripted(0.5, 1));
      for (let i = 0; i < image.data.length; i++) {
        const x = image.data[i] / 255;
        expect(g[i]).toBe(Math.floor(Math.min(1, x + c) * 255));
        expect(sp[i]).toBe(Math.floor(Math.min(1, x + x * cs) * 255));
      }
    }
  });

  it('motion_blur draws its angle uniformly from [−45°, 45°) (np.random.uniform(-45, 45))', () => {
    for (const s of [1, 5]) {
      expect(run('motion_blur', s, scripted(0, 0))).toEqual(motionBlurAt(image, s, -45));
      expect(run('motion_blur', s, scripted(0.5, 0))).toEqual(motionBlurAt(image, s, 0));
      expect(run('motion_blur', s, scripted(0.75, 0))).toEqual(motionBlurAt(image, s, 22.5));
    }
  });

  it('snow without flakes is c₆·x + (1 − c₆)·max(x, gray·1.5 + 0.5), gray = 0.299 R + 0.587 G + 0.114 B', () => {
    for (let s = 1; s <= 5; s++) {
      const blend = published.snow[s - 1][6];
      // A normal draw of −10 puts every noise value far below the threshold: no flakes at all.
      const out = run('snow', s, scripted(0.5, -10));
      for (let p = 0; p < 32 * 32; p++) {
        const [r, g, b] = [0, 1, 2].map((c) => image.data[3 * p + c] / 255);
        const gray = 0.299 * r + 0.587 * g + 0.114 * b;
        for (let c = 0; c < 3; c++) {
          const x = image.data[3 * p + c] / 255;
          const expected = Math.floor(Math.min(1, blend * x + (1 - blend) * Math.max(x, gray * 1.5 + 0.5)) * 255);
          expect(Math.abs(out[3 * p + c] - expected), `severity ${s} pixel ${p} channel ${c}`).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('spatter severities 4–5 (mud) cover a fully wet image with mud brown (63, 42, 20)', () => {
    for (const s of [4, 5]) {
      // A normal draw of +10 makes the liquid layer exceed the threshold everywhere.
      const out = run('spatter', s, scripted(0.5, 10));
      for (let p = 0; p < 32 * 32; p++) {
        [63, 42, 20].forEach((v, c) => expect(Math.abs(out[3 * p + c] - v)).toBeLessThanOrEqual(1));
      }
    }
  });

});
