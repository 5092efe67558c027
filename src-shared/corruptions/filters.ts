// Linear filters on interleaved H×W×C float images, with SciPy's boundary modes:
//   nearest  a a a | a b c d | d d d   (scipy 'nearest', skimage.filters.gaussian's default)
//   reflect  c b a | a b c d | d c b   (scipy 'reflect', half-sample symmetric)
//   mirror   d c b | a b c d | c b a   (scipy 'mirror' = OpenCV BORDER_REFLECT_101)
// Index tables are built once per call so the inner loops only read typed arrays.
import type { FloatImage } from './image';

export type BorderMode = 'nearest' | 'reflect' | 'mirror';

/** Maps an out-of-range index onto 0..n-1. */
export function borderIndex(i: number, n: number, mode: BorderMode): number {
  if (i >= 0 && i < n) return i;
  if (n === 1) return 0;
  if (mode === 'nearest') return i < 0 ? 0 : n - 1;
  if (mode === 'reflect') {
    const period = 2 * n;
    let j = ((i % period) + period) % period;
    if (j >= n) j = period - 1 - j;
    return j;
  }
  const period = 2 * n - 2;
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - j;
  return j;
}

/** `table[x * taps + k]` = source index for output x, tap k (offset k - radius). */
function indexTable(n: number, radius: number, mode: BorderMode): Int32Array {
  const taps = 2 * radius + 1;
  const table = new Int32Array(n * taps);
  for (let x = 0; x < n; x++) {
    for (let k = 0; k < taps; k++) table[x * taps + k] = borderIndex(x + k - radius, n, mode);
  }
  return table;
}

/** NumPy's float64 sum of a contiguous array (pairwise, 8 partial sums per block of ≤ 128). */
export function numpySum(a: ArrayLike<number>, start = 0, n = a.length): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= 128) {
    const r = [a[start], a[start + 1], a[start + 2], a[start + 3], a[start + 4], a[start + 5], a[start + 6], a[start + 7]];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[start + i + j];
    let res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return numpySum(a, start, half) + numpySum(a, start + half, n - half);
}

/** SciPy's 1-D Gaussian: radius = int(truncate·σ + 0.5), weights exp(−x²/2σ²) normalised (same rounding as SciPy). */
export function gaussianKernel1d(sigma: number, truncate = 4): Float64Array {
  const radius = Math.trunc(truncate * sigma + 0.5);
  const kernel = new Float64Array(2 * radius + 1);
  const factor = -0.5 / (sigma * sigma);
  for (let i = -radius; i <= radius; i++) kernel[i + radius] = Math.exp(factor * (i * i));
  const sum = numpySum(kernel);
  for (let i = 0; i < kernel.length; i++) kernel[i] /= sum;
  return kernel;
}

/** Correlates every channel along one axis (1 = along rows/x, 0 = along columns/y). Odd kernels. */
export function correlate1d(image: FloatImage, kernel: Float64Array, axis: 0 | 1, mode: BorderMode): FloatImage {
  const { data, width, height, channels } = image;
  const out = new Float64Array(data.length);
  const taps = kernel.length;
  const radius = (taps - 1) >> 1;
  let symmetric = true;
  for (let k = 0; k < radius; k++) if (kernel[k] !== kernel[taps - 1 - k]) symmetric = false;
  // Source offsets of each output's taps, as (index table entry) · step + base.
  const along = axis === 1 ? width : height;
  const table = indexTable(along, radius, mode);
  const step = axis === 1 ? channels : width * channels;
  const lines = axis === 1 ? height : width * channels;
  for (let l = 0; l < lines; l++) {
    // axis 1: line l is row l (base = row start, channel added below); axis 0: column/channel l.
    const base = axis === 1 ? l * width * channels : l;
    const channelCount = axis === 1 ? channels : 1;
    for (let c = 0; c < channelCount; c++) {
      const b = base + c;
      for (let p = 0; p < along; p++) {
        const t = p * taps;
        let sum: number;
        if (symmetric) {
          // SciPy's NI_Correlate1D: centre·w₀, then (left + right)·w, outermost pair first.
          sum = data[b + table[t + radius] * step] * kernel[radius];
          for (let k = 0; k < radius; k++) sum += (data[b + table[t + k] * step] + data[b + table[t + taps - 1 - k] * step]) * kernel[k];
        } else {
          sum = data[b + table[t + taps - 1] * step] * kernel[taps - 1];
          for (let k = 0; k < taps - 1; k++) sum += data[b + table[t + k] * step] * kernel[k];
        }
        out[b + p * step] = sum;
      }
    }
  }
  return { data: out, width, height, channels };
}

/**
 * skimage.filters.gaussian / scipy.ndimage.gaussian_filter over the two spatial axes (channels are
 * not mixed). σ ≤ 1e-15 leaves the image as it is, as SciPy does.
 */
export function gaussianFilter(image: FloatImage, sigma: number, mode: BorderMode = 'nearest', truncate = 4): FloatImage {
  if (!(sigma > 1e-15)) return { ...image, data: image.data.slice() };
  const kernel = gaussianKernel1d(sigma, truncate);
  // SciPy filters the first axis (rows, y) first, then x; the order only matters in the last bits.
  return correlate1d(correlate1d(image, kernel, 0, mode), kernel, 1, mode);
}

/** 2-D correlation with a small odd kernel (kw×kh, row-major), anchored at its centre. */
export function correlate2d(image: FloatImage, kernel: Float64Array, kw: number, kh: number, mode: BorderMode): FloatImage {
  const { data, width, height, channels } = image;
  const out = new Float64Array(data.length);
  const rx = (kw - 1) >> 1;
  const ry = (kh - 1) >> 1;
  const xs = indexTable(width, rx, mode);
  const ys = indexTable(height, ry, mode);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let j = 0; j < kh; j++) {
          const row = ys[y * kh + j] * width;
          for (let i = 0; i < kw; i++) {
            const w = kernel[j * kw + i];
            if (w !== 0) sum += w * data[(row + xs[x * kw + i]) * channels + c];
          }
        }
        out[(y * width + x) * channels + c] = sum;
      }
    }
  }
  return { data: out, width, height, channels };
}
