// Starting positions for a layout: the top principal components of the data (cheap, keeps
// global structure; umap-learn defaults to a spectral init instead), random, or a given
// embedding (alignment). All are rescaled per axis to [0, 10] as umap-learn does before SGD.
import { PruneLensError } from '../base/errors';
import type { Rng } from '../base/rng';
import { pca } from './pca';

export type InitMethod = 'pca' | 'random';

export function pcaInit(data: Float32Array, n: number, dim: number, nComponents: number, rng: Rng, signal?: AbortSignal): Float32Array {
  if (n < 2 || dim < 1) return randomInit(n, nComponents, rng);
  const { projected, model } = pca(data, n, dim, nComponents, { rng, maxSamples: 10_000, signal });
  return principalInit(projected, n, model.nComponents, nComponents, rng);
}

/**
 * The same from rows already in principal coordinates (n × dim, the strongest axis first: UMAP's
 * input after its own PCA), without a second PCA: their first nComponents columns.
 */
export function principalInit(projected: Float32Array, n: number, dim: number, nComponents: number, rng: Rng): Float32Array {
  // Fewer input dims than output dims: pad the missing axes with small noise.
  const out = new Float32Array(n * nComponents);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < nComponents; c++) out[i * nComponents + c] = c < dim ? projected[i * dim + c] : 0;
  }
  // Tiny jitter separates exact duplicates, which SGD could otherwise never pull apart.
  let scale = 0;
  for (let t = 0; t < out.length; t++) scale = Math.max(scale, Math.abs(out[t]));
  const jitter = (scale || 1) * 1e-4;
  for (let t = 0; t < out.length; t++) out[t] += rng.normal() * jitter;
  return rescaleToBox(out, n, nComponents);
}

export function randomInit(n: number, nComponents: number, rng: Rng): Float32Array {
  const out = new Float32Array(n * nComponents);
  for (let t = 0; t < out.length; t++) out[t] = rng.next() * 20 - 10;
  return rescaleToBox(out, n, nComponents);
}

export function givenInit(initial: Float32Array, n: number, nComponents: number): Float32Array {
  if (initial.length !== n * nComponents) {
    throw new PruneLensError('bad-request', `UMAP: initialEmbedding has ${initial.length} values, expected ${n}×${nComponents}.`);
  }
  for (let t = 0; t < initial.length; t++) {
    if (!Number.isFinite(initial[t])) throw new PruneLensError('bad-request', `UMAP: initialEmbedding[${t}] is not finite.`);
  }
  return rescaleToBox(initial.slice(), n, nComponents);
}

/** Maps every axis affinely onto [0, 10] in place (a constant axis goes to 5). */
export function rescaleToBox(points: Float32Array, n: number, dim: number): Float32Array {
  for (let c = 0; c < dim; c++) {
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = points[i * dim + c];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const range = hi - lo;
    for (let i = 0; i < n; i++) points[i * dim + c] = range > 0 ? (10 * (points[i * dim + c] - lo)) / range : 5;
  }
  return points;
}
