// Occlusion heat maps over the sample image: red where hiding a patch hurts the true class
// (angle to it grows, length or margin shrink), blue where it helps; opacity grows with |Δ|.
import type { OcclusionResult } from '../../../../src-shared/api/result-types';
import type { ValueScale } from '../../../../src-shared/util/value-scales';
import { diverging } from '../../state/color-scales';

export type AttributionMetric = 'angleGt' | 'length' | 'logitMargin';

/** +1 when an increase of the metric is good for the true class, −1 when it is bad. */
export const helpfulSign: Record<AttributionMetric, 1 | -1> = { angleGt: -1, length: 1, logitMargin: 1 };

/** Largest |Δ| over several maps (one colour scale for every model shown). */
export function sharedExtent(maps: Float32Array[]): number {
  let max = 0;
  for (const m of maps) for (let i = 0; i < m.length; i++) if (Math.abs(m[i]) > max) max = Math.abs(m[i]);
  return max > 0 ? max : 1;
}

/** A change as −1 (hurts the true class the most shown) … +1 (helps it the most shown). */
const helpfulness = (delta: number, extent: number, sign: 1 | -1): number => Math.max(-1, Math.min(1, (sign * delta) / extent));

/** RGBA of the grey image blended with the signed change per pixel. */
export function attributionRgba(delta: Float32Array, image: Uint8Array, width: number, height: number, channels: number, extent: number, sign: 1 | -1): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    let grey = 0;
    for (let c = 0; c < Math.min(3, channels); c++) grey += image[p * channels + c];
    grey /= Math.min(3, channels);
    const t = helpfulness(delta[p], extent, sign);
    const [r, g, b] = diverging(t);
    const alpha = Math.abs(t) * 0.85;
    out[p * 4] = grey * (1 - alpha) + r * 255 * alpha;
    out[p * 4 + 1] = grey * (1 - alpha) + g * 255 * alpha;
    out[p * 4 + 2] = grey * (1 - alpha) + b * 255 * alpha;
    out[p * 4 + 3] = 255;
  }
  return out;
}

export function mapOf(result: OcclusionResult, metric: AttributionMetric): Float32Array {
  return result[metric];
}

const metricNames: Record<AttributionMetric, string> = { angleGt: 'angle to true class (°)', length: 'feature length', logitMargin: 'logit margin' };

/** The legend of the maps shown: the metric's change with its unit, ±extent at full colour (shared by the maps). */
export function occlusionScale(metric: AttributionMetric, extent: number): ValueScale {
  const sign = helpfulSign[metric];
  const f = (v: number) => (v === 0 ? '0' : `${v > 0 ? '+' : '−'}${Math.abs(v).toPrecision(2)}`);
  return {
    id: 'occlusion',
    title: `change in ${metricNames[metric]} when a patch is hidden`,
    domain: sign > 0 ? [-extent, extent] : [extent, -extent],
    ticks: [-extent, 0, extent].map((value) => ({ value, label: f(value) })),
    note: 'red: hiding the patch hurts the true class, blue: helps; one scale for the maps shown',
    color: (v) => (Number.isFinite(v) ? diverging(helpfulness(v, extent, sign)) : null),
  };
}
