// GPU buffers for the 3-D views, built in the compute worker: positions normalised jointly over
// all shown models (so displacement between models is comparable), colours by category, class
// or a metric, and the per-point state (faded / selected / hovered) the shader reads.
import { categoryColors, deriveCategories } from '../state/categories';
import type { Rgb } from '../state/color-scales';
import { classColor, viridis } from '../state/color-scales';

export interface Bounds {
  lo: [number, number, number];
  hi: [number, number, number];
}

/** Per-dimension 0.5 %–99.5 % quantiles over every source (a strided subsample), so a few outliers do not squash the cloud. */
export function robustBounds(sources: { data: Float32Array; stride: number; dims: number }[], maxSamples = 4096): Bounds {
  const lo: [number, number, number] = [-1, -1, -1];
  const hi: [number, number, number] = [1, 1, 1];
  for (let d = 0; d < 3; d++) {
    const values: number[] = [];
    for (const s of sources) {
      if (d >= s.dims) continue;
      const n = Math.floor(s.data.length / s.stride);
      const step = Math.max(1, Math.floor((n * sources.length) / maxSamples));
      for (let i = 0; i < n; i += step) {
        const v = s.data[i * s.stride + d];
        if (Number.isFinite(v)) values.push(v);
      }
    }
    if (values.length === 0) continue;
    values.sort((a, b) => a - b);
    const q = (p: number) => values[Math.min(values.length - 1, Math.max(0, Math.round(p * (values.length - 1))))];
    lo[d] = q(0.005);
    hi[d] = q(0.995);
    if (!(hi[d] > lo[d])) {
      lo[d] -= 0.5;
      hi[d] += 0.5;
    }
  }
  return { lo, hi };
}

/** Maps `dims` coordinates per point (row stride `stride`) into [-1, 1]³ (z = 0 for 2-D). NaN stays NaN. */
export function normalizePositions(data: Float32Array, stride: number, dims: number, bounds: Bounds): Float32Array {
  const n = Math.floor(data.length / stride);
  const out = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < 3; d++) {
      out[i * 3 + d] = d < dims ? (2 * (data[i * stride + d] - bounds.lo[d])) / (bounds.hi[d] - bounds.lo[d]) - 1 : 0;
    }
  }
  return out;
}

/** How many points (x, y, z triples) across the slots have a coordinate that is not finite. */
export function countNonFinitePoints(positions: Float32Array[]): number {
  let count = 0;
  for (const p of positions) {
    for (let i = 0; i + 2 < p.length; i += 3) {
      if (!Number.isFinite(p[i]) || !Number.isFinite(p[i + 1]) || !Number.isFinite(p[i + 2])) count++;
    }
  }
  return count;
}

/** Interleaves separate per-axis arrays (e.g. angle, length, margin) into an N × 3 array. */
export function interleave(x: Float32Array, y: Float32Array, z: Float32Array): Float32Array {
  const out = new Float32Array(x.length * 3);
  for (let i = 0; i < x.length; i++) {
    out[i * 3] = x[i];
    out[i * 3 + 1] = y[i];
    out[i * 3 + 2] = z[i];
  }
  return out;
}

export function colorsFrom(count: number, colorOf: (i: number) => Rgb): Float32Array {
  const out = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) {
    const c = colorOf(i);
    out[i * 3] = c[0];
    out[i * 3 + 1] = c[1];
    out[i * 3 + 2] = c[2];
  }
  return out;
}

export type ColorSource =
  | { kind: 'category'; category: Uint8Array; correct: Uint8Array; cleanCorrect: Uint8Array | null }
  | { kind: 'class'; labels: Int32Array }
  | { kind: 'metric'; values: Float32Array; range: [number, number] | null };

export function colorBuffer(count: number, source: ColorSource): { colors: Float32Array; categories: Uint8Array | null } {
  if (source.kind === 'category') {
    const categories = deriveCategories({ count, category: source.category, correct: source.correct }, source.cleanCorrect);
    return { colors: colorsFrom(count, (i) => categoryColors[categories[i]]), categories };
  }
  if (source.kind === 'class') return { colors: colorsFrom(count, (i) => classColor(source.labels[i])), categories: null };
  const [lo, hi] = source.range ?? [0, 1];
  return { colors: colorsFrom(count, (i) => viridis((source.values[i] - lo) / (hi - lo || 1))), categories: null };
}

export const STATE_NORMAL = 0;
export const STATE_FADED = 1;
export const STATE_SELECTED = 2;
export const STATE_HOVERED = 3;

/** Per-point state: faded where the filter mask is 0, then selected, then hovered on top. */
export function fillStates(out: Float32Array, mask: Uint8Array | null, selected: readonly number[], hovered: number | null): void {
  if (mask && mask.length === out.length) for (let i = 0; i < out.length; i++) out[i] = mask[i] ? STATE_NORMAL : STATE_FADED;
  else out.fill(STATE_NORMAL);
  for (const i of selected) if (i < out.length) out[i] = STATE_SELECTED;
  if (hovered !== null && hovered < out.length) out[hovered] = STATE_HOVERED;
}

/** The state one point should have (for cheap single-point updates on hover). */
export function stateOf(i: number, mask: Uint8Array | null, selected: ReadonlySet<number>, hovered: number | null): number {
  if (i === hovered) return STATE_HOVERED;
  if (selected.has(i)) return STATE_SELECTED;
  return mask && mask.length > i && !mask[i] ? STATE_FADED : STATE_NORMAL;
}
