// Principal component analysis: covariance (optionally on a row subsample, since directions
// converge long before n does) → symmetric eigen-decomposition → top-k components. Used to
// shrink wide features before kNN, to initialise UMAP layouts and as an instant fallback view.
import { PruneLensError } from '../base/errors';
import { checkAborted } from '../base/abort';
import { sampleIndices } from '../base/rng';
import type { Rng } from '../base/rng';
import { symmetricEigenRows } from './eigen-sym';

export interface PcaModel {
  dim: number;
  nComponents: number;
  mean: Float64Array;
  /** Component t (unit length) at [t*dim, (t+1)*dim); sign fixed so its largest |entry| is positive. */
  components: Float64Array;
  /** Variance along each component (denominator rows − 1, as sklearn's explained_variance_). */
  explainedVariance: Float64Array;
  /** Sum of all variances (trace of the covariance). */
  totalVariance: number;
}

export interface PcaOptions {
  /** Estimate the covariance from at most this many rows (default 20,000). */
  maxSamples?: number;
  /** Picks the subsample rows; without it every ⌈n/maxSamples⌉-th row is used. */
  rng?: Rng;
  signal?: AbortSignal;
}

export function fitPca(data: Float32Array, n: number, dim: number, nComponents: number, options: PcaOptions = {}): PcaModel {
  if (data.length !== n * dim) throw new PruneLensError('bad-request', `PCA: data has ${data.length} values, expected ${n}×${dim}.`);
  if (n < 2) throw new PruneLensError('bad-data', `PCA needs at least 2 rows, got ${n}.`);
  const k = Math.max(1, Math.min(nComponents, dim));
  const rows = sampleRows(n, options.maxSamples ?? 20_000, options.rng);
  const m = rows.length;
  const mean = new Float64Array(dim);
  for (const r of rows) for (let d = 0; d < dim; d++) mean[d] += data[r * dim + d];
  for (let d = 0; d < dim; d++) mean[d] /= m;
  const cov = accumulateScatter(data, dim, rows, mean, options.signal);
  let totalVariance = 0;
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) cov[b * dim + a] = cov[a * dim + b] /= m - 1;
    totalVariance += cov[a * dim + a];
  }
  checkAborted(options.signal);
  const eig = symmetricEigenRows(cov, dim);
  const components = eig.vectors.slice(0, k * dim);
  for (let t = 0; t < k; t++) {
    let big = 0;
    for (let d = 0; d < dim; d++) if (Math.abs(components[t * dim + d]) > Math.abs(big)) big = components[t * dim + d];
    if (big < 0) for (let d = 0; d < dim; d++) components[t * dim + d] = -components[t * dim + d];
  }
  const explainedVariance = eig.values.slice(0, k).map((v) => Math.max(0, v));
  return { dim, nComponents: k, mean, components, explainedVariance, totalVariance };
}

/** Coordinates of `n` rows in the model's components (n×nComponents). */
export function projectPca(model: PcaModel, data: Float32Array, n: number): Float32Array {
  const { dim, nComponents: k, mean, components } = model;
  const out = new Float32Array(n * k);
  const x = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dim; d++) x[d] = data[i * dim + d] - mean[d];
    for (let t = 0; t < k; t++) {
      let s = 0;
      const base = t * dim;
      for (let d = 0; d < dim; d++) s += x[d] * components[base + d];
      out[i * k + t] = s;
    }
  }
  return out;
}

/** Fit and project in one go. */
export function pca(data: Float32Array, n: number, dim: number, nComponents: number, options: PcaOptions = {}): { model: PcaModel; projected: Float32Array } {
  const model = fitPca(data, n, dim, nComponents, options);
  return { model, projected: projectPca(model, data, n) };
}

const BLOCK_ROWS = 1024;

/**
 * Upper triangle of Σ (x − mean)(x − mean)ᵀ over `rows`. Rows are copied a block at a time into
 * column-major order so each entry is a contiguous dot product: a row-by-row rank-1 update
 * would stream the whole dim² matrix through memory once per row.
 */
function accumulateScatter(data: Float32Array, dim: number, rows: Int32Array, mean: Float64Array, signal: AbortSignal | undefined): Float64Array {
  const cov = new Float64Array(dim * dim);
  const block = new Float64Array(dim * BLOCK_ROWS);
  for (let start = 0; start < rows.length; start += BLOCK_ROWS) {
    checkAborted(signal);
    const len = Math.min(BLOCK_ROWS, rows.length - start);
    for (let t = 0; t < len; t++) {
      const base = rows[start + t] * dim;
      for (let d = 0; d < dim; d++) block[d * BLOCK_ROWS + t] = data[base + d] - mean[d];
    }
    for (let a = 0; a < dim; a++) {
      const pa = a * BLOCK_ROWS;
      for (let b = a; b < dim; b++) {
        const pb = b * BLOCK_ROWS;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        let t = 0;
        for (; t + 3 < len; t += 4) {
          s0 += block[pa + t] * block[pb + t];
          s1 += block[pa + t + 1] * block[pb + t + 1];
          s2 += block[pa + t + 2] * block[pb + t + 2];
          s3 += block[pa + t + 3] * block[pb + t + 3];
        }
        for (; t < len; t++) s0 += block[pa + t] * block[pb + t];
        cov[a * dim + b] += s0 + s1 + s2 + s3;
      }
    }
  }
  return cov;
}

function sampleRows(n: number, maxSamples: number, rng: Rng | undefined): Int32Array {
  if (n <= maxSamples) return Int32Array.from({ length: n }, (_, i) => i);
  if (!rng) {
    const step = Math.ceil(n / maxSamples);
    return Int32Array.from({ length: Math.ceil(n / step) }, (_, i) => i * step);
  }
  return sampleIndices(n, maxSamples, rng);
}
