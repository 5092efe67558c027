// Symmetric eigen-decomposition for the analytics (MDS): checks the input, runs the one solver
// (projection/eigen-sym.ts) and makes each eigenvector's sign deterministic.
import { symmetricEigenRows } from '../projection/eigen-sym';
import { badData } from './validate';

export interface SymmetricEigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** vectors[k] is the unit eigenvector of values[k]; its largest-magnitude entry is positive. */
  vectors: Float64Array[];
}

/** `matrix` is n × n row-major and must be symmetric (checked to a relative 1e-9). */
export function symmetricEigen(matrix: ArrayLike<number>, n: number): SymmetricEigen {
  if (matrix.length !== n * n) throw badData(`eigen-solver: expected ${n}×${n} = ${n * n} values, got ${matrix.length}.`);
  const a = Float64Array.from(matrix);
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(a[i * n + j] - a[j * n + i]) > 1e-9 * scale) throw badData(`eigen-solver: matrix is not symmetric at (${i}, ${j}).`);
    }
  }
  // The one solver (Householder + QL); vectors come as rows, largest eigenvalue first.
  const eig = symmetricEigenRows(a, n);
  const values = eig.values;
  const vectors = Array.from({ length: n }, (_, t) => {
    const vec = eig.vectors.slice(t * n, (t + 1) * n);
    let big = 0;
    for (let k = 1; k < n; k++) if (Math.abs(vec[k]) > Math.abs(vec[big]) + 1e-12) big = k;
    if (vec[big] < 0) for (let k = 0; k < n; k++) vec[k] = -vec[k];
    return vec;
  });
  return { values, vectors };
}
