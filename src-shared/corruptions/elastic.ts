// Elastic transform (Hendrycks' version of erniejunior's gist): a random affine warp of three
// control points (OpenCV warpAffine: bilinear on a 1/32-pixel grid, reflect-101 border), then a smooth random
// displacement field (uniform noise, Gaussian-smoothed with truncate=3, scaled by α) sampled
// bilinearly with a half-sample reflect border. The random draws are a separate `ElasticField`
// so tests can feed the same field to this code and to the NumPy/SciPy reference.
import type { Rng } from '../base/rng';
import { gaussianFilter } from './filters';
import { fromUnit, roundHalfEven, toUnit, uniform, type CorruptionImage, type FloatImage } from './image';
import * as P from './params';
import { sampleBilinear } from './resample';

export interface ElasticField {
  /** pts2 − pts1 for the three control points, [x0, y0, x1, y1, x2, y2], in pixels. */
  jitter: Float64Array;
  /** H×W uniform(−1, 1) noise for the column (x) and row (y) displacements, before smoothing. */
  noiseX: Float64Array;
  noiseY: Float64Array;
}

/** The image-size unit the reference's parameters are multiplied by (32 for CIFAR). */
const sizeUnit = (width: number, height: number) => Math.min(width, height);

export function drawElasticField(width: number, height: number, severity: number, rng: Rng): ElasticField {
  const jitterMax = P.elastic[severity - 1][2] * sizeUnit(width, height);
  const jitter = new Float64Array(6);
  for (let i = 0; i < 6; i++) jitter[i] = uniform(rng, -jitterMax, jitterMax);
  const noise = () => {
    const out = new Float64Array(width * height);
    for (let i = 0; i < out.length; i++) out[i] = uniform(rng, -1, 1);
    return out;
  };
  const noiseX = noise();
  return { jitter, noiseX, noiseY: noise() };
}

/** The three control points: centre ± size//3, as (x, y). */
function controlPoints(width: number, height: number): number[] {
  const cx = Math.floor(width / 2);
  const cy = Math.floor(height / 2);
  const sq = Math.max(1, Math.floor(Math.min(width, height) / 3)); // ≥ 1 so tiny images stay non-degenerate
  return [cx + sq, cy + sq, cx + sq, cy - sq, cx - sq, cy - sq];
}

/** cv2.getAffineTransform: the 2×3 matrix taking three points `from` onto `to`. */
export function affineFromPoints(from: number[], to: number[]): Float64Array {
  const [x0, y0, x1, y1, x2, y2] = from;
  const det = x0 * (y1 - y2) - y0 * (x1 - x2) + (x1 * y2 - x2 * y1);
  // Rows of the inverse of [[x0 y0 1] [x1 y1 1] [x2 y2 1]] (adjugate / det), applied to each target coordinate.
  const inv = [
    (y1 - y2) / det, (y2 - y0) / det, (y0 - y1) / det,
    (x2 - x1) / det, (x0 - x2) / det, (x1 - x0) / det,
    (x1 * y2 - x2 * y1) / det, (x2 * y0 - x0 * y2) / det, (x0 * y1 - x1 * y0) / det,
  ];
  const m = new Float64Array(6);
  for (let r = 0; r < 2; r++) {
    const t = [to[r], to[2 + r], to[4 + r]];
    for (let k = 0; k < 3; k++) m[r * 3 + k] = inv[k * 3] * t[0] + inv[k * 3 + 1] * t[1] + inv[k * 3 + 2] * t[2];
  }
  return m;
}

function invertAffine(m: Float64Array): Float64Array {
  const [a, b, c, d, e, f] = m;
  const det = a * e - b * d;
  return new Float64Array([e / det, -b / det, (b * f - c * e) / det, -d / det, a / det, (c * d - a * f) / det]);
}

export function elasticWithField(image: CorruptionImage, severity: number, field: ElasticField): Uint8Array {
  const { width, height, channels } = image;
  const unit = sizeUnit(width, height);
  const alpha = P.elastic[severity - 1][0] * unit;
  const sigma = P.elastic[severity - 1][1] * unit;
  const src = toUnit(image);
  const from = controlPoints(width, height);
  const to = from.map((v, i) => v + field.jitter[i]);
  // warpAffine maps every destination pixel back through the inverse transform, on OpenCV's
  // fixed-point grid: 1/1024-pixel terms, summed and rounded to 1/32 pixel.
  const back = invertAffine(affineFromPoints(from, to));
  const onGrid = (rowTerm: number, colTerm: number) => Math.floor((roundHalfEven(rowTerm * 1024) + 16 + roundHalfEven(colTerm * 1024)) / 32) / 32;
  const warped: FloatImage = { data: new Float64Array(src.data.length), width, height, channels };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = onGrid(back[1] * y + back[2], back[0] * x);
      const sy = onGrid(back[4] * y + back[5], back[3] * x);
      sampleBilinear(src, sy, sx, 'mirror', warped.data, (y * width + x) * channels);
    }
  }
  const smooth = (noise: Float64Array) => gaussianFilter({ data: noise, width, height, channels: 1 }, sigma, 'reflect', 3).data;
  const dx = smooth(field.noiseX);
  const dy = smooth(field.noiseY);
  const out = new Float64Array(src.data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      sampleBilinear(warped, y + alpha * dy[p], x + alpha * dx[p], 'reflect', out, p * channels);
    }
  }
  return fromUnit(out);
}

export function elasticTransform(image: CorruptionImage, severity: number, rng: Rng): Uint8Array {
  return elasticWithField(image, severity, drawElasticField(image.width, image.height, severity, rng));
}
