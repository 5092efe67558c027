// The image type every corruption takes (H×W×C uint8, interleaved) and the float conversions
// shared by them. Working values are in [0, 1] as in Hendrycks' reference (x / 255).

export interface CorruptionImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** A float working copy: same layout, values x / 255. */
export interface FloatImage {
  data: Float64Array;
  width: number;
  height: number;
  channels: number;
}

export function toUnit(image: CorruptionImage): FloatImage {
  const { data, width, height, channels } = image;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] / 255;
  return { data: out, width, height, channels };
}

/**
 * Back to uint8 the way the reference does it: `np.uint8(np.clip(x, 0, 1) * 255)`, i.e. the cast
 * truncates (floor for non-negative values) rather than rounds.
 */
export function fromUnit(values: ArrayLike<number>, float32 = false): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // With float32 the product is rounded to float32 first, as NumPy does for float32 arrays.
    out[i] = v >= 1 ? 255 : v > 0 ? Math.floor(float32 ? Math.fround(v * 255) : v * 255) : 0;
  }
  return out;
}

/** Clamps and rounds 0..255 values (for results of filters that round, as ImageMagick and OpenCV do). */
export function roundToByte(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v >= 255 ? 255 : v > 0 ? Math.round(v) : 0;
  }
  return out;
}

/** How much larger than CIFAR's 32×32 this image is: radii, sigmas and pixel counts scale by it. */
export function sizeScale(width: number, height: number): number {
  return Math.min(width, height) / 32;
}

/** Python's round(): halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** ITU-R 601 luma, as OpenCV's RGB2GRAY: 0.299 R + 0.587 G + 0.114 B (one value per pixel). */
export function luma(image: FloatImage): Float64Array {
  const { data, width, height, channels } = image;
  const n = width * height;
  if (channels === 1) return data.slice();
  const out = new Float64Array(n);
  for (let p = 0, i = 0; p < n; p++, i += 3) out[p] = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
  return out;
}

/** A uniform draw in [low, high). */
export function uniform(rng: { next(): number }, low: number, high: number): number {
  return low + (high - low) * rng.next();
}
