// Density-aware opacity for large clouds: at 10,000+ points a cluster drawn at full opacity is
// one solid blob. Each point's local density is a count on a cheap grid over the view's [-1, 1]³
// box, and its opacity falls as 1/√density once its cell holds more than a few points, so sparse
// points stay fully visible while dense clusters turn translucent and show their inner structure.
// View-independent (computed once per cloud), O(n) time and a fixed G³ counter array.

export interface DensityOptions {
  /** Grid cells per axis. */
  grid?: number;
  /** A cell with at most this many points draws them fully opaque. */
  opaqueCount?: number;
  /** The lowest opacity factor, so no point vanishes. */
  minOpacity?: number;
}

export const DENSITY_GRID = 32;
export const OPAQUE_COUNT = 4;
export const MIN_DENSITY_OPACITY = 0.1;

/** Per point (x y z triples in [-1, 1]³; NaN for none) an opacity factor in [minOpacity, 1]: min(1, √(opaqueCount / cell count)). */
export function densityOpacity(positions: Float32Array, options: DensityOptions = {}): Float32Array {
  const grid = options.grid ?? DENSITY_GRID;
  const opaque = options.opaqueCount ?? OPAQUE_COUNT;
  const floor = options.minOpacity ?? MIN_DENSITY_OPACITY;
  const n = Math.floor(positions.length / 3);
  const cellOf = new Int32Array(n);
  const counts = new Int32Array(grid * grid * grid);
  const axis = (v: number) => Math.min(grid - 1, Math.max(0, Math.floor(((v + 1) / 2) * grid)));
  for (let i = 0; i < n; i++) {
    const x = positions[3 * i], y = positions[3 * i + 1], z = positions[3 * i + 2];
    if (!(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z))) {
      cellOf[i] = -1;
      continue;
    }
    const cell = (axis(x) * grid + axis(y)) * grid + axis(z);
    cellOf[i] = cell;
    counts[cell]++;
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const count = cellOf[i] < 0 ? 0 : counts[cellOf[i]];
    out[i] = count <= opaque ? 1 : Math.max(floor, Math.sqrt(opaque / count));
  }
  return out;
}
