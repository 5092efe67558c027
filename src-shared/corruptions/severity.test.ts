// Strength grows with severity. Measured on 6 Fashion-MNIST test images (grey) and 4 synthetic
// RGB scenes, each with 3 seeds; the mean squared error against the clean image must grow
// strictly from one severity to the next — except where the published CIFAR-10-C parameters
// themselves are not monotone in that sense; there the test checks what is true instead:
//   motion_blur 3 → 4: (radius 6, σ 2) vs (8, 2); the extra taps weigh < 1e-7: at one angle the
//          outputs are equal (with random angles either may err more).
//   frost: image weight falls while frost weight rises, but the darkening can cancel the frost's
//          brightening, so MSE is not monotone; the correlation with the clean image falls, except
//          3 → 4 ((0.9, 0.4) → (0.85, 0.4)) where clipping at 255 makes it flat: the original
//          make_cifar_c.py with its photographs gives 0.9917, 0.9794, 0.9642, 0.9639, 0.9475 on
//          the 64 fidelity images (same draws at every severity).
//   glass_blur: severities 1–3 raise σ at one iteration (smoother, so *lower* MSE: less
//          high-frequency energy), 4–5 add a second shuffle (higher MSE than 2 and 3).
//   elastic_transform: the affine jitter shrinks (0.08 → 0.03 of the size) while the elastic
//          field grows; total MSE is lower at 5 than at 1 (in between it wanders), the elastic
//          part alone (no jitter) rises.
//   pixelate: Pillow's BOX phase effects make MSE non-monotone between neighbours; the
//          resolution falls: at most ⌊size·c⌋ distinct columns and rows remain.
//   spatter: 1–3 are water, 4–5 mud; each kind grows.
//   saturate: 1–2 desaturate (more at 2), 3–5 saturate more and more.
// Size scaling: the same scene at 64×64 is corrupted about as strongly as at 32×32 (severity 3;
// observed ratios 0.54–1.42: JPEG's 8×8 blocks and Pillow's box phases do not scale).
import { describe, expect, it } from 'vitest';
import { fashionImages, mse, syntheticRgb } from '../../tools/fixtures/corruptions/images';
import { createRng } from '../base/rng';
import { motionBlurAt } from './blur';
import { editHsv } from './color';
import { drawElasticField, elasticWithField } from './elastic';
import { allCorruptions, applyCorruption, corruptionRng, type CorruptionImage, type CorruptionName } from './index';
import { pixelateFactor } from './params';

const sets: Record<string, CorruptionImage[]> = { grey: fashionImages(6), rgb: [0, 1, 2, 3].map((v) => syntheticRgb(v)) };
const seeds = [11, 22, 33];

/** Mean of `metric(corrupted, clean)` over a set's images and the seeds, for each severity 1–5. */
function bySeverity(name: CorruptionName, images: CorruptionImage[], metric: (out: Uint8Array, image: CorruptionImage) => number): number[] {
  return [1, 2, 3, 4, 5].map((s) => {
    let total = 0;
    let n = 0;
    images.forEach((image, i) => {
      for (const seed of seeds) {
        total += metric(applyCorruption(image, name, s, corruptionRng(seed, name, s, i)), image);
        n++;
      }
    });
    return total / n;
  });
}

const error = (out: Uint8Array, image: CorruptionImage) => mse(out, image.data);

function expectIncreasing(values: number[], label: string): void {
  for (let s = 1; s < values.length; s++) expect(values[s], `${label}: severity ${s + 1} vs ${s} (${values.map((v) => v.toFixed(2)).join(', ')})`).toBeGreaterThan(values[s - 1]);
}

const monotoneByMse: CorruptionName[] = [
  'gaussian_noise', 'shot_noise', 'impulse_noise', 'speckle_noise', 'defocus_blur', 'gaussian_blur', 'zoom_blur',
  'snow', 'fog', 'brightness', 'contrast', 'jpeg_compression',
];

describe.each(Object.keys(sets))('severity ordering on %s images', (setName) => {
  const images = sets[setName];

  it.each(monotoneByMse)('%s: error grows strictly with severity', (name) => {
    expectIncreasing(bySeverity(name, images, error), name);
  });

  it('motion_blur: error grows, except 3 → 4 where the published kernels coincide', () => {
    const e = bySeverity('motion_blur', images, error);
    expectIncreasing([e[0], e[1], e[2], e[4]], 'motion_blur 1,2,3,5');
    expect(e[4]).toBeGreaterThan(e[3]);
    for (const angle of [-40, -12.5, 7, 33]) {
      for (const image of images) expect(motionBlurAt(image, 4, angle)).toEqual(motionBlurAt(image, 3, angle));
    }
  });

  it('frost: with the texture and crop held fixed, the correlation with the clean image falls (3 ≈ 4)', () => {
    // The same draws at every severity (which texture, where): only the weights change. With fresh
    // draws per severity the texture choice dominates (frost2/3 are far brighter than frost1).
    const c = [1, 2, 3, 4, 5].map((s) => {
      let total = 0;
      images.forEach((image, i) => {
        for (const seed of seeds) total += pearson(applyCorruption(image, 'frost', s, createRng(seed * 1000 + i)), image.data);
      });
      return total / (images.length * seeds.length);
    });
    const label = `frost correlation by severity (${c.map((v) => v.toFixed(4)).join(', ')})`;
    expect(c[1], label).toBeLessThan(c[0]);
    expect(c[2], label).toBeLessThan(c[1]);
    expect(Math.abs(c[3] - c[2]), label).toBeLessThan(0.01);
    expect(c[4], label).toBeLessThan(Math.min(c[2], c[3]));
  });

  it('glass_blur: σ smooths severities 1–3; a second shuffle makes 4 and 5 stronger than 2 and 3', () => {
    const roughness = (out: Uint8Array, image: CorruptionImage) => neighbourEnergy(out, image);
    const r = bySeverity('glass_blur', images, roughness);
    expect(r[1]).toBeLessThan(r[0]);
    expect(r[2]).toBeLessThan(r[1]);
    const e = bySeverity('glass_blur', images, error);
    expect(e[3]).toBeGreaterThan(e[1]);
    expect(e[4]).toBeGreaterThan(e[2]);
  });

  it('elastic_transform: the elastic part grows, the (published) affine jitter shrinks', () => {
    const elasticOnly = [1, 2, 3, 4, 5].map((s) => {
      let total = 0;
      images.forEach((image, i) => {
        const field = drawElasticField(image.width, image.height, s, createRng(100 + i));
        total += mse(elasticWithField(image, s, { ...field, jitter: new Float64Array(6) }), image.data);
      });
      return total / images.length;
    });
    expect(elasticOnly[0]).toBe(0); // α = 0 at severity 1
    expectIncreasing(elasticOnly, 'elastic part');
    const total = bySeverity('elastic_transform', images, error);
    expect(total[4]).toBeLessThan(total[0]);
  });

  it('pixelate: at most ⌊size·c⌋ distinct columns and rows remain, and severity 5 errs most', () => {
    for (const image of images) {
      for (let s = 1; s <= 5; s++) {
        const out = applyCorruption(image, 'pixelate', s, createRng(0));
        const { columns, rows } = transitions(out, image);
        expect(columns + 1).toBeLessThanOrEqual(Math.trunc(image.width * pixelateFactor[s - 1]));
        expect(rows + 1).toBeLessThanOrEqual(Math.trunc(image.height * pixelateFactor[s - 1]));
      }
    }
    const e = bySeverity('pixelate', images, error);
    expect(Math.max(...e)).toBe(e[4]);
  });

  it('spatter: water (1–3) and mud (4–5) each grow with severity', () => {
    const e = bySeverity('spatter', images, error);
    expectIncreasing(e.slice(0, 3), 'water');
    expectIncreasing(e.slice(3), 'mud');
  });
});

describe('saturate (RGB)', () => {
  it('desaturates at 1 and more at 2, then saturates more and more at 3, 4, 5', () => {
    const images = sets.rgb;
    const clean = images.reduce((sum, image) => sum + meanSaturation(image.data), 0) / images.length;
    const s = bySeverity('saturate', images, (out) => meanSaturation(out));
    expect(s[1]).toBeLessThan(s[0]);
    expect(s[0]).toBeLessThan(clean);
    expectIncreasing([clean, s[2], s[3], s[4]], 'saturation');
  });
});

function pearson(a: Uint8Array, b: Uint8Array): number {
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= a.length;
  mb /= b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Mean squared difference between horizontally adjacent values (high-frequency energy). */
function neighbourEnergy(data: Uint8Array, image: CorruptionImage): number {
  const { width, height, channels } = image;
  let sum = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 1; x < width; x++) {
      for (let c = 0; c < channels; c++) sum += (data[(y * width + x) * channels + c] - data[(y * width + x - 1) * channels + c]) ** 2;
    }
  }
  return sum / (height * (width - 1) * channels);
}

/** How many columns differ from the column to their left, and rows from the row above. */
function transitions(data: Uint8Array, image: CorruptionImage): { columns: number; rows: number } {
  const { width, height, channels } = image;
  const at = (y: number, x: number, c: number) => data[(y * width + x) * channels + c];
  let columns = 0;
  for (let x = 1; x < width; x++) {
    let same = true;
    for (let y = 0; y < height && same; y++) for (let c = 0; c < channels; c++) if (at(y, x, c) !== at(y, x - 1, c)) same = false;
    if (!same) columns++;
  }
  let rows = 0;
  for (let y = 1; y < height; y++) {
    let same = true;
    for (let x = 0; x < width && same; x++) for (let c = 0; c < channels; c++) if (at(y, x, c) !== at(y - 1, x, c)) same = false;
    if (!same) rows++;
  }
  return { columns, rows };
}

function meanSaturation(data: Uint8Array): number {
  const unit = Float64Array.from(data, (v) => v / 255);
  let total = 0;
  editHsv(unit, (hsv) => {
    total += hsv[1];
  });
  return total / (data.length / 3);
}

describe('size scaling', () => {
  it.each(allCorruptions)('%s: severity 3 at 64×64 errs within 0.4–2.5× of 32×32 on the same scene', (name) => {
    const meanError = (size: number) => {
      const images = [0, 1, 2].map((v) => syntheticRgb(v, size));
      return bySeverity(name, images, error)[2];
    };
    const ratio = meanError(64) / meanError(32);
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(2.5);
  });
});
