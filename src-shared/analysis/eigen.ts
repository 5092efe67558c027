// Symmetric eigen-decomposition by cyclic Jacobi rotations: simple, accurate and plenty fast for
// the small matrices here (models × models, M ≤ 64).
import { badData } from './validate';

export interface SymmetricEigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** vectors[k] is the unit eigenvector of values[k]; its largest-magnitude entry is positive. */
  vectors: Float64Array[];
}

const MAX_SWEEPS = 100;

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
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;

  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    if (off <= 1e-30 * scale * scale || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        // Rotation angle that zeroes a[p][q] (Numerical Recipes' stable form).
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }

  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y] - a[x * n + x] || x - y);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = order.map((col) => {
    const vec = Float64Array.from({ length: n }, (_, k) => v[k * n + col]);
    let big = 0;
    for (let k = 1; k < n; k++) if (Math.abs(vec[k]) > Math.abs(vec[big]) + 1e-12) big = k;
    if (vec[big] < 0) for (let k = 0; k < n; k++) vec[k] = -vec[k];
    return vec;
  });
  return { values, vectors };
}
