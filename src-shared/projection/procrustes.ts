// Similarity Procrustes: the rotation (or reflection), uniform scale and translation that
// best map one point cloud onto another in least squares. With centred X (reference) and Y
// (moving), M = YᵀX = U·S·Vᵀ gives R = U·Vᵀ and scale = trace(S)/‖Y‖²; a reflection is
// turned into a rotation, when asked, by flipping the weakest singular direction.
import { PruneLensError } from '../base/errors';
import { svd } from './small-svd';

export interface ProcrustesOptions {
  /** Allow mirror images (default true: UMAP layouts have no preferred handedness). */
  allowReflection?: boolean;
  /** Fit a uniform scale (default true). */
  allowScale?: boolean;
}

export interface ProcrustesResult {
  /** dim×dim, row-major: aligned = scale · (moving · rotation) + translation. */
  rotation: Float64Array;
  scale: number;
  translation: Float64Array;
  aligned: Float32Array;
  /** RMS distance aligned ↔ reference over the reference's RMS distance to its centroid. */
  residual: number;
  /** The same for the moving points as given (no alignment). */
  residualBefore: number;
}

export function procrustes(reference: Float32Array, moving: Float32Array, n: number, dim: number, options: ProcrustesOptions = {}): ProcrustesResult {
  if (reference.length !== n * dim || moving.length !== n * dim) throw new PruneLensError('bad-request', `procrustes: expected two ${n}×${dim} arrays, got ${reference.length} and ${moving.length} values.`);
  if (n < 1) throw new PruneLensError('bad-request', 'procrustes: needs at least one point.');
  const muX = centroid(reference, n, dim);
  const muY = centroid(moving, n, dim);
  const cross = new Float64Array(dim * dim);
  let normY = 0, normX = 0;
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < dim; a++) {
      const y = moving[i * dim + a] - muY[a];
      normY += y * y;
      const xa = reference[i * dim + a] - muX[a];
      normX += xa * xa;
      for (let b = 0; b < dim; b++) cross[a * dim + b] += y * (reference[i * dim + b] - muX[b]);
    }
  }
  const { u, s, v } = svd(cross, dim, dim);
  let trace = s.reduce((t, x) => t + x, 0);
  if (options.allowReflection === false && determinant(u, dim) * determinant(v, dim) < 0) {
    for (let r = 0; r < dim; r++) u[r * dim + dim - 1] = -u[r * dim + dim - 1];
    trace -= 2 * s[dim - 1];
  }
  const rotation = new Float64Array(dim * dim);
  for (let a = 0; a < dim; a++) {
    for (let b = 0; b < dim; b++) {
      let sum = 0;
      for (let c = 0; c < dim; c++) sum += u[a * dim + c] * v[b * dim + c];
      rotation[a * dim + b] = sum;
    }
  }
  const scale = options.allowScale === false || normY === 0 ? 1 : trace / normY;
  const translation = new Float64Array(dim);
  for (let b = 0; b < dim; b++) {
    let sum = 0;
    for (let a = 0; a < dim; a++) sum += muY[a] * rotation[a * dim + b];
    translation[b] = muX[b] - scale * sum;
  }
  const aligned = applySimilarity(moving, n, dim, rotation, scale, translation);
  const spread = Math.sqrt(normX / n) || 1;
  return { rotation, scale, translation, aligned, residual: rmsDistance(aligned, reference, n) / spread, residualBefore: rmsDistance(moving, reference, n) / spread };
}

export function applySimilarity(points: Float32Array, n: number, dim: number, rotation: Float64Array, scale: number, translation: Float64Array): Float32Array {
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < dim; b++) {
      let sum = 0;
      for (let a = 0; a < dim; a++) sum += points[i * dim + a] * rotation[a * dim + b];
      out[i * dim + b] = scale * sum + translation[b];
    }
  }
  return out;
}

function centroid(points: Float32Array, n: number, dim: number): Float64Array {
  const mu = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let a = 0; a < dim; a++) mu[a] += points[i * dim + a];
  for (let a = 0; a < dim; a++) mu[a] /= n;
  return mu;
}

/** √(mean over the n points of the squared distance between matching points). */
function rmsDistance(p: Float32Array, q: Float32Array, n: number): number {
  let sum = 0;
  for (let t = 0; t < p.length; t++) sum += (p[t] - q[t]) ** 2;
  return Math.sqrt(sum / n);
}

function determinant(m: Float64Array, dim: number): number {
  if (dim === 1) return m[0];
  if (dim === 2) return m[0] * m[3] - m[1] * m[2];
  if (dim === 3) return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
  // Larger: Gaussian elimination with partial pivoting.
  const a = Float64Array.from(m);
  let det = 1;
  for (let c = 0; c < dim; c++) {
    let pivot = c;
    for (let r = c + 1; r < dim; r++) if (Math.abs(a[r * dim + c]) > Math.abs(a[pivot * dim + c])) pivot = r;
    if (a[pivot * dim + c] === 0) return 0;
    if (pivot !== c) {
      for (let k = 0; k < dim; k++) [a[c * dim + k], a[pivot * dim + k]] = [a[pivot * dim + k], a[c * dim + k]];
      det = -det;
    }
    det *= a[c * dim + c];
    for (let r = c + 1; r < dim; r++) {
      const f = a[r * dim + c] / a[c * dim + c];
      for (let k = c; k < dim; k++) a[r * dim + k] -= f * a[c * dim + k];
    }
  }
  return det;
}
