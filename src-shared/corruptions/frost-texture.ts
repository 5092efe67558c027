// Frost textures. The reference blends a random 32×32 crop of one of five frost photographs
// (frost1–5, shrunk by cv2.resize(fx=fy=0.2)); we may not ship them, so by default each is
// replaced by a procedural texture with the photograph's statistics (frost-photo-stats.ts): same
// size after the resize, a Gaussian field with the photograph's radial power spectrum, mapped
// rank by rank onto each channel's 64 quantiles (so per-channel mean, std and histogram match),
// its high frequencies tilted so the fine-detail power matches too (see `synthesize`).
// Users who have the photographs can pass them instead (`frostTexturesFromPhotos`), used exactly
// as the reference does. Procedural textures are built once per (index, scale) and cached.
import { createRng, deriveSeed } from '../base/rng';
import { fft2d } from './fft';
import { nextPowerOfTwo } from './fractal';
import { frostPhotoStats, type FrostPhotoStats } from './frost-photo-stats';

/** The reference draws np.random.randint(5): frost1 … frost5 (frost6 is never used). */
export const FROST_TEXTURES = frostPhotoStats.length;
/** The reference's cv2.resize factor for CIFAR (32×32); scaled by size / 32 for other sizes. */
export const FROST_RESIZE = 0.2;

export interface FrostTexture {
  width: number;
  height: number;
  /** RGB, height×width×3, values 0…255. */
  rgb: Float64Array;
  /** Luma of rgb (0.299 R + 0.587 G + 0.114 B), height×width, for grey images. */
  gray: Float64Array;
}

const cache = new Map<string, FrostTexture>();

export function frostTexture(index: number, scale: number): FrostTexture {
  const key = `${index}:${scale}`;
  let texture = cache.get(key);
  if (!texture) {
    texture = synthesize(frostPhotoStats[index], scale, deriveSeed(0x0f2057, 'frost-spectral', index));
    if (cache.size > 64) cache.clear();
    cache.set(key, texture);
  }
  return texture;
}

/** Log-log interpolation of the photograph's radial power spectrum (clamped at both ends). */
function powerAt(stats: FrostPhotoStats, f: number): number {
  const { frequencies: fs, power } = stats;
  if (f <= fs[0]) return power[0];
  if (f >= fs[fs.length - 1]) return power[power.length - 1];
  let k = 1;
  while (fs[k] < f) k++;
  const t = Math.log(f / fs[k - 1]) / Math.log(fs[k] / fs[k - 1]);
  return Math.exp(Math.log(power[k - 1]) * (1 - t) + Math.log(power[k]) * t);
}

function withLuma(width: number, height: number, rgb: Float64Array): FrostTexture {
  const gray = new Float64Array(width * height);
  for (let p = 0; p < gray.length; p++) gray[p] = 0.299 * rgb[3 * p] + 0.587 * rgb[3 * p + 1] + 0.114 * rgb[3 * p + 2];
  return { width, height, rgb, gray };
}

/** Mean squared 4-neighbour Laplacian over interior pixels and the three channels. */
function laplacianPower(rgb: Float64Array, width: number, height: number): number {
  let sum = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      for (let c = 0; c < 3; c++) {
        const at = (yy: number, xx: number) => rgb[(yy * width + xx) * 3 + c];
        const lap = 4 * at(y, x) - at(y - 1, x) - at(y + 1, x) - at(y, x - 1) - at(y, x + 1);
        sum += lap * lap;
      }
    }
  }
  return sum / (3 * (width - 2) * (height - 2));
}

/**
 * The photograph's spectrum times a tilt (f / 0.05)^γ, with γ found by bisection so that the
 * texture's Laplacian power matches the photograph's (at scale 1; other scales reuse that γ).
 * The rank mapping onto the photograph's sparse, skewed histograms adds fine detail the
 * Gaussian field lacks; the tilt takes it back out.
 */
function synthesize(stats: FrostPhotoStats, scale: number, seed: number): FrostTexture {
  let gamma = tiltCache.get(stats.file);
  if (gamma === undefined) {
    gamma = calibrateTilt(spectralBuilder(stats, 1, seed), stats.hfPower);
    tiltCache.set(stats.file, gamma);
  }
  const builder = spectralBuilder(stats, scale, seed);
  return withLuma(builder.width, builder.height, builder.build(gamma));
}

const tiltCache = new Map<string, number>();

interface Builder { width: number; height: number; build: (gamma: number) => Float64Array }

function spectralBuilder(stats: FrostPhotoStats, scale: number, seed: number): Builder {
  const height = Math.max(8, Math.round(stats.height * scale));
  const width = Math.max(8, Math.round(stats.width * scale));
  const n = nextPowerOfTwo(Math.max(width, height));
  const rng = createRng(seed);
  const noiseRe = Float64Array.from({ length: n * n }, () => rng.normal());
  const noiseIm = Float64Array.from({ length: n * n }, () => rng.normal());
  // Per coefficient: the photograph's amplitude √P(f) and log(f / 0.05) for the tilt.
  const amplitude = new Float64Array(n * n);
  const logF = new Float64Array(n * n);
  for (let ky = 0; ky < n; ky++) {
    const fy = (ky <= n / 2 ? ky : ky - n) / n;
    for (let kx = 0; kx < n; kx++) {
      const fx = (kx <= n / 2 ? kx : kx - n) / n;
      // A feature λ px wide in the photograph is λ·scale px wide here: compare at f·scale.
      const f = Math.hypot(fx, fy) * scale;
      amplitude[ky * n + kx] = f === 0 ? 0 : Math.sqrt(powerAt(stats, f));
      logF[ky * n + kx] = f === 0 ? 0 : Math.log(f / 0.05);
    }
  }
  const build = (gamma: number): Float64Array => {
    const re = new Float64Array(n * n);
    const im = new Float64Array(n * n);
    for (let k = 0; k < n * n; k++) {
      const a = amplitude[k] * Math.exp(gamma * logF[k]);
      re[k] = a * noiseRe[k];
      im[k] = a * noiseIm[k];
    }
    fft2d(re, im, n, true);
    // The real part of a complex Gaussian spectrum is a real Gaussian field with that spectrum.
    const field = new Float64Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) field[y * width + x] = re[y * n + x];
    return mapToQuantiles(field, stats.quantiles);
  };
  return { width, height, build };
}

/** Bisection on γ: the Laplacian power grows with γ. */
function calibrateTilt({ build, width, height }: Builder, target: number): number {
  let low = -2;
  let high = 1;
  for (let i = 0; i < 10; i++) {
    const mid = (low + high) / 2;
    if (laplacianPower(build(mid), width, height) > target) high = mid;
    else low = mid;
  }
  return (low + high) / 2;
}

/**
 * Each value's rank r (of n) mapped onto the channel's quantiles, stored at the probabilities
 * (k + ½)/K: linear between them, flat beyond the first and last.
 */
function mapToQuantiles(field: Float64Array, quantiles: number[][]): Float64Array {
  const count = field.length;
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => field[a] - field[b]);
  const rgb = new Float64Array(count * 3);
  const levels = quantiles[0].length;
  order.forEach((pixel, rank) => {
    const q = Math.min(levels - 1, Math.max(0, ((rank + 0.5) / count) * levels - 0.5));
    const k = Math.min(levels - 2, Math.floor(q));
    const t = q - k;
    for (let c = 0; c < 3; c++) rgb[3 * pixel + c] = quantiles[c][k] * (1 - t) + quantiles[c][k + 1] * t;
  });
  return rgb;
}

/**
 * cv2.resize(src, (0, 0), fx=f, fy=f) with INTER_LINEAR on uint8 RGB: output round(size·f),
 * source coordinate (d + 0.5)/f − 0.5, 11-bit fixed-point weights, (Σ + 2²¹) >> 22. At the
 * reference's f = 0.2 every weight is 1 (pixel 5d + 2) and the result is exact; at other factors
 * OpenCV's SIMD rounding can differ by one level.
 */
export function opencvResizeLinear(rgb: Uint8Array, width: number, height: number, factor: number): { data: Uint8Array; width: number; height: number } {
  const w = Math.max(1, Math.round(width * factor));
  const h = Math.max(1, Math.round(height * factor));
  const taps = (d: number, size: number): [number, number] => {
    let f = Math.fround((d + 0.5) / factor - 0.5);
    let s = Math.floor(f);
    f -= s;
    if (s < 0) { f = 0; s = 0; }
    if (s >= size - 1) { f = 0; s = size - 1; }
    return [s, Math.round((1 - f) * 2048)];
  };
  const xs = Array.from({ length: w }, (_, d) => taps(d, width));
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const [sy, by] = taps(y, height);
    const sy1 = Math.min(height - 1, sy + 1);
    for (let x = 0; x < w; x++) {
      const [sx, ax] = xs[x];
      const sx1 = Math.min(width - 1, sx + 1);
      for (let c = 0; c < 3; c++) {
        const row = (yy: number) => ax * rgb[(yy * width + sx) * 3 + c] + (2048 - ax) * rgb[(yy * width + sx1) * 3 + c];
        out[(y * w + x) * 3 + c] = Math.min(255, (by * row(sy) + (2048 - by) * row(sy1) + (1 << 21)) >> 22);
      }
    }
  }
  return { data: out, width: w, height: h };
}

/** User-supplied frost photographs (decoded RGB), shrunk as the reference does for this scale. */
export function frostTexturesFromPhotos(photos: { data: Uint8Array; width: number; height: number }[], scale: number): FrostTexture[] {
  return photos.map((photo) => {
    const small = opencvResizeLinear(photo.data, photo.width, photo.height, FROST_RESIZE * scale);
    return withLuma(small.width, small.height, Float64Array.from(small.data));
  });
}
