// Spatter (extra corruption): blobs from thresholded smoothed noise. Severities 1–3 are water
// (pale turquoise, with an embossed-looking rim from edges → distance → equalise → emboss),
// 4–5 are mud (brown, opaque).
import type { Rng } from '../base/rng';
import { gaussianFilter } from './filters';
import { fromUnit, sizeScale, toUnit, type CorruptionImage } from './image';
import * as P from './params';
import { boxBlur3, canny, chamferDistance, equalizeHist, filter3x3ToU8, saturate8 } from './spatter-ops';

const WATER = [175 / 255, 238 / 255, 238 / 255];
const MUD = [63 / 255, 42 / 255, 20 / 255];
const EMBOSS = [-2, -1, 0, -1, 1, 1, 0, 1, 2];

const grayOf = (rgb: number[]) => 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];

export function spatter(image: CorruptionImage, severity: number, rng: Rng): Uint8Array {
  const [loc, scale, sigma, threshold, intensity, mud] = P.spatter[severity - 1];
  const { width, height, channels } = image;
  const n = width * height;
  const s = sizeScale(width, height);
  const noise = new Float64Array(n);
  for (let i = 0; i < n; i++) noise[i] = loc + scale * rng.normal();
  const liquid = gaussianFilter({ data: noise, width, height, channels: 1 }, sigma * s).data;
  // Smoothing white noise with σ·s divides its spread by s; undo that so the fixed threshold
  // cuts the same share of the image at every size (the identity at 32×32).
  for (let i = 0; i < n; i++) {
    if (s !== 1) liquid[i] = loc + (liquid[i] - loc) * s;
    if (liquid[i] < threshold) liquid[i] = 0;
  }
  const x = toUnit(image).data;
  const colour = (c: number, rgb: number[]) => (channels === 1 ? grayOf(rgb) : rgb[c]);
  if (mud === 0) {
    const mask = waterMask(liquid, width, height);
    if (mask) {
      for (let p = 0; p < n; p++) {
        for (let c = 0; c < channels; c++) x[p * channels + c] += mask[p] * intensity * colour(c, WATER);
      }
    }
  } else {
    const solid = new Float64Array(n);
    for (let i = 0; i < n; i++) solid[i] = liquid[i] > threshold ? 1 : 0;
    // The reference reuses the intensity entry as the σ of the mud mask.
    const m = gaussianFilter({ data: solid, width, height, channels: 1 }, intensity * s).data;
    for (let p = 0; p < n; p++) {
      const w = m[p] < 0.8 ? 0 : m[p];
      for (let c = 0; c < channels; c++) {
        const i = p * channels + c;
        x[i] = x[i] * (1 - w) + colour(c, MUD) * w;
      }
    }
  }
  return fromUnit(x);
}

/** The water layer normalised to a maximum of 1, or null when no liquid survived the threshold. */
function waterMask(liquid: Float64Array, width: number, height: number): Float64Array | null {
  const n = width * height;
  const liquid8 = new Uint8Array(n);
  for (let i = 0; i < n; i++) liquid8[i] = Math.min(255, Math.floor(liquid[i] * 255));
  const edges = canny(liquid8, width, height, 50, 150);
  for (let i = 0; i < n; i++) edges[i] = 255 - edges[i];
  const dist = chamferDistance(edges, width, height);
  for (let i = 0; i < n; i++) if (dist[i] > 20) dist[i] = 20;
  const smoothed = boxBlur3(dist, width, height);
  const dist8 = new Uint8Array(n);
  for (let i = 0; i < n; i++) dist8[i] = Math.floor(smoothed[i]);
  const embossed = filter3x3ToU8(equalizeHist(dist8), width, height, EMBOSS);
  const rim = boxBlur3(embossed, width, height);
  const mask = new Float64Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    mask[i] = liquid8[i] * saturate8(rim[i]);
    if (mask[i] > max) max = mask[i];
  }
  if (max === 0) return null;
  for (let i = 0; i < n; i++) mask[i] /= max;
  return mask;
}
