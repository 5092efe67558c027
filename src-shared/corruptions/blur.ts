// Blur family: gaussian, glass, defocus, motion, zoom. Radii and sigmas scale with size / 32.
import type { Rng } from '../base/rng';
import { correlate2d, gaussianFilter } from './filters';
import { fromUnit, sizeScale, toUnit, uniform, type CorruptionImage } from './image';
import { motionBlur as imageMagickMotionBlur, motionKernel } from './motion';
import * as P from './params';
import { addClippedZoom } from './resample';

export function gaussianBlur(image: CorruptionImage, severity: number): Uint8Array {
  const sigma = P.gaussianBlurSigma[severity - 1] * sizeScale(image.width, image.height);
  return fromUnit(gaussianFilter(toUnit(image), sigma).data);
}

/**
 * Blur, then move each pixel's random neighbour (up to δ−1 … −δ away) into it, then blur again.
 *
 * The reference's "swap", `x[h, w], x[h', w'] = x[h', w'], x[h, w]`, runs on an H×W×3 NumPy
 * array where `x[h, w]` is a view: the first assignment copies the neighbour's pixel into (h, w)
 * and the second writes that same (already overwritten) pixel back, so the neighbour keeps its
 * value. CIFAR-10-C and ImageNet-C were made that way, so we copy rather than swap. Grey images
 * get the same copy: it is what the reference does to the grey image replicated to RGB (as every
 * CIFAR-10-C input is); a 2-D NumPy array would swap instead, a path the reference never takes.
 */
export function glassBlur(image: CorruptionImage, severity: number, rng: Rng): Uint8Array {
  const [sigma0, delta0, iterations] = P.glassBlur[severity - 1];
  const { width, height, channels } = image;
  const scale = sizeScale(width, height);
  const sigma = sigma0 * scale;
  const delta = Math.max(1, Math.round(delta0 * scale));
  // The reference rounds to uint8 between the blur and the shuffle.
  const x = fromUnit(gaussianFilter(toUnit(image), sigma).data);
  for (let it = 0; it < iterations; it++) {
    for (let h = height - delta; h > delta; h--) {
      for (let w = width - delta; w > delta; w--) {
        // numpy.random.randint(-δ, δ, size=(2,)) gives dx, then dy; the upper bound is exclusive.
        const dx = rng.int(2 * delta) - delta;
        const dy = rng.int(2 * delta) - delta;
        const a = (h * width + w) * channels;
        const b = ((h + dy) * width + (w + dx)) * channels;
        for (let c = 0; c < channels; c++) x[a + c] = x[b + c];
      }
    }
  }
  return fromUnit(gaussianFilter(toUnit({ ...image, data: x }), sigma).data);
}

/**
 * Hendrycks' `disk`: an aliased disk of the given radius on a 17×17 grid (wider for radius > 8),
 * normalised, smoothed by OpenCV's GaussianBlur (3×3, or 5×5 for big radii), cropped to its support.
 * Like the reference's, the kernel is float32 at every step (disk, 1/sum, Gaussian taps, each
 * separable pass rounded to float32): its weights then sum to 1 + 1e-9…5e-8 rather than 1 ± 1e-16,
 * which keeps flat areas at their grey level after the final truncation instead of one below.
 */
export function defocusKernel(radius: number, aliasSigma: number): { kernel: Float64Array; size: number } {
  const half = radius <= 8 ? 8 : Math.ceil(radius);
  const ksize = radius <= 8 ? 3 : 5;
  const n = 2 * half + 1;
  const disk = new Float64Array(n * n);
  let total = 0;
  for (let y = -half; y <= half; y++) {
    for (let x = -half; x <= half; x++) {
      if (x * x + y * y <= radius * radius) {
        disk[(y + half) * n + x + half] = 1;
        total++;
      }
    }
  }
  const f32 = Math.fround;
  const share = f32(1 / total);
  for (let i = 0; i < disk.length; i++) disk[i] = disk[i] === 0 ? 0 : share;
  // cv2.getGaussianKernel: exp(−0.5/σ² · x²), scaled by 1 / sum.
  const g = new Float64Array(ksize);
  const scale2x = -0.5 / (aliasSigma * aliasSigma);
  let gs = 0;
  for (let i = 0; i < ksize; i++) {
    const d = i - (ksize - 1) * 0.5;
    g[i] = Math.exp(scale2x * d * d);
    gs += g[i];
  }
  const inverse = 1 / gs;
  for (let i = 0; i < ksize; i++) g[i] = f32(g[i] * inverse);
  const flat = { data: disk, width: n, height: n, channels: 1 };
  const rows = correlate2d(flat, g, ksize, 1, 'mirror');
  rows.data = rows.data.map(f32);
  const smooth = correlate2d(rows, g, 1, ksize, 'mirror').data.map(f32);
  // Crop to the smallest centred square holding every weight that matters.
  let reach = 0;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (smooth[y * n + x] > 1e-12) reach = Math.max(reach, Math.abs(y - half), Math.abs(x - half));
    }
  }
  const size = 2 * reach + 1;
  const kernel = new Float64Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) kernel[y * size + x] = smooth[(y + half - reach) * n + x + half - reach];
  }
  return { kernel, size };
}

/**
 * The defocus kernel for an image `scale` times CIFAR's size. Upscaled: the disk is rasterised at
 * radius·scale. Downscaled: rasterising a radius below 1 would drop the ring of neighbours at
 * once (a 28×28 image would get no blur at severity 4), so the 32×32 kernel's taps are moved to
 * scale·offset and split bilinearly over the grid instead; the blur's spread shrinks smoothly.
 */
export function scaledDefocusKernel(radius: number, aliasSigma: number, scale: number): { kernel: Float64Array; size: number } {
  if (scale >= 1) return defocusKernel(radius * scale, aliasSigma * scale);
  const base = defocusKernel(radius, aliasSigma);
  const half = (base.size - 1) / 2;
  const reach = Math.ceil(half * scale);
  const size = 2 * reach + 1;
  const kernel = new Float64Array(size * size);
  for (let y = 0; y < base.size; y++) {
    for (let x = 0; x < base.size; x++) {
      const w = base.kernel[y * base.size + x];
      const py = (y - half) * scale + reach;
      const px = (x - half) * scale + reach;
      const y0 = Math.floor(py);
      const x0 = Math.floor(px);
      const ty = py - y0;
      const tx = px - x0;
      const add = (yy: number, xx: number, v: number) => {
        if (v !== 0) kernel[yy * size + xx] += v;
      };
      add(y0, x0, w * (1 - ty) * (1 - tx));
      add(y0, x0 + 1, w * (1 - ty) * tx);
      add(y0 + 1, x0, w * ty * (1 - tx));
      add(y0 + 1, x0 + 1, w * ty * tx);
    }
  }
  return { kernel, size };
}

export function defocusBlur(image: CorruptionImage, severity: number): Uint8Array {
  const [radius, alias] = P.defocusBlur[severity - 1];
  const { kernel, size } = scaledDefocusKernel(radius, alias, sizeScale(image.width, image.height));
  // cv2.filter2D's default border is BORDER_REFLECT_101 (SciPy 'mirror').
  return fromUnit(correlate2d(toUnit(image), kernel, size, size, 'mirror').data);
}

/** ImageMagick motion blur along a random angle in [−45°, 45°). */
export function motionBlur(image: CorruptionImage, severity: number, rng: Rng): Uint8Array {
  const angle = uniform(rng, -45, 45);
  return motionBlurAt(image, severity, angle);
}

/** Motion blur at a given angle (degrees): deterministic, for tests and fixtures. */
export function motionBlurAt(image: CorruptionImage, severity: number, angleDegrees: number): Uint8Array {
  const [radius, sigma] = P.motionBlur[severity - 1];
  const scale = sizeScale(image.width, image.height);
  const kernel = motionKernel(radius * scale, sigma * scale, angleDegrees);
  return imageMagickMotionBlur(image.data, image.width, image.height, image.channels, kernel);
}

/** numpy.arange(1, zmax, 0.01) to the last bit: NumPy fills start + k·((start + step) − start). */
export function zoomFactors(zmax: number): number[] {
  const count = Math.ceil((zmax - 1) / 0.01);
  const delta = 1 + 0.01 - 1;
  return Array.from({ length: count }, (_, k) => 1 + k * delta);
}

/** Mean of the image and its centre zooms (float32 throughout, as the reference). */
export function zoomBlur(image: CorruptionImage, severity: number): Uint8Array {
  const zooms = zoomFactors(P.zoomBlurMax[severity - 1]);
  const unit = toUnit(image);
  for (let i = 0; i < unit.data.length; i++) unit.data[i] = Math.fround(unit.data[i]);
  const sum = new Float32Array(unit.data.length);
  for (const z of zooms) addClippedZoom(unit, z, sum);
  const out = new Float32Array(sum.length);
  const divisor = zooms.length + 1;
  for (let i = 0; i < out.length; i++) out[i] = Math.fround(unit.data[i] + sum[i]) / divisor;
  return fromUnit(out, true);
}
