// The corruption engine: CIFAR-10-C's 15 benchmark + 4 extra corruptions at severities 1–5,
// seeded, for any image size (parameters scale with size / 32) and for grey or RGB images.
// `applyCorruption` is pure apart from its Rng (and a cache of procedural frost textures).
import { PruneLensError } from '../base/errors';
import { allCorruptions, benchmarkCorruptions, type CorruptionName } from '../bundle/manifest';
import { createRng, deriveSeed, type Rng } from '../base/rng';
import { defocusBlur, gaussianBlur, glassBlur, motionBlur, zoomBlur } from './blur';
import { contrast, jpegCompression, pixelate, saturate } from './digital';
import { elasticTransform } from './elastic';
import type { FrostTexture } from './frost-texture';
import type { CorruptionImage } from './image';
import { gaussianNoise, impulseNoise, shotNoise, speckleNoise } from './noise';
import { spatter } from './spatter';
import { brightness, fog, frost, snow } from './weather';

export type { CorruptionName } from '../bundle/manifest';
export type { CorruptionImage } from './image';
export { frostTexturesFromPhotos, type FrostTexture } from './frost-texture';
export { allCorruptions, benchmarkCorruptions, extraCorruptions } from '../bundle/manifest';

export type CorruptionFamily = 'noise' | 'blur' | 'weather' | 'digital';

export interface CorruptionInfo {
  name: CorruptionName;
  family: CorruptionFamily;
  /** One of the 15 CIFAR-10-C benchmark corruptions (the other 4 are Hendrycks' extras). */
  benchmark: boolean;
  /** Uses the Rng (same seed → same output; different seeds → different outputs). */
  stochastic: boolean;
}

/** Settings that change how a corruption is drawn (none change its parameters). */
export interface CorruptionOptions {
  /**
   * Frost textures made from user-supplied photographs (`frostTexturesFromPhotos`, e.g. the
   * reference's frost1–5): used instead of the procedural stand-ins, exactly as the reference does.
   */
  frostPhotos?: readonly FrostTexture[];
}

type Apply = (image: CorruptionImage, severity: number, rng: Rng, options: CorruptionOptions) => Uint8Array;

const table: Record<CorruptionName, { family: CorruptionFamily; stochastic: boolean; apply: Apply }> = {
  gaussian_noise: { family: 'noise', stochastic: true, apply: gaussianNoise },
  shot_noise: { family: 'noise', stochastic: true, apply: shotNoise },
  impulse_noise: { family: 'noise', stochastic: true, apply: impulseNoise },
  speckle_noise: { family: 'noise', stochastic: true, apply: speckleNoise },
  defocus_blur: { family: 'blur', stochastic: false, apply: defocusBlur },
  glass_blur: { family: 'blur', stochastic: true, apply: glassBlur },
  motion_blur: { family: 'blur', stochastic: true, apply: motionBlur },
  zoom_blur: { family: 'blur', stochastic: false, apply: zoomBlur },
  gaussian_blur: { family: 'blur', stochastic: false, apply: gaussianBlur },
  snow: { family: 'weather', stochastic: true, apply: snow },
  frost: { family: 'weather', stochastic: true, apply: (image, severity, rng, options) => frost(image, severity, rng, options.frostPhotos) },
  fog: { family: 'weather', stochastic: true, apply: fog },
  spatter: { family: 'weather', stochastic: true, apply: spatter },
  brightness: { family: 'weather', stochastic: false, apply: brightness },
  contrast: { family: 'digital', stochastic: false, apply: contrast },
  elastic_transform: { family: 'digital', stochastic: true, apply: elasticTransform },
  pixelate: { family: 'digital', stochastic: false, apply: pixelate },
  jpeg_compression: { family: 'digital', stochastic: false, apply: jpegCompression },
  saturate: { family: 'digital', stochastic: false, apply: saturate },
};

const benchmarkSet = new Set<string>(benchmarkCorruptions);

export const corruptionInfo: Record<CorruptionName, CorruptionInfo> = Object.fromEntries(
  allCorruptions.map((name) => [name, {
    name,
    family: table[name].family,
    benchmark: benchmarkSet.has(name),
    stochastic: table[name].stochastic,
  }]),
) as Record<CorruptionName, CorruptionInfo>;

export function isCorruptionName(name: string): name is CorruptionName {
  return Object.prototype.hasOwnProperty.call(table, name);
}

function validate(image: CorruptionImage, name: string, severity: number): void {
  if (!isCorruptionName(name)) {
    throw new PruneLensError('bad-request', `unknown corruption '${name}' (expected one of ${allCorruptions.join(', ')}).`);
  }
  if (!Number.isInteger(severity) || severity < 1 || severity > 5) {
    throw new PruneLensError('bad-request', `severity must be an integer from 1 to 5 (got ${severity}).`);
  }
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new PruneLensError('bad-request', `image size must be positive integers (got ${width}×${height}).`);
  }
  if (channels !== 1 && channels !== 3) throw new PruneLensError('bad-request', `images must have 1 or 3 channels (got ${channels}).`);
  if (data.length !== width * height * channels) {
    throw new PruneLensError('bad-request', `image data has ${data.length} bytes, expected ${height}×${width}×${channels} = ${width * height * channels}.`);
  }
}

/**
 * Corrupts one H×W×C uint8 image (interleaved channels) and returns a new array of the same
 * shape. Deterministic for a given Rng state; the input is not modified.
 */
export function applyCorruption(image: CorruptionImage, name: CorruptionName, severity: number, rng: Rng, options: CorruptionOptions = {}): Uint8Array {
  validate(image, name, severity);
  return table[name].apply(image, severity, rng, options);
}

/**
 * The Rng for image `index` of a set corrupted with (name, severity) under a run seed: every
 * image gets its own stream, so results do not depend on batching, order or worker count.
 */
/** Bump when any corruption's output changes: cached corrupted-set results are keyed by it. */
export const CORRUPTION_ENGINE_VERSION = 2;

export function corruptionSeed(seed: number, name: CorruptionName | string, severity: number, index: number): number {
  return deriveSeed(seed, 'corruption', name, severity, index);
}

export function corruptionRng(seed: number, name: CorruptionName, severity: number, index: number): Rng {
  return createRng(corruptionSeed(seed, name, severity, index));
}
