// Statistics of the noise corruptions on flat grey images (large enough for tight bounds):
// gaussian adds N(0, c), speckle N(0, c·x), shot noise has variance x / c and mean x,
// impulse flips a fraction `amount` of values, half to white, half to black.
// Outputs are truncated to uint8 as the reference truncates, which shifts means by −0.5/255.
import { describe, expect, it } from 'vitest';
import { createRng } from '../base/rng';
import { applyCorruption, type CorruptionName } from './index';
import { gaussianNoiseScale, impulseAmount, shotNoiseRate, speckleScale } from './params';

const SIZE = 96; // 96×96×3 = 27 648 values per image

function flat(level: number) {
  return { data: new Uint8Array(SIZE * SIZE * 3).fill(level), width: SIZE, height: SIZE, channels: 3 as const };
}

/** Mean and standard deviation of (corrupted − clean) / 255 for a flat image. */
function addedNoise(name: CorruptionName, severity: number, level: number, seed: number) {
  const image = flat(level);
  const out = applyCorruption(image, name, severity, createRng(seed));
  let sum = 0;
  let sq = 0;
  for (const v of out) {
    const d = (v - level) / 255;
    sum += d;
    sq += d * d;
  }
  const mean = sum / out.length;
  return { mean, std: Math.sqrt(sq / out.length - mean * mean), n: out.length, out };
}

const TRUNCATION = -0.5 / 255;

describe('noise statistics', () => {
  it.each([1, 2, 3, 4, 5])('gaussian_noise severity %i adds N(0, c)', (severity) => {
    const c = gaussianNoiseScale[severity - 1];
    const { mean, std, n } = addedNoise('gaussian_noise', severity, 128, severity);
    expect(Math.abs(mean - TRUNCATION)).toBeLessThan((4 * c) / Math.sqrt(n));
    expect(std / c).toBeGreaterThan(0.97);
    expect(std / c).toBeLessThan(1.03);
  });

  it.each([1, 3, 5])('speckle_noise severity %i adds N(0, c·x): proportional to brightness', (severity) => {
    const c = speckleScale[severity - 1];
    for (const level of [64, 160]) {
      const x = level / 255;
      const { mean, std, n } = addedNoise('speckle_noise', severity, level, 10 + severity);
      expect(Math.abs(mean - TRUNCATION)).toBeLessThan((4 * c * x) / Math.sqrt(n) + 1e-4);
      expect(std / (c * x)).toBeGreaterThan(0.96);
      expect(std / (c * x)).toBeLessThan(1.04);
    }
    expect(addedNoise('speckle_noise', severity, 0, 1).std).toBe(0);
  });

  it.each([1, 3, 5])('shot_noise severity %i: Poisson with mean x and variance x / c', (severity) => {
    const c = shotNoiseRate[severity - 1];
    for (const level of [51, 128]) {
      const x = level / 255;
      const { mean, std, n } = addedNoise('shot_noise', severity, level, 20 + severity);
      const expectedStd = Math.sqrt(x / c);
      expect(Math.abs(mean - TRUNCATION)).toBeLessThan((4 * expectedStd) / Math.sqrt(n) + 1e-4);
      expect(std ** 2 / (x / c)).toBeGreaterThan(0.94);
      expect(std ** 2 / (x / c)).toBeLessThan(1.06);
    }
    // No photons, no noise: black stays black.
    expect(addedNoise('shot_noise', severity, 0, 1).out.every((v) => v === 0)).toBe(true);
  });

  it.each([1, 2, 3, 4, 5])('impulse_noise severity %i flips a fraction `amount`, half salt, half pepper', (severity) => {
    const amount = impulseAmount[severity - 1];
    const { out } = addedNoise('impulse_noise', severity, 100, 30 + severity);
    const salt = out.filter((v) => v === 255).length;
    const pepper = out.filter((v) => v === 0).length;
    const untouched = out.filter((v) => v === 100).length;
    expect(salt + pepper + untouched).toBe(out.length);
    const n = out.length;
    const sigma = Math.sqrt(n * amount * (1 - amount));
    expect(Math.abs(salt + pepper - n * amount)).toBeLessThan(4 * sigma);
    expect(Math.abs(salt - pepper)).toBeLessThan(4 * Math.sqrt(n * amount));
  });

  it('noise is independent per channel (colour noise, as in the reference)', () => {
    const { out } = addedNoise('gaussian_noise', 5, 128, 99);
    let sameAcrossChannels = 0;
    for (let p = 0; p < out.length; p += 3) if (out[p] === out[p + 1] && out[p] === out[p + 2]) sameAcrossChannels++;
    expect(sameAcrossChannels / (out.length / 3)).toBeLessThan(0.05);
  });
});
