// Line overlays of the 3-D views: dense → pruned displacement of the selected samples, and the
// path of the focused sample through clean → severity 1 … 5 of the current corruption.
import type { Bounds } from '../../compute/point-buffers';

export const MAX_DISPLACEMENT_LINES = 2000;

/** Segments from each selected sample's position in the dense view to its position in this view. */
export function displacementSegments(dense: Float32Array, model: Float32Array, selected: readonly number[]): Float32Array {
  const n = Math.min(selected.length, MAX_DISPLACEMENT_LINES);
  const out = new Float32Array(n * 6);
  let k = 0;
  for (let s = 0; s < n; s++) {
    const i = selected[s];
    if (3 * i + 2 >= dense.length || 3 * i + 2 >= model.length) continue;
    const a = dense.subarray(3 * i, 3 * i + 3);
    const b = model.subarray(3 * i, 3 * i + 3);
    if (!(Number.isFinite(a[0] + a[1] + a[2]) && Number.isFinite(b[0] + b[1] + b[2]))) continue;
    out.set(a, k);
    out.set(b, k + 3);
    k += 6;
  }
  return out.slice(0, k);
}

/** One sample's point from raw coordinates, normalised like the point buffers. */
export function normalizedPoint(data: Float32Array, stride: number, dims: number, i: number, bounds: Bounds): [number, number, number] | null {
  const p: [number, number, number] = [0, 0, 0];
  for (let d = 0; d < dims && d < 3; d++) {
    const v = data[i * stride + d];
    if (!Number.isFinite(v)) return null;
    p[d] = (2 * (v - bounds.lo[d])) / (bounds.hi[d] - bounds.lo[d]) - 1;
  }
  return p;
}

/** Segments joining consecutive known points (a gap where a severity is missing). */
export function pathSegments(points: ([number, number, number] | null)[]): Float32Array {
  const out: number[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k];
    const b = points[k + 1];
    if (a && b) out.push(...a, ...b);
  }
  return Float32Array.from(out);
}
