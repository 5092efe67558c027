// Classical (Torgerson) MDS: B = −½ J D² J with J = I − 11ᵀ/M; the layout is the top eigenvectors
// of B scaled by √λ. Coordinates are unique up to rotation/reflection; the eigen-solver's sign
// convention makes them deterministic.
import { symmetricEigen } from './eigen';
import { badData } from './validate';

export interface MdsLayout {
  /** M × dims, row-major. */
  coords: Float64Array;
  dims: number;
  /** The top eigenvalues of B used (negative ones are clamped to 0 in the coordinates). */
  eigenvalues: Float64Array;
  /** Share of the positive eigenvalue mass the layout keeps (1 for an exactly 2-D configuration). */
  explained: number;
}

/** `distances` is M × M row-major, symmetric, zero diagonal. */
export function classicalMds(distances: ArrayLike<number>, m: number, dims = 2): MdsLayout {
  if (distances.length !== m * m) throw badData(`MDS: expected ${m}×${m} distances, got ${distances.length}.`);
  const sq = new Float64Array(m * m);
  for (let i = 0; i < m * m; i++) {
    if (!Number.isFinite(distances[i])) throw badData(`MDS: distance (${Math.floor(i / m)}, ${i % m}) is not finite.`);
    sq[i] = distances[i] * distances[i];
  }
  // Double centering: b_ij = −½ (d²_ij − rowMean_i − colMean_j + grandMean).
  const rowMean = new Float64Array(m);
  let grand = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) rowMean[i] += sq[i * m + j];
    grand += rowMean[i];
    rowMean[i] /= m;
  }
  grand /= m * m;
  const b = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) b[i * m + j] = -0.5 * (sq[i * m + j] - rowMean[i] - rowMean[j] + grand);
  }
  // Symmetrise exactly (rounding in the means can differ between (i, j) and (j, i)).
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) b[i * m + j] = b[j * m + i] = 0.5 * (b[i * m + j] + b[j * m + i]);

  const { values, vectors } = symmetricEigen(b, m);
  const k = Math.min(dims, m);
  const coords = new Float64Array(m * dims);
  for (let axis = 0; axis < k; axis++) {
    const s = Math.sqrt(Math.max(values[axis], 0));
    for (let i = 0; i < m; i++) coords[i * dims + axis] = vectors[axis][i] * s;
  }
  let positive = 0;
  let kept = 0;
  for (let i = 0; i < m; i++) {
    if (values[i] > 0) {
      positive += values[i];
      if (i < k) kept += values[i];
    }
  }
  return { coords, dims, eigenvalues: values.slice(0, k), explained: positive > 0 ? kept / positive : NaN };
}
