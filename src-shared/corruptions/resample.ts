// Resampling: bilinear lookups (scipy map_coordinates order=1), scipy.ndimage.zoom order=1,
// Hendrycks' clipped_zoom, and Pillow's BOX resize (bit-exact, fixed point as Pillow does it).
import { borderIndex, type BorderMode } from './filters';
import { roundHalfEven, type FloatImage } from './image';

/**
 * Bilinear sample at (row y, column x) of every channel, written to out[at…at+C): outside points
 * through the border mode. Summed as SciPy's map_coordinates does (value·w_y·w_x, corners in C order).
 */
export function sampleBilinear(image: FloatImage, y: number, x: number, mode: BorderMode, out: Float64Array, at: number): void {
  const { data, width, height, channels } = image;
  const y0 = Math.floor(y);
  const x0 = Math.floor(x);
  const ty = y - y0;
  const tx = x - x0;
  const ya = borderIndex(y0, height, mode) * width;
  const yb = borderIndex(y0 + 1, height, mode) * width;
  const xa = borderIndex(x0, width, mode);
  const xb = borderIndex(x0 + 1, width, mode);
  const p00 = (ya + xa) * channels;
  const p01 = (ya + xb) * channels;
  const p10 = (yb + xa) * channels;
  const p11 = (yb + xb) * channels;
  for (let c = 0; c < channels; c++) {
    let v = data[p00 + c] * (1 - ty) * (1 - tx);
    v += data[p01 + c] * (1 - ty) * tx;
    v += data[p10 + c] * ty * (1 - tx);
    v += data[p11 + c] * ty * tx;
    out[at + c] = v;
  }
}

/** Output index → (lower source index, weight of the upper one) for scipy's zoom along one axis. */
function zoomAxis(inSize: number, outSize: number): { lo: Int32Array; hi: Int32Array; t: Float64Array } {
  const ratio = outSize > 1 ? (inSize - 1) / (outSize - 1) : 1;
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const t = new Float64Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const cc = Math.min(Math.max(o * ratio, 0), inSize - 1);
    const i0 = Math.floor(cc);
    lo[o] = i0;
    hi[o] = Math.min(i0 + 1, inSize - 1);
    t[o] = cc - i0;
  }
  return { lo, hi, t };
}

/**
 * Hendrycks' `clipped_zoom`: crop the centre ceil(n / z) pixels, zoom them by z with
 * `scipy.ndimage.zoom(order=1)` (corner-aligned: output shape round(crop·z)), trim back to the
 * original size.
 */
export function clippedZoom(image: FloatImage, zoom: number): FloatImage {
  const out = new Float64Array(image.data.length);
  zoomInto(image, zoom, out, false);
  return { ...image, data: out };
}

/** Adds the clipped zoom, rounded to float32 as SciPy stores it, to a float32 accumulator. */
export function addClippedZoom(image: FloatImage, zoom: number, into: Float32Array): void {
  zoomInto(image, zoom, into, true);
}

function zoomInto(image: FloatImage, zoom: number, out: Float64Array | Float32Array, add: boolean): void {
  const { data, width, height, channels } = image;
  const axis = (n: number) => {
    const crop = Math.ceil(n / zoom);
    const top = Math.floor((n - crop) / 2);
    const zoomed = roundHalfEven(crop * zoom);
    const trim = Math.floor((zoomed - n) / 2);
    const map = zoomAxis(crop, zoomed);
    return { top, trim, map };
  };
  const ay = axis(height);
  const ax = axis(width);
  for (let y = 0; y < height; y++) {
    const oy = y + ay.trim;
    const r0 = (ay.top + ay.map.lo[oy]) * width;
    const r1 = (ay.top + ay.map.hi[oy]) * width;
    const ty = ay.map.t[oy];
    for (let x = 0; x < width; x++) {
      const ox = x + ax.trim;
      const p00 = (r0 + ax.top + ax.map.lo[ox]) * channels;
      const p01 = (r0 + ax.top + ax.map.hi[ox]) * channels;
      const p10 = (r1 + ax.top + ax.map.lo[ox]) * channels;
      const p11 = (r1 + ax.top + ax.map.hi[ox]) * channels;
      const tx = ax.map.t[ox];
      const o = (y * width + x) * channels;
      for (let c = 0; c < channels; c++) {
        // SciPy's order-1 spline: a running sum over the corners of value·w_y·w_x, in C order.
        let v = data[p00 + c] * (1 - ty) * (1 - tx);
        v += data[p01 + c] * (1 - ty) * tx;
        v += data[p10 + c] * ty * (1 - tx);
        v += data[p11 + c] * ty * tx;
        // Float32Array stores round to float32, exactly as SciPy's float32 output then `+=`.
        if (add) out[o + c] += Math.fround(v);
        else out[o + c] = v;
      }
    }
  }
}

const PRECISION_BITS = 22; // Pillow: 32 - 8 - 2

/** Pillow's per-output-pixel bounds and fixed-point BOX coefficients for one axis. */
function boxCoefficients(inSize: number, outSize: number): { bounds: Int32Array; coeffs: Int32Array; taps: number } {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = 0.5 * filterScale;
  const taps = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const coeffs = new Int32Array(outSize * taps);
  const weights = new Float64Array(taps);
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * scale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const count = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let sum = 0;
    for (let k = 0; k < count; k++) {
      const arg = (k + xmin - center + 0.5) / filterScale;
      weights[k] = arg > -0.5 && arg <= 0.5 ? 1 : 0;
      sum += weights[k];
    }
    for (let k = 0; k < count; k++) {
      const w = sum !== 0 ? weights[k] / sum : weights[k];
      coeffs[o * taps + k] = Math.trunc(0.5 + w * (1 << PRECISION_BITS));
    }
    bounds[2 * o] = xmin;
    bounds[2 * o + 1] = count;
  }
  return { bounds, coeffs, taps };
}

const clip8 = (ss: number) => (ss >= 2 ** (PRECISION_BITS + 8) ? 255 : ss <= 0 ? 0 : Math.floor(ss / 2 ** PRECISION_BITS));

/** `PIL.Image.resize(size, Image.BOX)` on uint8 H×W×C data: horizontal pass, then vertical. */
export function pilBoxResize(src: Uint8Array, width: number, height: number, channels: number, outWidth: number, outHeight: number): Uint8Array {
  let data = src;
  let w = width;
  if (outWidth !== width) {
    const { bounds, coeffs, taps } = boxCoefficients(width, outWidth);
    const tmp = new Uint8Array(outWidth * height * channels);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < outWidth; x++) {
        const xmin = bounds[2 * x];
        const count = bounds[2 * x + 1];
        for (let c = 0; c < channels; c++) {
          let ss = 1 << (PRECISION_BITS - 1);
          for (let k = 0; k < count; k++) ss += data[(y * w + xmin + k) * channels + c] * coeffs[x * taps + k];
          tmp[(y * outWidth + x) * channels + c] = clip8(ss);
        }
      }
    }
    data = tmp;
    w = outWidth;
  }
  if (outHeight === height) return data === src ? src.slice() : data;
  const { bounds, coeffs, taps } = boxCoefficients(height, outHeight);
  const out = new Uint8Array(w * outHeight * channels);
  const stride = w * channels;
  for (let y = 0; y < outHeight; y++) {
    const ymin = bounds[2 * y];
    const count = bounds[2 * y + 1];
    for (let i = 0; i < stride; i++) {
      let ss = 1 << (PRECISION_BITS - 1);
      for (let k = 0; k < count; k++) ss += data[(ymin + k) * stride + i] * coeffs[y * taps + k];
      out[y * stride + i] = clip8(ss);
    }
  }
  return out;
}
